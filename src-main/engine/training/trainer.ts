/**
 * The training loop: epochs of batches through the configured objective and update rule, with the
 * schedule's learning rate, progress reports, prompt cancellation, divergence detection, SWA, and
 * per-epoch history. Deterministic for a seed on the cpu and wasm backends.
 */
import type { MethodConfig } from '../../../src-shared/config/method';
import type { TrainingConfig } from '../../../src-shared/config/training';
import { deriveSeed, Rng } from '../../math/prng';
import type { Model, NamedWeights } from '../models/model';
import { tf, type Tensor } from '../tf';
import { epochBatches, gatherBatch, type SampleSource } from './batches';
import { composeLoss } from './loss-composition';
import { createObjective, type TrainBatch } from './objectives/objective';
import { createOptimizer } from './optimizers/optimizer';
import { learningRate } from './schedule';
import { SwaAverager } from './swa';
import { createUpdate } from './updates/update';

export interface TrainProgress {
  epoch: number;
  epochs: number;
  step: number;
  stepsPerEpoch: number;
  loss: number;
  accuracy: number;
  samplesPerSecond: number;
  etaSeconds: number;
  lr: number;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
  lr: number;
  seconds: number;
  samples: number;
  /** DP-SGD: fraction of per-sample gradients that were clipped. */
  clippedFraction?: number;
  /** DP-SGD: ε after this epoch (at the method's δ). */
  epsilon?: number;
}

export interface TrainResult {
  history: EpochRecord[];
  steps: number;
  seconds: number;
  samplesPerSecond: number;
}

/** Everything needed to continue training exactly where it stopped. */
export interface TrainCheckpoint {
  /** Epochs completed. */
  epoch: number;
  steps: number;
  firstEpochLoss: number | null;
  history: EpochRecord[];
  /** The model's parameters and buffers. */
  weights: NamedWeights;
  optimizer: NamedWeights;
  swa: NamedWeights | null;
}

export interface TrainJob {
  model: Model;
  data: SampleSource;
  /** The samples this model trains on. */
  trainIndices: Int32Array;
  training: TrainingConfig;
  method: MethodConfig;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (progress: TrainProgress) => void;
  progressIntervalMs?: number;
  /** DP-SGD: ε after `steps` steps, for the history (the accountant lives outside the loop). */
  epsilonAfter?: (steps: number) => number;
  /** Continue from this checkpoint instead of epoch 0. */
  resumeFrom?: TrainCheckpoint;
  /** Called every `training.checkpointEvery` epochs. */
  onCheckpoint?: (checkpoint: TrainCheckpoint) => Promise<void>;
}

export class CancelledError extends Error {
  constructor() {
    super('Training was cancelled.');
    this.name = 'CancelledError';
  }
}

export class DivergenceError extends Error {
  constructor(
    readonly epoch: number,
    readonly step: number,
    readonly loss: number,
    reason: string,
  ) {
    super(`Training diverged at epoch ${epoch}, step ${step}: ${reason}.`);
    this.name = 'DivergenceError';
  }
}

/** Reads and resets an accumulating scalar. */
async function drain(sum: Tensor | null): Promise<number> {
  if (!sum) return 0;
  const [value] = await sum.data();
  sum.dispose();
  return value!;
}

const accumulate = (sum: Tensor | null, value: Tensor): Tensor => {
  if (!sum) return value;
  const next = tf.add(sum, value);
  sum.dispose();
  value.dispose();
  return next;
};

/** Trains `job.model` in place and returns its history. */
export async function trainModel(job: TrainJob): Promise<TrainResult> {
  const { model, data, training, method } = job;
  const objective = createObjective(method.objective);
  const update = createUpdate(method.update);
  const optimizer = createOptimizer(training.optimizer);
  const dp = method.update.kind === 'dp-sgd' ? method.update : null;
  const sharpreg = method.update.kind === 'sharpreg' ? method.update : undefined;
  const sampling = dp?.sampling === 'poisson' ? 'poisson' : 'shuffle';
  const expectedBatchSize = dp?.sampling === 'poisson' ? Math.min(training.batchSize, job.trainIndices.length) : training.batchSize;
  const swa = training.swa ? new SwaAverager(model) : null;
  const started = performance.now();
  const interval = job.progressIntervalMs ?? 500;
  const resume = job.resumeFrom;
  const history: EpochRecord[] = resume ? [...resume.history] : [];
  let steps = resume?.steps ?? 0;
  let samplesSeen = 0;
  let firstEpochLoss: number | null = resume?.firstEpochLoss ?? null;
  if (resume) {
    model.setWeights(resume.weights);
    optimizer.setState(model.params, resume.optimizer);
    if (resume.swa) swa?.setState(resume.swa);
  }

  try {
    for (let epoch = resume?.epoch ?? 0; epoch < training.epochs; epoch++) {
      // Each epoch has its own stream, so a run resumed from a checkpoint repeats exactly.
      const rng = new Rng(deriveSeed(job.seed, 'training', epoch));
      const batches = epochBatches(job.trainIndices, training.batchSize, sampling, rng);
      const epochStart = performance.now();
      let epochLoss = 0;
      let epochCorrect = 0;
      let epochSamples = 0;
      let epochClipped = 0;
      let lossSum: Tensor | null = null;
      let correctSum: Tensor | null = null;
      let clippedSum: Tensor | null = null;
      let windowSamples = 0;
      let lastReport = performance.now();
      let lr = 0;

      const flush = async (step: number) => {
        const loss = await drain(lossSum);
        const correct = await drain(correctSum);
        epochClipped += await drain(clippedSum);
        lossSum = correctSum = clippedSum = null;
        epochLoss += loss;
        epochCorrect += correct;
        const windowLoss = windowSamples ? loss / windowSamples : 0;
        if (!Number.isFinite(windowLoss)) throw new DivergenceError(epoch + 1, step, windowLoss, 'the loss is not finite');
        if (sharpreg && firstEpochLoss !== null && windowLoss > sharpreg.divergenceFactor * firstEpochLoss) {
          throw new DivergenceError(epoch + 1, step, windowLoss, `the loss ${windowLoss.toPrecision(4)} exceeds ${sharpreg.divergenceFactor}× the first epoch's mean ${firstEpochLoss.toPrecision(4)}`);
        }
        windowSamples = 0;
      };

      for (let b = 0; b < batches.length; b++) {
        if (job.signal?.aborted) throw new CancelledError();
        const indices = batches[b]!;
        // A batch of one cannot be normalised with batch statistics.
        if (indices.length === 1 && model.hasBatchStats) continue;
        lr = swa && epoch + 1 >= training.swa!.startEpoch && training.swa!.lr !== undefined
          ? training.swa!.lr
          : learningRate(training.optimizer.lr, training.schedule, training.epochs, epoch, b / batches.length);
        const { x, labels } = gatherBatch(data, indices, training.augmentation, rng);
        const batch: TrainBatch = tf.tidy(() => {
          const labelTensor = tf.tensor1d(labels, 'int32');
          return {
            x: tf.tensor(x, [indices.length, ...data.shape]),
            labels: labelTensor,
            oneHot: tf.oneHot(labelTensor, data.numClasses).toFloat(),
          };
        });
        const prepared = objective.prepare(model, batch, rng);
        const loss = composeLoss(model, batch, prepared, objective, method.demem, sharpreg);
        const out = update.step({ model, loss, labels: batch.labels, optimizer, lr, rng, expectedBatchSize });
        tf.dispose([batch.x, batch.labels, batch.oneHot, ...prepared]);
        lossSum = accumulate(lossSum, tf.mul(out.loss, indices.length));
        out.loss.dispose();
        correctSum = accumulate(correctSum, out.correct);
        if (out.clipped) clippedSum = accumulate(clippedSum, out.clipped);
        steps += 1;
        epochSamples += indices.length;
        windowSamples += indices.length;
        samplesSeen += indices.length;

        const now = performance.now();
        if (now - lastReport >= interval || b === batches.length - 1) {
          await flush(b + 1);
          lastReport = now;
          const elapsed = (now - started) / 1000;
          const rate = samplesSeen / Math.max(elapsed, 1e-9);
          const remaining = (training.epochs - epoch - 1) * job.trainIndices.length + (job.trainIndices.length - epochSamples);
          job.onProgress?.({
            epoch: epoch + 1,
            epochs: training.epochs,
            step: b + 1,
            stepsPerEpoch: batches.length,
            loss: epochLoss / Math.max(epochSamples, 1),
            accuracy: epochCorrect / Math.max(epochSamples, 1),
            samplesPerSecond: rate,
            etaSeconds: remaining / Math.max(rate, 1e-9),
            lr,
          });
          // Yield so a cancel message can arrive between steps.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: epochLoss / Math.max(epochSamples, 1),
        accuracy: epochCorrect / Math.max(epochSamples, 1),
        lr,
        seconds: (performance.now() - epochStart) / 1000,
        samples: epochSamples,
      };
      if (dp) {
        record.clippedFraction = epochClipped / Math.max(epochSamples, 1);
        if (job.epsilonAfter) record.epsilon = job.epsilonAfter(steps);
      }
      if (firstEpochLoss === null) firstEpochLoss = record.loss;
      history.push(record);
      if (swa && epoch + 1 >= training.swa!.startEpoch) swa.add();
      if (job.onCheckpoint && training.checkpointEvery > 0 && (epoch + 1) % training.checkpointEvery === 0 && epoch + 1 < training.epochs) {
        await job.onCheckpoint({
          epoch: epoch + 1,
          steps,
          firstEpochLoss,
          history: [...history],
          weights: await model.getWeights(),
          optimizer: await optimizer.getState(model.params),
          swa: (await swa?.getState()) ?? null,
        });
      }
    }
    if (swa) await swa.finish(data, job.trainIndices, training.batchSize, new Rng(deriveSeed(job.seed, 'swa')));
  } finally {
    optimizer.dispose();
    swa?.dispose();
  }
  const seconds = (performance.now() - started) / 1000;
  return { history, steps, seconds, samplesPerSecond: samplesSeen / Math.max(seconds, 1e-9) };
}

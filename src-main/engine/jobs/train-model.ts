/**
 * The `train-model` job: one model of a study, end to end inside a worker — build it, train it on its
 * IN samples, store its outputs on every sample under the study's queries, and measure natural and
 * robust accuracy on a subset of its OUT samples.
 */
import type { QueriesConfig, RobustEvalConfig } from '../../../src-shared/config/evaluation';
import type { MethodConfig } from '../../../src-shared/config/method';
import type { ModelConfig } from '../../../src-shared/config/model';
import type { TrainingConfig } from '../../../src-shared/config/training';
import { deriveSeed, Rng } from '../../math/prng';
import type { DatasetSpec } from '../data/types';
import { modelOutputs, type ModelOutputs } from '../eval/outputs';
import { attackQueries, labelOnlyQueries, queryName } from '../eval/queries';
import { evaluateRobustness, type Robustness } from '../eval/robust';
import { buildModel, type NamedWeights } from '../models/model';
import { RdpAccountant } from '../privacy/accountants/rdp-accountant';
import { tf } from '../tf';
import { readCheckpoint, writeCheckpoint } from '../../store/checkpoint-file';
import { trainModel, type EpochRecord, type TrainCheckpoint, type TrainProgress } from '../training/trainer';
import { cachedDataset } from './dataset-cache';
import { defineJob } from './handlers';

export interface TrainModelPayload {
  dataset: DatasetSpec;
  model: ModelConfig;
  training: TrainingConfig;
  method: MethodConfig;
  queries: QueriesConfig;
  robust: RobustEvalConfig;
  /** Seed of this model (initialisation, batches, attacks). */
  seed: number;
  /** Dataset indices of the study's samples, in study order; outputs follow this order. */
  sampleIndices: Int32Array;
  /** Positions (into sampleIndices) this model trains on. */
  trainPositions: Int32Array;
  /** Positions of the OUT samples its robust accuracy is measured on. */
  robustPositions: Int32Array;
  /** Keep full logits (small studies: sample inspection, RMIA at another temperature). */
  keepLogits: boolean;
  /** Where this model's checkpoint is kept (training.checkpointEvery > 0); it resumes from it if present. */
  checkpointPath: string | null;
}

export interface DpReport {
  epsilon: number;
  delta: number;
  order: number;
  sampleRate: number;
  steps: number;
  noiseMultiplier: number;
  sampling: 'poisson' | 'fixed';
  /** False for fixed batches: the RDP analysis assumes Poisson sampling. */
  assumptionsHold: boolean;
}

export interface TrainModelResult {
  weights: NamedWeights;
  history: EpochRecord[];
  outputs: ModelOutputs;
  queryNames: string[];
  labelOnlyQueryNames: string[];
  robustness: Omit<Robustness, 'indices'> & { positions: Int32Array };
  timings: { trainSeconds: number; outputSeconds: number; robustSeconds: number };
  samplesPerSecond: number;
  backend: string;
  dp: DpReport | null;
}

export type TrainModelProgress = { phase: 'training'; training: TrainProgress } | { phase: 'outputs' | 'robustness' };

export const trainModelJob = defineJob(async (payload: TrainModelPayload, { signal, progress }): Promise<TrainModelResult> => {
  const data = await cachedDataset(payload.dataset);
  const model = await buildModel(payload.model, data.shape, data.numClasses, deriveSeed(payload.seed, 'init'));
  try {
    const trainIndices = Int32Array.from(payload.trainPositions, (p) => payload.sampleIndices[p]!);
    const dpUpdate = payload.method.update.kind === 'dp-sgd' ? payload.method.update : null;
    const sampleRate = Math.min(1, payload.training.batchSize / Math.max(trainIndices.length, 1));
    const accountant = new RdpAccountant();
    const resumeFrom = payload.checkpointPath ? ((await readCheckpoint(payload.checkpointPath)) as TrainCheckpoint | null) : null;
    if (resumeFrom && dpUpdate) accountant.step(sampleRate, dpUpdate.noiseMultiplier, resumeFrom.steps);
    const train = await trainModel({
      model,
      data,
      trainIndices,
      training: payload.training,
      method: payload.method,
      seed: payload.seed,
      signal,
      onProgress: (training) => progress({ phase: 'training', training } satisfies TrainModelProgress),
      resumeFrom: resumeFrom ?? undefined,
      onCheckpoint: payload.checkpointPath ? (checkpoint) => writeCheckpoint(payload.checkpointPath!, checkpoint) : undefined,
      epsilonAfter: dpUpdate
        ? (steps) => {
            accountant.step(sampleRate, dpUpdate.noiseMultiplier, steps - accountant.totalSteps);
            return accountant.getEpsilon(dpUpdate.delta).epsilon;
          }
        : undefined,
    });

    progress({ phase: 'outputs' } satisfies TrainModelProgress);
    const outputsStart = performance.now();
    const rng = new Rng(deriveSeed(payload.seed, 'evaluation'));
    const queries = attackQueries(payload.queries, data.kind);
    const labelOnly = data.kind === 'image' ? labelOnlyQueries(payload.queries.labelOnly.translation, payload.queries.labelOnly.rotation) : [];
    const features = data.shape.reduce((a, b) => a * b, 1);
    const noise =
      data.binaryFeatures && payload.queries.labelOnly.noiseCopies > 0
        ? { copies: payload.queries.labelOnly.noiseCopies, flipProbability: Math.min(1, payload.queries.labelOnly.noiseFlips / features), rng: rng.fork() }
        : undefined;
    const outputs = await modelOutputs(model, data, payload.sampleIndices, { attackQueries: queries, labelOnlyQueries: labelOnly, batchSize: 256, keepLogits: payload.keepLogits, noise }, rng);
    const outputSeconds = (performance.now() - outputsStart) / 1000;
    if (signal.aborted) throw Object.assign(new Error('Training was cancelled.'), { name: 'CancelledError' });

    progress({ phase: 'robustness' } satisfies TrainModelProgress);
    const robustStart = performance.now();
    const robustIndices = Int32Array.from(payload.robustPositions, (p) => payload.sampleIndices[p]!);
    const { indices: _ignored, ...robustness } = await evaluateRobustness(model, data, robustIndices, payload.robust, 128, rng);
    void _ignored;
    const robustSeconds = (performance.now() - robustStart) / 1000;

    let dp: DpReport | null = null;
    if (dpUpdate) {
      const epsilon = accountant.getEpsilon(dpUpdate.delta);
      dp = {
        epsilon: epsilon.epsilon,
        delta: dpUpdate.delta,
        order: epsilon.order,
        sampleRate,
        steps: train.steps,
        noiseMultiplier: dpUpdate.noiseMultiplier,
        sampling: dpUpdate.sampling,
        assumptionsHold: dpUpdate.sampling === 'poisson',
      };
    }
    return {
      weights: await model.getWeights(),
      history: train.history,
      outputs,
      queryNames: queries.map(queryName),
      labelOnlyQueryNames: labelOnly.map(queryName),
      robustness: { ...robustness, positions: payload.robustPositions },
      timings: { trainSeconds: train.seconds, outputSeconds, robustSeconds },
      samplesPerSecond: train.samplesPerSecond,
      backend: tf.getBackend(),
      dp,
    };
  } finally {
    model.dispose();
  }
});

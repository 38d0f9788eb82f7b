/**
 * Measures one workload × step on the current backend: warm-up steps, then the median of timed
 * steps, reported as training samples per second (the fields of torch_reference.py).
 */
import { Rng } from '../../math/prng';
import { buildModel } from '../models/model';
import { forwardContext } from '../models/module';
import { tf } from '../tf';
import { composeLoss } from '../training/loss-composition';
import { createObjective, type TrainBatch } from '../training/objectives/objective';
import { createOptimizer } from '../training/optimizers/optimizer';
import { createUpdate } from '../training/updates/update';
import { stepMethod, workload, type StepName, type WorkloadName } from './workloads';

export interface BenchCase {
  workload: WorkloadName;
  step: StepName;
  batch: number;
  warmup: number;
  timed: number;
}

export interface BenchRecord {
  workload: WorkloadName;
  step: StepName;
  threads: number;
  batch: number;
  samples_per_s: number;
  ms_per_step: number;
  engine: string;
  backend: string;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs one case and returns its record. */
export async function measureCase(benchCase: BenchCase): Promise<BenchRecord> {
  const { model: config, inputShape, classes } = workload(benchCase.workload);
  const model = await buildModel(config, inputShape, classes, 0);
  const rng = new Rng(0);
  const size = inputShape.reduce((a, b) => a * b, 1);
  const x = tf.tensor(Float32Array.from({ length: benchCase.batch * size }, () => rng.uniform()), [benchCase.batch, ...inputShape]);
  const labels = tf.tensor1d(Int32Array.from({ length: benchCase.batch }, () => rng.int(classes)), 'int32');
  const oneHot = tf.tidy(() => tf.oneHot(labels, classes).toFloat());
  const batch: TrainBatch = { x, labels, oneHot };
  const optimizer = createOptimizer({ kind: 'sgd', lr: 0.01, momentum: 0.9, nesterov: false, weightDecay: 0 });

  let runStep: () => Promise<void>;
  if (benchCase.step === 'eval') {
    runStep = async () => {
      const logits = tf.tidy(() => model.apply(x, forwardContext(false)));
      await logits.data();
      logits.dispose();
    };
  } else {
    const method = stepMethod(benchCase.step);
    const objective = createObjective(method.objective);
    const update = createUpdate(method.update);
    runStep = async () => {
      const prepared = objective.prepare(model, batch, rng);
      const loss = composeLoss(model, batch, prepared, objective, undefined, undefined);
      const out = update.step({ model, loss, labels, optimizer, lr: 0.01, rng, expectedBatchSize: benchCase.batch });
      // Reading the loss waits for the step to finish on asynchronous (GPU) backends.
      await out.loss.data();
      tf.dispose([out.loss, out.correct, out.clipped, ...prepared].filter((t) => t !== undefined));
    };
  }
  for (let i = 0; i < benchCase.warmup; i++) await runStep();
  const times: number[] = [];
  for (let i = 0; i < benchCase.timed; i++) {
    const start = performance.now();
    await runStep();
    times.push(performance.now() - start);
  }
  tf.dispose([x, labels, oneHot]);
  optimizer.dispose();
  model.dispose();
  const ms = median(times);
  const backend = tf.getBackend();
  return {
    workload: benchCase.workload,
    step: benchCase.step,
    threads: 1,
    batch: benchCase.batch,
    samples_per_s: Math.round((benchCase.batch / (ms / 1000)) * 10) / 10,
    ms_per_step: Math.round(ms * 1000) / 1000,
    engine: `tfjs ${tf.version_core}${backend === 'wasm' ? ' wasm + Mnemo training kernels' : ` ${backend}`}`,
    backend,
  };
}

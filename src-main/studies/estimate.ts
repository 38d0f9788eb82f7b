/**
 * A study's run time before it runs: the FLOPs each model needs (training under its method, the
 * outputs under every query, the robust-accuracy attack) divided by the backend's effective speed,
 * plus a fixed cost per step (tfjs dispatches every op), spread over the workers. The speeds are
 * `mnemo bench` figures of this class of machine; the result is an estimate, shown as one.
 */
import type { StudyConfig } from '../../src-shared/config/study';
import { IMAGE_DATASETS } from '../../src-shared/config/study';
import type { ModelConfig } from '../../src-shared/config/model';
import type { BackendSelection } from '../engine/backend/select';

/** Effective training GFLOP/s per worker and overhead per step, from `mnemo bench` on a 2-core machine. */
const SPEED: Record<string, { gflops: number; stepOverheadMs: number }> = {
  wasm: { gflops: 14, stepOverheadMs: 1.5 },
  cpu: { gflops: 0.6, stepOverheadMs: 2 },
  tensorflow: { gflops: 40, stepOverheadMs: 2 },
  'tensorflow-gpu': { gflops: 2000, stepOverheadMs: 3 },
};

/** Input shape and class count of the built-in datasets (user files: a typical guess). */
function datasetShape(config: StudyConfig): { shape: number[]; classes: number; size: number } {
  switch (config.dataset.id) {
    case 'digits':
      return { shape: [28, 28, 1], classes: 10, size: 10_000 };
    case 'fashion-mnist':
      return { shape: [28, 28, 1], classes: 10, size: 70_000 };
    case 'cifar10':
      return { shape: [32, 32, 3], classes: 10, size: 60_000 };
    case 'cifar100':
      return { shape: [32, 32, 3], classes: 100, size: 60_000 };
    case 'location30':
      return { shape: [446], classes: 30, size: 5010 };
    case 'purchase100':
      return { shape: [600], classes: 100, size: 197_324 };
    case 'texas100':
      return { shape: [6169], classes: 100, size: 67_330 };
    default:
      return { shape: [32], classes: 10, size: 4000 };
  }
}

/** Forward FLOPs of one sample (multiply-adds counted as 2). */
export function forwardFlops(model: ModelConfig, shape: number[], classes: number): number {
  const features = shape.reduce((a, b) => a * b, 1);
  switch (model.kind) {
    case 'mlp': {
      const widths = [features, ...model.hidden, classes];
      return widths.slice(1).reduce((sum, w, i) => sum + 2 * widths[i]! * w, 0);
    }
    case 'cnn': {
      const [h, w, c] = shape as [number, number, number];
      const [c1, c2] = model.channels;
      const conv1 = 2 * 9 * c * c1 * h * w;
      const conv2 = 2 * 9 * c1 * c2 * (h / 2) * (w / 2);
      const flat = c2 * Math.floor(h / 4) * Math.floor(w / 4);
      return conv1 + conv2 + 2 * flat * model.dense + 2 * model.dense * classes;
    }
    case 'resnet18':
      // 0.56 GFLOPs at width 64 on 32×32 inputs; quadratic in the width.
      return 1.11e9 * (model.width / 64) ** 2 * ((shape[0]! * shape[1]!) / 1024);
    case 'layers':
      return 2 * features * 256;
  }
}

/** Training cost of one sample relative to one forward pass, under the study's method. */
function trainingPasses(config: StudyConfig): number {
  const objective = config.method.objective;
  let passes = 3;
  if (objective.kind === 'pgd-at') passes += 2 * objective.steps;
  if (objective.kind === 'trades') passes = 6 + 2 * objective.steps;
  const update = config.method.update.kind;
  if (update === 'sam' || update === 'asam' || update === 'sharpreg') passes *= 2;
  if (update === 'dp-sgd') passes *= 2.5;
  return passes;
}

/**
 * Estimated seconds for the whole study on `backend` with `workers` workers; null before a backend is known.
 */
export function estimateStudySeconds(config: StudyConfig, backend: BackendSelection | null, workers: number): number | null {
  if (!backend) return null;
  const speed = SPEED[backend.name] ?? SPEED.wasm!;
  const { shape, classes, size } = datasetShape(config);
  const samples = Math.min(config.dataset.limit ?? size, size);
  const population = samples - config.dataset.heldOut;
  const trainSize = population * config.shadow.pIn;
  const fwd = forwardFlops(config.model, shape, classes);
  const steps = config.training.epochs * Math.ceil(trainSize / config.training.batchSize);
  const trainSeconds = (config.training.epochs * trainSize * trainingPasses(config) * fwd) / (speed.gflops * 1e9) + (steps * speed.stepOverheadMs) / 1000;
  const image = IMAGE_DATASETS.has(config.dataset.id);
  const queries = (image ? (config.queries.preset === 'demem-10' ? 10 : config.queries.preset === 'identity' ? 1 : 2) : 1) + (image ? 4 * config.queries.labelOnly.translation + 1 : 0);
  const outputSeconds = (samples * queries * fwd) / (speed.gflops * 1e9 * 1.5);
  const robustSamples = Math.min(config.robust.maxSamples, samples - trainSize);
  const robustSeconds = config.robust.enabled ? (robustSamples * config.robust.restarts * config.robust.steps * 2 * fwd) / (speed.gflops * 1e9) : 0;
  // Building the model, moving results and committing them cost about a second and a half per model.
  const perModel = trainSeconds + outputSeconds + robustSeconds + 1.5;
  const parallel = Math.max(1, Math.min(workers, config.shadow.models));
  const analysis = 1 + (population * config.shadow.models) / 2e6;
  return (perModel * config.shadow.models) / parallel + analysis;
}

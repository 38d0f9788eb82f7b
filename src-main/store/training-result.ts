/**
 * Maps what the engine's train-model job returns onto the store's ModelResultInput: which outputs
 * become which named arrays, with their shapes, and what goes into metrics and timings. The shape
 * is restated here so the store imports nothing from the engine; the engine's TrainModelResult
 * is assignable to {@link TrainedModel}.
 */
import type { ArrayInput } from './arrays-repository';
import type { EpochInput } from './epochs-repository';
import type { ModelResultInput } from './model-result';
import type { WeightsData } from './weights-file';

/** The parts of the engine's TrainModelResult (src-main/engine/jobs/train-model.ts) the store keeps. */
export interface TrainedModel {
  weights: WeightsData;
  history: readonly EpochInput[];
  outputs: {
    samples: number;
    queries: number;
    classes: number;
    phi: Float32Array;
    logProb: Float32Array;
    correct: Uint8Array;
    entropy: Float32Array;
    modifiedEntropy: Float32Array;
    top: Float32Array;
    predicted: Uint16Array;
    labelOnly: Uint8Array;
    labelOnlyQueries: number;
    noiseRobustness: Float32Array;
    logits: Float32Array | null;
  };
  queryNames: readonly string[];
  labelOnlyQueryNames: readonly string[];
  robustness: { positions: Int32Array; natural: Uint8Array; robust: Uint8Array; naturalAccuracy: number; robustAccuracy: number; attack: object };
  timings: { trainSeconds: number; outputSeconds: number; robustSeconds: number };
  samplesPerSecond: number;
  backend: string;
  dp: object | null;
}

/** The names model-level arrays are stored under (S samples, A attack queries, Q label-only queries, C classes). */
export const MODEL_ARRAYS = {
  /** f32 [S, A]: φ = z_y − logsumexp_{y'≠y} z_{y'}. */
  phi: 'phi',
  /** f32 [S, A]: log p_y. */
  logProb: 'log_prob',
  /** u8 [S, A]: 1 when the arg-max is the label. */
  correct: 'correct',
  /** f32 [S]: entropy under the identity query. */
  entropy: 'entropy',
  /** f32 [S]: modified entropy under the identity query. */
  modifiedEntropy: 'modified_entropy',
  /** f32 [S, 3]: top-3 probabilities. */
  top: 'top',
  /** u16 [S]: predicted class. */
  predicted: 'predicted',
  /** u8 [S, Q]: correct under each label-only query (absent when Q = 0). */
  labelOnly: 'label_only',
  /** f32 [S]: fraction of noisy copies still correct (binary features only). */
  noiseRobustness: 'noise_robustness',
  /** f32 [S, A, C]: logits, when kept. */
  logits: 'logits',
  /** i32 [R]: positions (into the study's samples) of the robust-accuracy subset. */
  robustPositions: 'robust_positions',
  /** u8 [R]: correct on the clean input. */
  robustNatural: 'robust_natural',
  /** u8 [R]: correct under the PGD attack. */
  robustCorrect: 'robust_correct',
} as const;

/**
 * The store's view of a trained model.
 * Returns arrays named by {@link MODEL_ARRAYS}; metrics {naturalAccuracy, robustAccuracy,
 * robustSamples, robustAttack, samples, queries, classes, queryNames, labelOnlyQueryNames,
 * samplesPerSecond, backend, dp}; timings {trainSeconds, outputSeconds, robustSeconds}.
 */
export function modelResultFromTraining(trained: TrainedModel, finishedAt?: string): ModelResultInput {
  const o = trained.outputs;
  const s = o.samples;
  const a = o.queries;
  const r = trained.robustness.positions.length;
  const arrays: ArrayInput[] = [
    { name: MODEL_ARRAYS.phi, data: o.phi, shape: [s, a] },
    { name: MODEL_ARRAYS.logProb, data: o.logProb, shape: [s, a] },
    { name: MODEL_ARRAYS.correct, data: o.correct, shape: [s, a] },
    { name: MODEL_ARRAYS.entropy, data: o.entropy, shape: [s] },
    { name: MODEL_ARRAYS.modifiedEntropy, data: o.modifiedEntropy, shape: [s] },
    { name: MODEL_ARRAYS.top, data: o.top, shape: [s, s > 0 ? o.top.length / s : 0] },
    { name: MODEL_ARRAYS.predicted, data: o.predicted, shape: [s] },
    { name: MODEL_ARRAYS.robustPositions, data: trained.robustness.positions, shape: [r] },
    { name: MODEL_ARRAYS.robustNatural, data: trained.robustness.natural, shape: [r] },
    { name: MODEL_ARRAYS.robustCorrect, data: trained.robustness.robust, shape: [r] },
  ];
  if (o.labelOnlyQueries > 0) arrays.push({ name: MODEL_ARRAYS.labelOnly, data: o.labelOnly, shape: [s, o.labelOnlyQueries] });
  if (o.noiseRobustness.length > 0) arrays.push({ name: MODEL_ARRAYS.noiseRobustness, data: o.noiseRobustness, shape: [s] });
  if (o.logits) arrays.push({ name: MODEL_ARRAYS.logits, data: o.logits, shape: [s, a, o.classes] });
  const result: ModelResultInput = {
    weights: trained.weights,
    epochs: trained.history,
    arrays,
    metrics: {
      naturalAccuracy: trained.robustness.naturalAccuracy,
      robustAccuracy: trained.robustness.robustAccuracy,
      robustSamples: r,
      robustAttack: trained.robustness.attack,
      samples: s,
      queries: a,
      classes: o.classes,
      queryNames: [...trained.queryNames],
      labelOnlyQueryNames: [...trained.labelOnlyQueryNames],
      samplesPerSecond: trained.samplesPerSecond,
      backend: trained.backend,
      dp: trained.dp,
    },
    timings: { ...trained.timings },
  };
  if (finishedAt !== undefined) result.finishedAt = finishedAt;
  return result;
}

/**
 * Label-only membership attacks of Choquette-Choo et al. 2021 (SCIENCE.md §6.3–§6.4): they see only
 * the predicted label. The engine evaluates the models on augmented or noisy copies of each sample;
 * these functions build the query sets and attack the resulting correctness features.
 */
import { Rng } from '../math/prng';
import { membershipOutcome, type MembershipOutcome } from './baseline-outcome';
import type { Mlp } from './mlp/mlp';
import { positiveProbability, trainMlp } from './mlp/train';
import { balancedShadowRecords, checkPool, targetMembership, type ModelPool } from './shadow-split';
import { globalThresholdAttack, type GlobalThresholdResult } from './threshold';
import type { ThresholdObjective } from './threshold-search';

export interface Shift {
  dx: number;
  dy: number;
}

/**
 * The 4d + 1 translations `{(0,0)} ∪ {(dx,dy): |dx| + |dy| = d}` (the L1 sphere only, not the ball;
 * SCIENCE.md §6.3), identity first, then the sphere counter-clockwise from (d, 0).
 * @throws RangeError unless d is a non-negative integer.
 */
export function translationQueries(d: number): Shift[] {
  if (!(Number.isInteger(d) && d >= 0)) throw new RangeError(`translation distance d must be a non-negative integer, got ${d}`);
  const shifts: Shift[] = [{ dx: 0, dy: 0 }];
  if (d === 0) return shifts;
  // Walk the four edges of the diamond; each contributes d points, corners counted once.
  for (let k = 0; k < d; k++) shifts.push({ dx: d - k, dy: k });
  for (let k = 0; k < d; k++) shifts.push({ dx: -k, dy: d - k });
  for (let k = 0; k < d; k++) shifts.push({ dx: -(d - k), dy: -k });
  for (let k = 0; k < d; k++) shifts.push({ dx: k, dy: -(d - k) });
  return shifts;
}

/**
 * The 2r + 1 rotation angles −r, …, r in degrees (default attack r = 9 → 19 queries; SCIENCE.md §6.3).
 * @throws RangeError unless r is a non-negative integer.
 */
export function rotationQueries(r: number): number[] {
  if (!(Number.isInteger(r) && r >= 0)) throw new RangeError(`rotation range r must be a non-negative integer, got ${r}`);
  return Array.from({ length: 2 * r + 1 }, (_, k) => k - r);
}

/** Bit-flip probabilities {1, 2, 3, 5, 10}/d for d binary features (SCIENCE.md §6.4). */
export function flipProbabilityGrid(features: number): number[] {
  if (!(Number.isInteger(features) && features >= 10)) {
    throw new RangeError(`flipProbabilityGrid needs an integer feature count >= 10 (so that 10/d <= 1), got ${features}`);
  }
  return [1, 2, 3, 5, 10].map((k) => k / features);
}

export interface AugmentationFeatures extends ModelPool {
  /** M×N×Q row-major: 1 when model m classifies query q of sample i as its label (b_a). */
  correctUnderQueries: Uint8Array;
  queries: number;
}

/** Σ_a b_a per model and sample (M×N). */
function correctCounts(input: AugmentationFeatures): Float64Array {
  const { correctUnderQueries, models, samples, queries } = input;
  const counts = new Float64Array(models * samples);
  for (let r = 0; r < models * samples; r++) {
    let sum = 0;
    for (let a = 0; a < queries; a++) sum += correctUnderQueries[r * queries + a]! ? 1 : 0;
    counts[r] = sum;
  }
  return counts;
}

function checkAugmentation(input: AugmentationFeatures): void {
  if (!(Number.isInteger(input.queries) && input.queries >= 1)) throw new RangeError(`queries must be a positive integer, got ${input.queries}`);
  checkPool(input, { correctUnderQueries: { values: input.correctUnderQueries, width: input.queries } });
}

/**
 * The simple augmentation baseline: threshold on the number of queries answered correctly,
 * Σ_a b_a, chosen on the shadow models (the sums are small integers, so ties are grouped).
 */
export function augmentationThresholdAttack(input: AugmentationFeatures & { objective?: ThresholdObjective }): GlobalThresholdResult {
  checkAugmentation(input);
  return globalThresholdAttack({ ...input, values: correctCounts(input) });
}

/**
 * The noise-robustness attack for binary features (SCIENCE.md §6.4): one threshold on the fraction
 * of noisy copies still classified correctly (0 when the clean sample is misclassified), chosen on
 * the shadow ("source") models to maximise accuracy and applied to the target.
 * @param robustness M×N fractions in [0, 1] supplied by the engine.
 */
export function noiseRobustnessAttack(
  input: ModelPool & { robustness: Float64Array | Float32Array; objective?: ThresholdObjective },
): GlobalThresholdResult {
  checkPool(input, { robustness: { values: input.robustness } });
  return globalThresholdAttack({ ...input, values: input.robustness });
}

export interface AugmentationMlpInput extends AugmentationFeatures {
  labels: Uint16Array;
  numClasses: number;
  /** Candidates, the best by source accuracy is kept per class (default {1e-3, 1e-2, 5e-3, 5e-2}). */
  learningRates?: readonly number[];
  /** Default 1 epoch at batch size 1, as the reference. */
  epochs?: number;
  batchSize?: number;
  /** Hidden widths (default [10, 10], leaky ReLU 0.01). */
  hidden?: readonly number[];
  /** Cap on balanced shadow records per class (default 10 000). */
  maxTrainingRecords?: number;
  seed?: number;
}

export interface AugmentationMlpResult extends MembershipOutcome {
  /** Learning rate chosen per class (NaN for classes without a model). */
  learningRate: Float64Array;
  /** Accuracy of each class's chosen model on its own shadow records. */
  sourceAccuracy: Float64Array;
  /** Classes without both IN and OUT shadow records; their score is ½. */
  untrainedClasses: number[];
}

/**
 * The augmentation attack with a small MLP per class (10–10–2, leaky ReLU 0.01, Adam) on the
 * feature vector b = (b_1 … b_Q), trained on the shadow models' balanced IN/OUT records, the learning
 * rate picked per class by accuracy on those source records (SCIENCE.md §6.3). `scores` = P(member).
 */
export function augmentationMlpAttack(input: AugmentationMlpInput): AugmentationMlpResult {
  checkAugmentation(input);
  const { correctUnderQueries, queries, labels, numClasses, samples, target } = input;
  if (labels.length !== samples) throw new RangeError(`labels has length ${labels.length}, expected ${samples}`);
  const learningRates = input.learningRates ?? [1e-3, 1e-2, 5e-3, 5e-2];
  if (learningRates.length === 0) throw new RangeError('learningRates must not be empty');
  const rng = new Rng(input.seed ?? 0);
  const training = {
    hidden: input.hidden ?? [10, 10],
    activation: 'leaky-relu' as const,
    leakySlope: 0.01,
    epochs: input.epochs ?? 1,
    batchSize: input.batchSize ?? 1,
  };
  const features = (flat: Int32Array) => {
    const out = new Float64Array(flat.length * queries);
    flat.forEach((record, r) => {
      for (let a = 0; a < queries; a++) out[r * queries + a] = correctUnderQueries[record * queries + a]! ? 1 : 0;
    });
    return out;
  };

  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((y, i) => {
    if (y >= numClasses) throw new RangeError(`labels[${i}] = ${y} is not below numClasses ${numClasses}`);
    byClass[y]!.push(i);
  });
  const scores = new Float64Array(samples);
  const learningRate = new Float64Array(numClasses).fill(NaN);
  const sourceAccuracy = new Float64Array(numClasses).fill(NaN);
  const untrainedClasses: number[] = [];
  byClass.forEach((list, c) => {
    if (list.length === 0) return;
    const subset = Int32Array.from(list);
    const records = balancedShadowRecords(input, rng, input.maxTrainingRecords ?? 10_000, subset);
    if (records.index.length === 0) {
      untrainedClasses.push(c);
      subset.forEach((i) => (scores[i] = 0.5));
      return;
    }
    const x = features(records.index);
    const n = records.index.length;
    const seed = rng.nextUint32();
    let best: { accuracy: number; rate: number; mlp: Mlp | null } = { accuracy: -1, rate: NaN, mlp: null };
    for (const rate of learningRates) {
      const mlp = trainMlp(x, records.isIn, n, { ...training, learningRate: rate, seed });
      const p = positiveProbability(mlp, x, n);
      let hits = 0;
      for (let r = 0; r < n; r++) hits += (p[r]! >= 0.5 ? 1 : 0) === records.isIn[r] ? 1 : 0;
      if (hits / n > best.accuracy) best = { accuracy: hits / n, rate, mlp };
    }
    learningRate[c] = best.rate;
    sourceAccuracy[c] = best.accuracy;
    const targetRecords = subset.map((i) => target * samples + i);
    const p = positiveProbability(best.mlp!, features(targetRecords), targetRecords.length);
    subset.forEach((i, r) => (scores[i] = p[r]!));
  });
  const predictions = Uint8Array.from(scores, (p) => (p >= 0.5 ? 1 : 0));
  return { ...membershipOutcome(predictions, scores, targetMembership(input)), learningRate, sourceAccuracy, untrainedClasses };
}

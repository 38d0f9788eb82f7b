/**
 * Shokri et al.'s neural-network membership attack (SCIENCE.md §6.2): an MLP learns to tell the
 * shadow models' outputs on their training records (IN) from those on held-out records (OUT),
 * then labels the target's outputs.
 *
 * Features per record (Nasr / Song & Mittal variant, default): the probability vector sorted
 * descending, top-k, plus the true-label one-hot. Per-class mode (Shokri): one attack model per
 * class on the sorted top-k vector alone.
 */
import { Rng } from '../math/prng';
import { membershipOutcome, type MembershipOutcome } from './baseline-outcome';
import { positiveProbability, trainMlp } from './mlp/train';
import { balancedShadowRecords, checkPool, stratifiedShadowRecords, targetMembership, type ModelPool } from './shadow-split';

export interface NnAttackInput extends ModelPool {
  /** M×N×K softmax outputs, row-major (model, sample, class). */
  probabilities: Float64Array | Float32Array;
  labels: Uint16Array;
  numClasses: number;
  /** Sorted probabilities kept (default 3; numClasses keeps them all). */
  topK?: number;
  /** One attack model per class (Shokri) instead of one model with the label one-hot (default false). */
  perClass?: boolean;
  /** Hidden widths of the attack MLP (default [64], ReLU, 2 outputs). */
  hidden?: readonly number[];
  learningRate?: number;
  epochs?: number;
  batchSize?: number;
  /** Cap on balanced shadow training records per attack model (default 20 000; shared among classes when one model serves all). */
  maxTrainingRecords?: number;
  seed?: number;
}

export interface NnAttackResult extends MembershipOutcome {
  /** Balanced shadow records each attack model was trained on (one entry, or one per class: 0 for a class without samples). */
  trainingRecords: number[];
  /** Classes whose attack model could not be trained (no IN or no OUT shadow record); their score is ½. */
  untrainedClasses: number[];
}

/**
 * Runs the NN attack on the target model of the pool. `scores` = the attack model's P(member);
 * predictions are P(member) ≥ ½.
 * @throws RangeError on shapes that do not match or bad options.
 */
export function nnAttack(input: NnAttackInput): NnAttackResult {
  const { probabilities, labels, numClasses, samples, target } = input;
  checkPool(input, { probabilities: { values: probabilities, width: numClasses } });
  if (labels.length !== samples) throw new RangeError(`labels has length ${labels.length}, expected ${samples}`);
  const topK = input.topK ?? 3;
  if (!(Number.isInteger(topK) && topK >= 1 && topK <= numClasses)) throw new RangeError(`topK must be in 1..${numClasses}, got ${topK}`);
  const perClass = input.perClass ?? false;
  const rng = new Rng(input.seed ?? 0);
  const training = {
    hidden: input.hidden ?? [64],
    learningRate: input.learningRate ?? 1e-3,
    epochs: input.epochs ?? 10,
    batchSize: input.batchSize ?? 64,
  };
  const maxRecords = input.maxTrainingRecords ?? 20_000;
  const features = (flat: Int32Array) => recordFeatures(probabilities, labels, numClasses, samples, topK, !perClass, flat);

  const scores = new Float64Array(samples);
  const untrainedClasses: number[] = [];
  const byClass = samplesByClass(labels, numClasses);
  const groups = perClass ? byClass : [Int32Array.from({ length: samples }, (_, i) => i)];
  const trainingRecords = groups.map(() => 0);
  groups.forEach((subset, group) => {
    if (subset.length === 0) return;
    // One model for all classes sees the label: balance IN/OUT within each class (see stratifiedShadowRecords).
    const records = perClass ? balancedShadowRecords(input, rng, maxRecords, subset) : stratifiedShadowRecords(input, rng, byClass, maxRecords);
    trainingRecords[group] = records.index.length;
    const targetRecords = subset.map((i) => target * samples + i);
    if (records.index.length === 0) {
      if (!perClass) throw new RangeError('the shadow models have no IN or no OUT record: the attack model cannot be trained');
      untrainedClasses.push(group);
      subset.forEach((i) => (scores[i] = 0.5));
      return;
    }
    const mlp = trainMlp(features(records.index), records.isIn, records.index.length, { ...training, seed: rng.nextUint32() });
    const p = positiveProbability(mlp, features(targetRecords), targetRecords.length);
    subset.forEach((i, r) => (scores[i] = p[r]!));
  });
  const predictions = scores.map((p) => (p >= 0.5 ? 1 : 0));
  return { ...membershipOutcome(Uint8Array.from(predictions), scores, targetMembership(input)), trainingRecords, untrainedClasses };
}

function samplesByClass(labels: Uint16Array, numClasses: number): Int32Array[] {
  const lists: number[][] = Array.from({ length: numClasses }, () => []);
  labels.forEach((y, i) => {
    if (y >= numClasses) throw new RangeError(`labels[${i}] = ${y} is not below numClasses ${numClasses}`);
    lists[y]!.push(i);
  });
  return lists.map((list) => Int32Array.from(list));
}

/**
 * Feature rows for records given as flat indices m·N + i: top-k sorted probabilities, then (when
 * `withLabel`) the one-hot of the true label.
 */
function recordFeatures(
  probabilities: Float64Array | Float32Array,
  labels: Uint16Array,
  numClasses: number,
  samples: number,
  topK: number,
  withLabel: boolean,
  flat: Int32Array,
): Float64Array {
  const width = topK + (withLabel ? numClasses : 0);
  const out = new Float64Array(flat.length * width);
  const sorted = new Float64Array(numClasses);
  flat.forEach((record, r) => {
    sorted.set(probabilities.subarray(record * numClasses, (record + 1) * numClasses));
    sorted.sort().reverse();
    out.set(sorted.subarray(0, topK), r * width);
    if (withLabel) {
      const y = labels[record % samples]!;
      if (y >= numClasses) throw new RangeError(`labels[${record % samples}] = ${y} is not below numClasses ${numClasses}`);
      out[r * width + topK + y] = 1;
    }
  });
  return out;
}

/**
 * `mnemo attack nn`: Shokri et al.'s NN attack (SCIENCE.md §6.2) trained on a shadow model's records
 * and applied to different target records.
 *
 * attacks/nn-attack.ts needs shadow and target on the same samples; this adapter draws the training
 * records with the same library functions, in the same order and from the same seeded stream, so on
 * inputs where the shadow and target records coincide (same N, same labels) it returns exactly what
 * nnAttack returns on the two-model pool [shadow, target].
 */
import { membershipOutcome } from '../../attacks/baseline-outcome';
import { positiveProbability, trainMlp } from '../../attacks/mlp/train';
import { balancedShadowRecords, stratifiedShadowRecords } from '../../attacks/shadow-split';
import { Rng } from '../../math/prng';
import { UsageError } from '../args';
import { intFlag } from './flags';
import { checkSameClasses, loadRecordSet, recordInput, type RecordSet } from './record-sets';
import { outputOptions, writeRocCsv, type OutputFlags } from './report';
import { shadowPool, sweepFlags, targetSweep } from './shadow-pool';

/** Flags of `mnemo attack nn`. */
export interface NnFlags extends OutputFlags {
  'top-k'?: string;
  'per-class'?: boolean;
  epochs?: string;
  seed?: string;
  [flag: string]: string | boolean | undefined;
}

/** nnAttack's defaults (attacks/nn-attack.ts). */
const TRAINING = { hidden: [64], learningRate: 1e-3, batchSize: 64 };
const MAX_TRAINING_RECORDS = 20_000;

/**
 * Attack features of the given records (nn-attack.ts's layout): the probability vector sorted
 * descending, its first `topK` entries, then the label one-hot when `withLabel`.
 */
function features(set: RecordSet, rows: ArrayLike<number>, topK: number, withLabel: boolean): Float64Array {
  const k = set.classes;
  const width = topK + (withLabel ? k : 0);
  const out = new Float64Array(rows.length * width);
  const sorted = new Float64Array(k);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    sorted.set(set.probabilities.subarray(row * k, (row + 1) * k));
    sorted.sort().reverse();
    out.set(sorted.subarray(0, topK), r * width);
    if (withLabel) out[r * width + topK + set.labels[row]!] = 1;
  }
  return out;
}

/** Record indices per class. */
function byClass(set: RecordSet): Int32Array[] {
  const lists: number[][] = Array.from({ length: set.classes }, () => []);
  set.labels.forEach((y, i) => lists[y]!.push(i));
  return lists.map((list) => Int32Array.from(list));
}

/**
 * P(member) for every target record from attack MLPs trained on the shadow's balanced IN/OUT
 * records: one model with the label one-hot, or one per class (Shokri).
 */
function nnScores(shadow: RecordSet, target: RecordSet, options: { topK: number; perClass: boolean; epochs: number; seed: number }) {
  const { topK, perClass } = options;
  const rng = new Rng(options.seed);
  const pool = shadowPool(shadow.membership);
  const shadowClasses = byClass(shadow);
  const targetGroups = perClass ? byClass(target) : [Int32Array.from({ length: target.records }, (_, i) => i)];
  const scores = new Float64Array(target.records);
  const trainingRecords = targetGroups.map(() => 0);
  const untrainedClasses: number[] = [];
  targetGroups.forEach((subset, group) => {
    if (subset.length === 0) return;
    // The stand-in target is model 1, so every drawn record is model 0's: its flat index is the record.
    const records = perClass
      ? balancedShadowRecords(pool, rng, MAX_TRAINING_RECORDS, shadowClasses[group]!)
      : stratifiedShadowRecords(pool, rng, shadowClasses, MAX_TRAINING_RECORDS);
    trainingRecords[group] = records.index.length;
    if (records.index.length === 0) {
      if (!perClass) throw new Error('the shadow records have no class with both members and non-members: the attack model cannot be trained');
      untrainedClasses.push(group);
      subset.forEach((i) => (scores[i] = 0.5));
      return;
    }
    const mlp = trainMlp(features(shadow, records.index, topK, !perClass), records.isIn, records.index.length, {
      ...TRAINING,
      epochs: options.epochs,
      seed: rng.nextUint32(),
    });
    const p = positiveProbability(mlp, features(target, subset, topK, !perClass), subset.length);
    subset.forEach((i, r) => (scores[i] = p[r]!));
  });
  return { scores, trainingRecords, untrainedClasses };
}

/**
 * Runs the NN attack. Returns the JSON report.
 * Throws UsageError for bad flags or inputs; Error when no attack model can be trained.
 */
export async function runNn(flags: NnFlags): Promise<Record<string, unknown>> {
  const output = outputOptions(flags);
  const perClass = flags['per-class'] ?? false;
  const epochs = intFlag(flags.epochs, '--epochs', 10);
  const seed = intFlag(flags.seed, '--seed', 0, 0);
  const target = await loadRecordSet('target', flags);
  const shadow = await loadRecordSet('shadow', flags);
  checkSameClasses(shadow, target);
  const topK = intFlag(flags['top-k'], '--top-k', Math.min(3, target.classes));
  if (topK > target.classes) throw new UsageError(`--top-k must be at most the number of classes (${target.classes}), got ${topK}`);
  const { scores, trainingRecords, untrainedClasses } = nnScores(shadow, target, { topK, perClass, epochs, seed });
  const predictions = Uint8Array.from(scores, (p) => (p >= 0.5 ? 1 : 0));
  const { predictions: _p, scores: _s, isMember: _m, ...outcome } = membershipOutcome(predictions, scores, target.membership);
  const sweep = targetSweep(scores, target.membership, output);
  if (output.rocFile !== undefined) await writeRocCsv(output.rocFile, [['nn', sweep.roc]]);
  return {
    attack: 'nn',
    input: { target: recordInput(target), shadow: recordInput(shadow) },
    options: { topK, perClass, epochs, seed, ...TRAINING, maxTrainingRecords: MAX_TRAINING_RECORDS },
    fprs: output.fprs,
    rule: output.rule,
    ...outcome,
    trainingRecords,
    untrainedClasses,
    sweep: sweep.metrics,
    flags: [
      ...(untrainedClasses.length ? [`classes ${untrainedClasses.join(', ')} had no shadow members or non-members: their records score ½`] : []),
      ...sweepFlags('nn', sweep.metrics),
    ],
  };
}

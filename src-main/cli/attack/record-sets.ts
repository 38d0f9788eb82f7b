/**
 * The separate-array inputs of `mnemo attack threshold` and `nn` (Song & Mittal's setting, SCIENCE.md
 * §6.1): a target model's outputs on its own records and a shadow model's outputs on other records,
 * each with labels and the 0/1 membership of every record in that model's training set.
 */
import { computeSignals, entropyOfProbs, modifiedEntropyOfProbs, softmax } from '../../attacks/signals';
import { UsageError } from '../args';
import { exclusive } from './flags';
import { binaryOf, checkRange, floatsOf, labelsOf, loadArray, origin, shapeError, vectorOf, type FlagArray } from './inputs';

/** Which model the records belong to; also the flag prefix (`--target-probs`, `--shadow-probs`). */
export type RecordRole = 'target' | 'shadow';

/** One model's records. */
export interface RecordSet {
  role: RecordRole;
  records: number;
  classes: number;
  labels: Uint16Array;
  /** 1 = in this model's training set. */
  membership: Uint8Array;
  /** records × classes softmax outputs, float64. */
  probabilities: Float64Array;
  /** The logits when they were given (the signals are then computed from them exactly). */
  logits: Float32Array | Float64Array | null;
  /** The files read, by flag (the outputs' flag first). */
  files: Record<string, string>;
  members: number;
}

/** Per-record signals, oriented so that larger = more member-like (SCIENCE.md §1, §6.1). */
export interface RecordSignals {
  confidence: Float64Array;
  /** −entropy. */
  negEntropy: Float64Array;
  /** −modified entropy. */
  negModifiedEntropy: Float64Array;
  /** −loss = log p_y. */
  negLoss: Float64Array;
  /** 1 when the first arg-max is the label. */
  correct: Uint8Array;
}

const ROW_SUM_TOLERANCE = 1e-3;

function checkProbabilityRows(input: FlagArray, values: ArrayLike<number>, records: number, classes: number, role: RecordRole): void {
  checkRange(input, values, 0, 1, 'softmax probabilities', `; pass logits with --${role}-logits instead`);
  for (let r = 0; r < records; r++) {
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += values[r * classes + k]!;
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw new UsageError(`${origin(input)}: expected rows of softmax probabilities summing to 1, found row ${r} summing to ${sum}; pass logits with --${role}-logits instead`);
    }
  }
}

/** Softmax of every logit row, float64. */
function softmaxRows(logits: Float32Array | Float64Array, records: number, classes: number): Float64Array {
  const out = new Float64Array(records * classes);
  for (let r = 0; r < records; r++) out.set(softmax(logits.subarray(r * classes, (r + 1) * classes)), r * classes);
  return out;
}

/**
 * Loads `--<role>-probs` (or `--<role>-logits`), `--<role>-labels` and `--<role>-membership`.
 *
 * Throws UsageError naming the flag and file for a missing flag, a wrong shape, labels outside
 * 0..K−1, probabilities that are not softmax rows, or a membership without both members and
 * non-members.
 */
export async function loadRecordSet(role: RecordRole, flags: Record<string, string | boolean | undefined>): Promise<RecordSet> {
  const name = (suffix: string) => `${role}-${suffix}`;
  exclusive(flags, [name('probs'), name('logits')]);
  const outputsFlag = flags[name('logits')] !== undefined ? name('logits') : name('probs');
  const outputsSpec = flags[outputsFlag];
  if (typeof outputsSpec !== 'string') throw new UsageError(`--${name('probs')} (or --${name('logits')}) is required (the ${role} model's N × K outputs)`);
  const outputsIn = await loadArray(`--${outputsFlag}`, outputsSpec);
  if (outputsIn.array.shape.length !== 2 || outputsIn.array.shape[1]! < 2) throw shapeError(outputsIn, `an N × K matrix of ${role} outputs (K >= 2 classes)`);
  const [records, classes] = outputsIn.array.shape as [number, number];
  if (classes > 0xffff) throw shapeError(outputsIn, 'at most 65535 classes');
  const values = floatsOf(outputsIn);
  const isLogits = outputsFlag === name('logits');
  if (!isLogits) checkProbabilityRows(outputsIn, values, records, classes, role);

  const read = async (suffix: string, what: string) => {
    const spec = flags[name(suffix)];
    if (typeof spec !== 'string') throw new UsageError(`--${name(suffix)} is required (${what})`);
    const input = await loadArray(`--${name(suffix)}`, spec);
    vectorOf(input, records, `${what}, one per row of ${origin(outputsIn)},`);
    return input;
  };
  const labelsIn = await read('labels', 'the class labels');
  const labels = labelsOf(labelsIn);
  labels.forEach((y, i) => {
    if (y >= classes) throw new UsageError(`${origin(labelsIn)}: expected labels in 0..${classes - 1} for the ${classes} classes of ${origin(outputsIn)}, found ${y} at [${i}]`);
  });
  const membershipIn = await read('membership', 'the 0/1 membership');
  const membership = binaryOf(membershipIn);
  const members = membership.reduce((n, v) => n + v, 0);
  if (members === 0 || members === records) {
    throw new UsageError(`${origin(membershipIn)}: expected both members (1) and non-members (0), found only ${members === 0 ? '0s' : '1s'}`);
  }
  return {
    role,
    records,
    classes,
    labels: Uint16Array.from(labels),
    membership,
    probabilities: isLogits ? softmaxRows(values, records, classes) : Float64Array.from(values),
    logits: isLogits ? values : null,
    files: { [`--${outputsFlag}`]: outputsSpec, [`--${name('labels')}`]: labelsIn.file, [`--${name('membership')}`]: membershipIn.file },
    members,
  };
}

/**
 * The §6.1 signals of every record: from logits exactly (signals.ts), from probabilities with Song &
 * Mittal's clamps (log of p clamped at 1e-30, so −loss stays finite).
 */
export function recordSignals(set: RecordSet): RecordSignals {
  const { records, classes, labels, probabilities } = set;
  if (set.logits) {
    const s = computeSignals(set.logits, labels, { topK: 0 });
    return {
      confidence: s.confidence,
      negEntropy: s.entropy.map((v) => -v),
      negModifiedEntropy: s.modifiedEntropy.map((v) => -v),
      negLoss: s.logProb,
      correct: s.correct,
    };
  }
  const out: RecordSignals = {
    confidence: new Float64Array(records),
    negEntropy: new Float64Array(records),
    negModifiedEntropy: new Float64Array(records),
    negLoss: new Float64Array(records),
    correct: new Uint8Array(records),
  };
  for (let r = 0; r < records; r++) {
    const p = probabilities.subarray(r * classes, (r + 1) * classes);
    const y = labels[r]!;
    let argmax = 0;
    for (let k = 1; k < classes; k++) if (p[k]! > p[argmax]!) argmax = k;
    out.confidence[r] = p[y]!;
    out.negEntropy[r] = -entropyOfProbs(p);
    out.negModifiedEntropy[r] = -modifiedEntropyOfProbs(p, y);
    out.negLoss[r] = Math.log(Math.max(p[y]!, 1e-30));
    out.correct[r] = argmax === y ? 1 : 0;
  }
  return out;
}

/** What was read, for the JSON report. */
export function recordInput(set: RecordSet): Record<string, unknown> {
  return { ...set.files, records: set.records, classes: set.classes, members: set.members, nonMembers: set.records - set.members };
}

/** Throws a UsageError unless shadow and target classify into the same K classes. */
export function checkSameClasses(shadow: RecordSet, target: RecordSet): void {
  if (shadow.classes === target.classes) return;
  const [shadowFlag, shadowFile] = Object.entries(shadow.files)[0]!;
  const [targetFlag, targetFile] = Object.entries(target.files)[0]!;
  throw new UsageError(
    `${shadowFlag} ${shadowFile}: expected shape (N, ${target.classes}), K as ${targetFlag} ${targetFile}, found shape (${shadow.records}, ${shadow.classes})`,
  );
}

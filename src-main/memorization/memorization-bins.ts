/**
 * DeMem's memorization bins (SCIENCE.md §12.4, Luo & Li Fig. 1): samples are grouped by mem̂ into
 * 21 bins and each bin reports how much a membership attack leaks on it and how well its samples
 * are classified when unseen.
 */

/** The edges 0, 0.05, …, 1.0, as the nearest doubles to those decimals (i/20, so 0.15 is 0.15, not 3·0.05). */
export const MEMORIZATION_BIN_EDGES: readonly number[] = Object.freeze(Array.from({ length: 21 }, (_, k) => k / 20));

/**
 * numpy's `digitize(x, edges, right=True)` for increasing edges: the i with edges[i−1] < x ≤ edges[i],
 * i.e. the number of edges strictly below x (0 when x ≤ edges[0], edges.length above the last).
 */
export function digitizeRight(x: number, edges: readonly number[]): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface MemorizationBins {
  /** Bin per sample (0 = mem ≤ edges[0]); −1 for samples whose mem̂ is NaN. */
  bin: Int16Array;
  /** Samples per bin, indices 0..edges.length. */
  counts: Uint32Array;
  /** Samples left out because mem̂ is NaN (never IN or never OUT). */
  excluded: number;
  edges: readonly number[];
}

/**
 * Bins memorization scores with `digitize(mem, edges, right=True)` semantics (SCIENCE.md §12.4):
 * bin 0 holds mem ≤ 0, bin k holds edges[k−1] < mem ≤ edges[k].
 * @throws RangeError when the edges are not strictly increasing.
 */
export function memorizationBins(mem: Float64Array, edges: readonly number[] = MEMORIZATION_BIN_EDGES): MemorizationBins {
  for (let k = 1; k < edges.length; k++) {
    if (!(edges[k]! > edges[k - 1]!)) throw new RangeError(`edges must be strictly increasing, edges[${k}]=${edges[k]} after ${edges[k - 1]}`);
  }
  const bin = new Int16Array(mem.length);
  const counts = new Uint32Array(edges.length + 1);
  let excluded = 0;
  mem.forEach((value, i) => {
    if (Number.isNaN(value)) {
      bin[i] = -1;
      excluded++;
      return;
    }
    const b = digitizeRight(value, edges);
    bin[i] = b;
    counts[b]!++;
  });
  return { bin, counts, excluded, edges };
}

export interface LeakageByBinInput {
  /** Bin per sample from {@link memorizationBins} (−1 = excluded). */
  bins: Int16Array;
  /** The target model's membership scores (larger = more likely a member). */
  memberScores: ArrayLike<number>;
  /** 1 when the target trained on the sample. */
  isMember: Uint8Array;
  /** 1 when the target classifies the sample correctly. */
  correct: Uint8Array;
  /** Target false-positive rate (default 0.001, DeMem's 0.1 %). */
  fpr?: number;
  /** Operating point as in roc.ts `tprAtFpr`: last ROC vertex with FPR < fpr ('strict', LiRA ref, default) or ≤ fpr ('le'). */
  convention?: 'strict' | 'le';
}

export interface BinLeakage {
  bin: number;
  count: number;
  members: number;
  nonMembers: number;
  /** Members of the bin flagged at the global threshold / members of the bin (NaN without members). */
  tpr: number;
  /** Accuracy of the bin's samples the target did NOT train on (NaN without any). */
  outAccuracy: number;
}

export interface LeakageByBin {
  /**
   * A sample is flagged as member iff its score is strictly greater than this (−∞: all flagged,
   * +∞: none). roc.ts reports the same operating point as "score ≥ the next distinct score above".
   */
  cutoff: number;
  /** Non-members flagged at the cutoff, and their fraction of all non-members. */
  falsePositives: number;
  achievedFpr: number;
  nonMembers: number;
  /** True when fpr < 1/nonMembers: the operating point is then "zero false positives" (SCIENCE.md §4.3). */
  belowResolution: boolean;
  rows: BinLeakage[];
}

/**
 * Per-bin leakage of a membership attack on one target model (SCIENCE.md §12.4, §4.3).
 *
 * Threshold choice: ONE global threshold, set on ALL of the target's non-members (those with a NaN
 * mem̂ included), at the ROC operating point of `tprAtFpr` (ties grouped: equal scores are flagged
 * together or not at all). Each bin's TPR is then measured at that same threshold, so the bins
 * share the attack's overall false-positive rate instead of each getting its own.
 * @throws RangeError on mismatched lengths, no non-members, or fpr outside [0, 1].
 */
export function leakageByBin(input: LeakageByBinInput): LeakageByBin {
  const { bins, memberScores, isMember, correct } = input;
  const fpr = input.fpr ?? 0.001;
  const convention = input.convention ?? 'strict';
  const n = bins.length;
  for (const [name, values] of [
    ['memberScores', memberScores],
    ['isMember', isMember],
    ['correct', correct],
  ] as const) {
    if (values.length !== n) throw new RangeError(`${name} has length ${values.length}, expected ${n} (the length of bins)`);
  }
  if (!(fpr >= 0 && fpr <= 1)) throw new RangeError(`fpr must be in [0, 1], got ${fpr}`);

  const negativeScores: number[] = [];
  for (let i = 0; i < n; i++) if (!isMember[i]) negativeScores.push(memberScores[i]!);
  const nonMembers = negativeScores.length;
  if (nonMembers === 0) throw new RangeError('leakageByBin needs at least one non-member');
  negativeScores.sort((a, b) => b - a);
  // The largest number of false positives allowed at this FPR under the chosen convention; −1 when
  // not even 0 is (strict with fpr = 0: only the ROC origin, nothing flagged — as tprAtFpr).
  const within = (count: number) => (convention === 'strict' ? count / nonMembers < fpr : count / nonMembers <= fpr);
  let allowed = -1;
  while (allowed < nonMembers && within(allowed + 1)) allowed++;
  const cutoff = allowed < 0 ? Infinity : allowed >= nonMembers ? -Infinity : negativeScores[allowed]!;
  const falsePositives = negativeScores.filter((s) => s > cutoff).length;

  const binCount = bins.reduce((max, b) => Math.max(max, b + 1), 0);
  const count = new Uint32Array(binCount);
  const members = new Uint32Array(binCount);
  const flagged = new Uint32Array(binCount);
  const outCorrect = new Uint32Array(binCount);
  for (let i = 0; i < n; i++) {
    const b = bins[i]!;
    if (b < 0) continue;
    count[b]!++;
    if (isMember[i]) {
      members[b]!++;
      if (memberScores[i]! > cutoff) flagged[b]!++;
    } else if (correct[i]) {
      outCorrect[b]!++;
    }
  }
  const rows: BinLeakage[] = [];
  for (let b = 0; b < binCount; b++) {
    const nonMembersInBin = count[b]! - members[b]!;
    rows.push({
      bin: b,
      count: count[b]!,
      members: members[b]!,
      nonMembers: nonMembersInBin,
      tpr: flagged[b]! / members[b]!,
      outAccuracy: outCorrect[b]! / nonMembersInBin,
    });
  }
  return { cutoff, falsePositives, achievedFpr: falsePositives / nonMembers, nonMembers, belowResolution: fpr < 1 / nonMembers, rows };
}

/**
 * ROC curves and the metrics read from them (SCIENCE.md §4), sklearn-compatible: scores sorted
 * descending, tied scores form ONE step, the point (0, 0) at threshold +∞ first; a sample is predicted
 * a member iff score ≥ threshold. No metric ever interpolates between vertices.
 */

/** A ROC curve: vertex k uses threshold `thresholds[k]`; `tp`/`fp` are the counts behind the rates. */
export interface Roc {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
  tp: Int32Array;
  fp: Int32Array;
  /** Number of members (P) and non-members (N_neg). */
  positives: number;
  negatives: number;
}

/** Which vertex a TPR@FPR reads (§4.2): the last with FPR < t (LiRA reference) or ≤ t (Privacy Meter). */
export type TprRule = 'strict' | 'le';

/** TPR at a requested FPR, with the vertex it came from. */
export interface TprAtFpr {
  /** The requested FPR. */
  fpr: number;
  tpr: number;
  /** The threshold of the vertex (+∞ for the origin): members are scores ≥ threshold. */
  threshold: number;
  /** The FPR actually achieved at that vertex. */
  achievedFpr: number;
  /** True positives at the vertex (for a confidence interval). */
  tp: number;
  /** True when the requested FPR is below 1/N_neg, the smallest non-zero FPR (§4.3). */
  belowFloor: boolean;
}

/**
 * The ROC curve of member scores.
 *
 * Args: `scores` (larger = member); `labels` 1 member / 0 non-member; `mask` optional, 1 = include.
 * Returns the tie-grouped {@link Roc}.
 * Throws RangeError on mismatched lengths, a NaN score among the included ones, or when the included
 * samples lack members or non-members.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, mask?: ArrayLike<number>): Roc {
  if (labels.length !== scores.length) throw new RangeError(`labels has length ${labels.length}, scores ${scores.length}`);
  if (mask && mask.length !== scores.length) throw new RangeError(`mask has length ${mask.length}, scores ${scores.length}`);
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (mask && !mask[i]) continue;
    if (Number.isNaN(scores[i])) throw new RangeError(`scores[${i}] is NaN`);
    if (labels[i]) positives++;
    else negatives++;
  }
  if (positives === 0 || negatives === 0) {
    throw new RangeError(`a ROC needs members and non-members, got ${positives} members and ${negatives} non-members`);
  }
  // Sorting each class natively and merging is much faster than an index sort with a comparator.
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let p = 0;
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    if (mask && !mask[i]) continue;
    if (labels[i]) pos[p++] = scores[i]!;
    else neg[n++] = scores[i]!;
  }
  pos.sort();
  neg.sort();

  const capacity = positives + negatives + 1;
  const fprs = new Float64Array(capacity);
  const tprs = new Float64Array(capacity);
  const thresholds = new Float64Array(capacity);
  const tp = new Int32Array(capacity);
  const fp = new Int32Array(capacity);
  thresholds[0] = Infinity;
  let vertices = 1;
  let i = positives - 1;
  let j = negatives - 1;
  while (i >= 0 || j >= 0) {
    const value = i < 0 ? neg[j]! : j < 0 ? pos[i]! : Math.max(pos[i]!, neg[j]!);
    while (i >= 0 && pos[i] === value) i--;
    while (j >= 0 && neg[j] === value) j--;
    tp[vertices] = positives - 1 - i;
    fp[vertices] = negatives - 1 - j;
    tprs[vertices] = tp[vertices]! / positives;
    fprs[vertices] = fp[vertices]! / negatives;
    thresholds[vertices] = value;
    vertices++;
  }
  return {
    fpr: fprs.slice(0, vertices),
    tpr: tprs.slice(0, vertices),
    thresholds: thresholds.slice(0, vertices),
    tp: tp.slice(0, vertices),
    fp: fp.slice(0, vertices),
    positives,
    negatives,
  };
}

/** Area under the ROC curve (trapezoid over the vertices; ties count ½ as in Mann–Whitney). */
export function auc(roc: Roc): number {
  let area = 0;
  for (let k = 1; k < roc.fpr.length; k++) {
    area += (roc.fpr[k]! - roc.fpr[k - 1]!) * (roc.tpr[k]! + roc.tpr[k - 1]!) * 0.5;
  }
  return area;
}

/** Best balanced accuracy over thresholds: `max_k 1 − (FPR_k + 1 − TPR_k)/2` (LiRA's "Accuracy"). */
export function balancedAccuracy(roc: Roc): number {
  let best = 0;
  for (let k = 0; k < roc.fpr.length; k++) best = Math.max(best, 1 - (roc.fpr[k]! + 1 - roc.tpr[k]!) / 2);
  return best;
}

/** The smallest non-zero FPR a curve can show: 1/N_neg (§4.3). */
export function fprFloor(roc: Roc): number {
  return 1 / roc.negatives;
}

/**
 * TPR at a fixed FPR, read at a vertex without interpolation (§4.2).
 *
 * Args: `fpr` the requested rate; `rule` 'strict' (default, LiRA reference: last vertex with FPR < t)
 * or 'le' (last vertex with FPR ≤ t). With 'strict' and t ≤ 0 the origin (TPR 0) is returned.
 */
export function tprAtFpr(roc: Roc, fpr: number, rule: TprRule = 'strict'): TprAtFpr {
  // fpr is non-decreasing: binary search for the first vertex beyond the limit.
  let lo = 0;
  let hi = roc.fpr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const inside = rule === 'strict' ? roc.fpr[mid]! < fpr : roc.fpr[mid]! <= fpr;
    if (inside) lo = mid + 1;
    else hi = mid;
  }
  const k = Math.max(lo - 1, 0);
  return {
    fpr,
    tpr: roc.tpr[k]!,
    threshold: roc.thresholds[k]!,
    achievedFpr: roc.fpr[k]!,
    tp: roc.tp[k]!,
    belowFloor: fpr < fprFloor(roc),
  };
}

/**
 * DeMem's "AUROC" — NOT the ROC AUC: the area under the log10–log10 ROC on [1e-5, 1]², normalised by
 * 25 (DeMem eval_privacy.py `ROC_curve`, SCIENCE.md §4.3): with `x = log10(FPR + 1e-5)` and
 * `y = log10(TPR + 1e-5) + 5`, the right-endpoint sum `Σ_k (x_k − x_{k−1}) · y_k / 25`.
 * Computed on the tie-grouped vertices including (1, 1); DeMem's own loop walks ungrouped samples and
 * stops one sample short, so values differ slightly when there are ties. A perfect attack scores ≈ 1.
 */
export function logLogAuc(roc: Roc): number {
  let area = 0;
  let previousX = Math.log10(roc.fpr[0]! + 1e-5);
  for (let k = 1; k < roc.fpr.length; k++) {
    const x = Math.log10(roc.fpr[k]! + 1e-5);
    area += (x - previousX) * (Math.log10(roc.tpr[k]! + 1e-5) + 5);
    previousX = x;
  }
  return area / 25;
}

/** Index of the last vertex with FPR ≤ value (0 when none). */
function lastAtMost(fpr: Float64Array, value: number): number {
  let lo = 0;
  let hi = fpr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fpr[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(lo - 1, 0);
}

/** Index of the first vertex with FPR equal to `fpr[k]`. */
function firstWithSameFpr(fpr: Float64Array, k: number): number {
  let lo = 0;
  let hi = k;
  const value = fpr[k]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (fpr[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A subset of the vertices for plotting, at most about `maxPoints` of them, without interpolation.
 *
 * FPR values are kept on a grid, two thirds log-spaced from 1/N_neg to 1 (so the low-FPR regime that
 * matters for privacy stays resolved on log axes) and one third linear; for each kept FPR both the
 * lowest- and the highest-TPR vertex are kept, so the vertical risers of the step curve survive.
 * The first and last vertices are always kept. Returns the curve itself when it is small enough.
 */
export function downsampleRoc(roc: Roc, maxPoints: number): Roc {
  if (!Number.isInteger(maxPoints) || maxPoints < 4) {
    throw new RangeError(`maxPoints must be an integer >= 4, got ${maxPoints}`);
  }
  const length = roc.fpr.length;
  if (length <= maxPoints) return roc;
  const grid = Math.floor((maxPoints - 2) / 2);
  const logCount = Math.ceil((grid * 2) / 3);
  const linearCount = grid - logCount;
  const floor = fprFloor(roc);
  const chosen = new Uint8Array(length);
  chosen[0] = 1;
  chosen[length - 1] = 1;
  const keepFpr = (value: number) => {
    const last = lastAtMost(roc.fpr, value);
    chosen[last] = 1;
    chosen[firstWithSameFpr(roc.fpr, last)] = 1;
  };
  const logFloor = Math.log10(floor);
  for (let g = 0; g < logCount; g++) keepFpr(10 ** (logFloor + (-logFloor * g) / Math.max(logCount - 1, 1)));
  for (let g = 1; g <= linearCount; g++) keepFpr(g / linearCount);
  const indices: number[] = [];
  chosen.forEach((flag, k) => {
    if (flag) indices.push(k);
  });
  const pick = <T extends Float64Array | Int32Array>(source: T, make: (n: number) => T): T => {
    const out = make(indices.length);
    indices.forEach((k, r) => (out[r] = source[k]!));
    return out;
  };
  return {
    fpr: pick(roc.fpr, (n) => new Float64Array(n)),
    tpr: pick(roc.tpr, (n) => new Float64Array(n)),
    thresholds: pick(roc.thresholds, (n) => new Float64Array(n)),
    tp: pick(roc.tp, (n) => new Int32Array(n)),
    fp: pick(roc.fp, (n) => new Int32Array(n)),
    positives: roc.positives,
    negatives: roc.negatives,
  };
}

/**
 * Exact (Clopper–Pearson) binomial confidence interval, for TPR at a chosen threshold
 * (SCIENCE.md §4.3).
 */
import { betaIncInverse } from '../math/special';

/**
 * The two-sided Clopper–Pearson interval for k successes in n trials:
 * `[B⁻¹(α/2; k, n−k+1), B⁻¹(1−α/2; k+1, n−k)]`, with 0 / 1 at the ends (α = 1 − confidence).
 *
 * Args: `k` integer in 0..n; `n` integer ≥ 0; `confidence` in (0, 1), default 0.95.
 * Returns `[lo, hi]`; `[0, 1]` when n = 0.
 * Throws RangeError on a non-integer or out-of-range k, n or confidence.
 */
export function clopperPearson(k: number, n: number, confidence = 0.95): [number, number] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`clopperPearson: n must be an integer >= 0, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`clopperPearson: k must be an integer in 0..${n}, got ${k}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`clopperPearson: confidence must be in (0, 1), got ${confidence}`);
  }
  if (n === 0) return [0, 1];
  const alpha = 1 - confidence;
  const lo = k === 0 ? 0 : betaIncInverse(k, n - k + 1, alpha / 2);
  const hi = k === n ? 1 : betaIncInverse(k + 1, n - k, 1 - alpha / 2);
  return [lo, hi];
}

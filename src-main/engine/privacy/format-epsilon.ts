/**
 * How an ε is shown to people. Above 10³ an (ε, δ) guarantee bounds nothing a reader could use
 * (e^1000 ≫ any likelihood ratio), so it is never printed as a bare number that could be quoted
 * as "ε = 2553306.9" (SCIENCE.md §9.4: DeMem's σ = 0.05 run).
 *
 * Decision: two vacuous tiers. "> 10^6" is kept apart from "> 10^3" because it says more: such
 * values come from noise so small (σ ≪ 1) that the run is effectively non-private, while
 * 10³–10⁶ usually means a too-long run at a reasonable σ.
 */

export const VACUOUS_EPSILON = 1e3;
export const EXTREMELY_VACUOUS_EPSILON = 1e6;

export interface FormattedEpsilon {
  /** The number itself, for storage and sorting (never rounded). */
  value: number;
  /** What the UI prints. */
  text: string;
  /** True when the guarantee is meaningless (ε > 10³ or ∞). */
  vacuous: boolean;
}

/**
 * Formats ε for display: `"2.10"` style (3 significant digits by default) up to 10³,
 * `"vacuous (> 10^3)"`, `"vacuous (> 10^6)"` above, and `"vacuous (∞)"` for no guarantee at all.
 * @throws RangeError for NaN or a negative ε (no accountant returns those).
 */
export function formatEpsilon(epsilon: number, significantDigits = 3): FormattedEpsilon {
  if (Number.isNaN(epsilon) || epsilon < 0) throw new RangeError(`epsilon must be a number >= 0, got ${epsilon}`);
  if (epsilon === Infinity) return { value: epsilon, text: 'vacuous (∞)', vacuous: true };
  if (epsilon > EXTREMELY_VACUOUS_EPSILON) return { value: epsilon, text: 'vacuous (> 10^6)', vacuous: true };
  if (epsilon > VACUOUS_EPSILON) return { value: epsilon, text: 'vacuous (> 10^3)', vacuous: true };
  return { value: epsilon, text: Number(epsilon.toPrecision(significantDigits)).toString(), vacuous: false };
}

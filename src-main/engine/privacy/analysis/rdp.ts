/**
 * Rényi differential privacy of the Poisson-subsampled Gaussian mechanism (DP-SGD) and its
 * conversion to (ε, δ). Pure functions; the stateful accountant lives in ../accountants.
 *
 * Formulas: Mironov, Talwar & Zhang 2019 (RDP of the sampled Gaussian), Balle et al. 2020 Thm 21
 * (conversion), Mironov 2017 Prop. 3 (classic conversion) — as restated in SCIENCE.md §9.2–§9.3.
 */
import { binomialSign, logAbsBinomial, logAddExp, logErfc, logSubExp } from '../../../math/special';

/**
 * Opacus' default RDP orders: 1.1, 1.2, …, 10.9 and the integers 12…63 (SCIENCE.md §9.2).
 * `1 + x / 10` is evaluated exactly as Python's `1 + x / 10.0`, so the orders are bit-identical.
 */
export const DEFAULT_ORDERS: readonly number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, k) => 1 + (k + 1) / 10),
  ...Array.from({ length: 52 }, (_, k) => 12 + k),
]);

/** One homogeneous stretch of DP-SGD: `steps` steps at sampling rate q and noise multiplier σ. */
export interface SubsampledGaussianSteps {
  /** Poisson sampling rate q = expected batch size / dataset size, in [0, 1]. */
  sampleRate: number;
  /** σ: noise standard deviation divided by the clipping norm, ≥ 0. */
  noiseMultiplier: number;
  /** Number of steps (≥ 0). */
  steps: number;
}

/**
 * The series are cut once both terms fall below e^−30, the rule of Opacus' `_compute_log_a_for_frac_alpha`.
 * The cut tail is ~1e−13 in A_α, so tiny RDP values (e.g. 1.27e−4 at α = 1.5) are reproduced to
 * the last digit Opacus gives, which is itself ~1e−9 relative from the exact integral.
 */
const SERIES_CUTOFF = -30;
/** Far beyond any convergence seen in practice; guards against a non-terminating loop on bad input. */
const MAX_SERIES_TERMS = 1_000_000;

function checkMechanism(q: number, sigma: number, alpha: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`sampleRate must be in [0, 1], got ${q}`);
  if (!(sigma >= 0)) throw new RangeError(`noiseMultiplier must be >= 0, got ${sigma}`);
  if (!(alpha > 1)) throw new RangeError(`RDP order must be > 1, got ${alpha}`);
}

/**
 * log A_α for integer α: `A_α = Σ_{k=0}^{α} C(α,k) (1−q)^{α−k} q^k exp((k²−k)/(2σ²))`, summed in
 * log space (SCIENCE.md §9.2). Needs 0 < q < 1 and σ > 0.
 *
 * The binomial weights sum to 1, so `A_α − 1 = Σ_{k≥2} C(α,k)(1−q)^{α−k} q^k expm1((k²−k)/(2σ²))`;
 * summing that and taking log1p keeps full relative precision when A_α is close to 1 (small q),
 * where adding terms of size ~1 would leave only ~1e−16 absolute precision.
 */
export function logAIntegerOrder(q: number, sigma: number, alpha: number): number {
  if (!Number.isInteger(alpha)) throw new RangeError(`logAIntegerOrder needs an integer order, got ${alpha}`);
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  const twoVar = 2 * sigma * sigma;
  let logExcess = -Infinity;
  for (let k = 2; k <= alpha; k++) {
    const c = (k * k - k) / twoVar;
    const logExpm1 = c + Math.log(-Math.expm1(-c));
    logExcess = logAddExp(logExcess, logAbsBinomial(alpha, k) + k * logQ + (alpha - k) * log1mQ + logExpm1);
  }
  return logExcess < 0 ? Math.log1p(Math.exp(logExcess)) : logAddExp(0, logExcess);
}

/**
 * log A_α for fractional α by the two-series method of Mironov, Talwar & Zhang 2019 §3.3, with
 * `z₀ = σ² log(1/q − 1) + ½` splitting the Gaussian integral; terms of negative binomial
 * coefficient are log-subtracted (SCIENCE.md §9.2). Needs 0 < q < 1 and σ > 0.
 */
export function logAFractionalOrder(q: number, sigma: number, alpha: number): number {
  const logQ = Math.log(q);
  const log1mQ = Math.log1p(-q);
  const twoVar = 2 * sigma * sigma;
  const erfcScale = Math.SQRT2 * sigma;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  for (let i = 0; i < MAX_SERIES_TERMS; i++) {
    const j = alpha - i;
    const logCoef = logAbsBinomial(alpha, i);
    const s0 = logCoef + i * logQ + j * log1mQ + (i * i - i) / twoVar + Math.log(0.5) + logErfc((i - z0) / erfcScale);
    const s1 = logCoef + j * logQ + i * log1mQ + (j * j - j) / twoVar + Math.log(0.5) + logErfc((z0 - j) / erfcScale);
    if (binomialSign(alpha, i) > 0) {
      logA0 = logAddExp(logA0, s0);
      logA1 = logAddExp(logA1, s1);
    } else {
      logA0 = logSubExp(logA0, s0);
      logA1 = logSubExp(logA1, s1);
    }
    if (Math.max(s0, s1) < SERIES_CUTOFF) return logAddExp(logA0, logA1);
  }
  throw new RangeError(`RDP series did not converge for q=${q}, sigma=${sigma}, alpha=${alpha}`);
}

/**
 * RDP ε(α) of ONE step of the Poisson-subsampled Gaussian mechanism (SCIENCE.md §9.2).
 *
 * Special cases: q = 0 → 0; σ = 0 → ∞; q = 1 → α/(2σ²) (the plain Gaussian).
 * @throws RangeError when q ∉ [0, 1], σ < 0 or α ≤ 1.
 */
export function rdpPerStep(sampleRate: number, noiseMultiplier: number, order: number): number {
  checkMechanism(sampleRate, noiseMultiplier, order);
  if (sampleRate === 0) return 0;
  if (noiseMultiplier === 0) return Infinity;
  if (sampleRate === 1) return order / (2 * noiseMultiplier * noiseMultiplier);
  if (order === Infinity) return Infinity;
  const logA = Number.isInteger(order)
    ? logAIntegerOrder(sampleRate, noiseMultiplier, order)
    : logAFractionalOrder(sampleRate, noiseMultiplier, order);
  return logA / (order - 1);
}

/**
 * RDP at each order after `steps` identical steps: `steps · ε₁(α)` (composition adds RDP).
 * @returns one value per order, in the order given.
 */
export function computeRdp(mechanism: SubsampledGaussianSteps, orders: readonly number[] = DEFAULT_ORDERS): Float64Array {
  const { sampleRate, noiseMultiplier, steps } = mechanism;
  if (!(steps >= 0) || !Number.isFinite(steps)) throw new RangeError(`steps must be a finite number >= 0, got ${steps}`);
  const out = new Float64Array(orders.length);
  for (let k = 0; k < orders.length; k++) {
    // 0·∞ would be NaN: zero steps spend nothing, whatever σ is.
    out[k] = steps === 0 ? 0 : steps * rdpPerStep(sampleRate, noiseMultiplier, orders[k]!);
  }
  return out;
}

/** RDP of a heterogeneous history: the per-order sum of each stretch's RDP (SCIENCE.md §9.2). */
export function composeRdp(history: readonly SubsampledGaussianSteps[], orders: readonly number[] = DEFAULT_ORDERS): Float64Array {
  const total = new Float64Array(orders.length);
  for (const stretch of history) {
    const rdp = computeRdp(stretch, orders);
    for (let k = 0; k < orders.length; k++) total[k]! += rdp[k]!;
  }
  return total;
}

/** How RDP is turned into (ε, δ). */
export type RdpConversion = 'balle2020' | 'mironov2017';

/** ε at a given δ, the order that attains it, and whether that order sits at an end of the grid. */
export interface EpsilonAtDelta {
  epsilon: number;
  /** The minimising order; NaN when every candidate was NaN (then ε = ∞). */
  order: number;
  /**
   * True when the optimum is the smallest or largest order: a wider grid could give a smaller ε
   * (Opacus warns in this case).
   */
  orderAtBoundary: boolean;
  conversion: RdpConversion;
}

/**
 * Converts RDP values to (ε, δ)-DP, minimising over the orders (SCIENCE.md §9.3).
 *
 * - `balle2020` (default; the form of Opacus and tf-privacy, Balle et al. 2020 Thm 21):
 *   `ε = min_α RDP(α) − (log δ + log α)/(α − 1) + log((α − 1)/α)`.
 * - `mironov2017` (classic, looser): `ε = min_α RDP(α) − log δ/(α − 1)`.
 *
 * NaN entries are ignored; if all are NaN, ε = ∞; if all are 0, ε = 0. A negative bound is reported as 0: (ε, δ)-DP
 * with ε < 0 implies (0, δ)-DP.
 * @throws RangeError when the lengths differ, the grid is empty, an order is ≤ 1 or δ ∉ (0, 1).
 */
export function epsilonFromRdp(
  orders: readonly number[],
  rdp: ArrayLike<number>,
  delta: number,
  conversion: RdpConversion = 'balle2020',
): EpsilonAtDelta {
  if (orders.length !== rdp.length) throw new RangeError(`orders (${orders.length}) and rdp (${rdp.length}) differ in length`);
  if (orders.length === 0) throw new RangeError('epsilonFromRdp needs at least one order');
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1), got ${delta}`);
  const logDelta = Math.log(delta);
  let best = NaN;
  let bestIndex = -1;
  for (let k = 0; k < orders.length; k++) {
    const alpha = orders[k]!;
    if (!(alpha > 1)) throw new RangeError(`orders[${k}] must be > 1, got ${alpha}`);
    const r = rdp[k]!;
    const eps =
      conversion === 'balle2020'
        ? r - (logDelta + Math.log(alpha)) / (alpha - 1) + Math.log((alpha - 1) / alpha)
        : r - logDelta / (alpha - 1);
    if (Number.isNaN(eps)) continue;
    if (bestIndex < 0 || eps < best) {
      best = eps;
      bestIndex = k;
    }
  }
  if (bestIndex < 0) return { epsilon: Infinity, order: NaN, orderAtBoundary: false, conversion };
  // RDP 0 at every order: the output does not depend on the data at all, so (0, 0)-DP (Opacus too
  // reports 0 for an empty history, where the bound alone would give a positive floor).
  if (Array.prototype.every.call(rdp, (r: number) => r === 0)) return { epsilon: 0, order: NaN, orderAtBoundary: false, conversion };
  return {
    epsilon: Math.max(0, best),
    order: orders[bestIndex]!,
    orderAtBoundary: bestIndex === 0 || bestIndex === orders.length - 1,
    conversion,
  };
}

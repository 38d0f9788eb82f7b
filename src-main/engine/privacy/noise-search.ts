/**
 * The smallest noise multiplier σ that keeps DP-SGD within a target ε (to a tolerance), by the
 * bracket-then-bisect search of Opacus' `get_noise_multiplier`, over the RDP accountant.
 */
import { composeRdp, DEFAULT_ORDERS, epsilonFromRdp, type RdpConversion } from './analysis/rdp';

export interface NoiseSearchInput {
  targetEpsilon: number;
  /** Poisson sampling rate q in (0, 1]. */
  sampleRate: number;
  steps: number;
  delta: number;
  orders?: readonly number[];
  /** Accept σ once ε(σ) ∈ [target − tolerance, target]; default 0.01 (as Opacus). */
  tolerance?: number;
  conversion?: RdpConversion;
}

export interface NoiseSearchResult {
  noiseMultiplier: number;
  /** ε actually reached at that σ: ≤ target and within the tolerance of it. */
  epsilon: number;
}

/** Larger σ than this is treated as "no σ reaches the target" (Opacus uses the same bound). */
const MAX_SIGMA = 1e6;
const MAX_BISECTIONS = 200;

/**
 * Finds σ with `target − tolerance ≤ ε(σ) ≤ target` (SCIENCE.md §9.2–§9.3; ε falls with σ).
 *
 * Bracket: σ = 10, doubled until ε(σ) ≤ target. Then bisection on [σ_low, σ_high], always keeping
 * ε(σ_high) ≤ target, so the returned σ never overspends the budget.
 * @throws RangeError naming the inputs when the target is unreachable: with the RDP conversion ε
 * stays above a floor set by δ and the largest order, however large σ is.
 */
export function noiseMultiplierFor(input: NoiseSearchInput): NoiseSearchResult {
  const { targetEpsilon, sampleRate, steps, delta } = input;
  const orders = input.orders ?? DEFAULT_ORDERS;
  const tolerance = input.tolerance ?? 0.01;
  const conversion = input.conversion ?? 'balle2020';
  if (!(targetEpsilon > 0)) throw new RangeError(`targetEpsilon must be > 0, got ${targetEpsilon}`);
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be > 0, got ${tolerance}`);
  if (!(sampleRate > 0 && sampleRate <= 1)) throw new RangeError(`sampleRate must be in (0, 1], got ${sampleRate}`);
  if (!(Number.isInteger(steps) && steps > 0)) throw new RangeError(`steps must be a positive integer, got ${steps}`);

  const epsilonAt = (noiseMultiplier: number): number =>
    epsilonFromRdp(orders, composeRdp([{ sampleRate, noiseMultiplier, steps }], orders), delta, conversion).epsilon;

  let sigmaLow = 0;
  let sigmaHigh = 10;
  let epsHigh = epsilonAt(sigmaHigh);
  while (epsHigh > targetEpsilon) {
    sigmaLow = sigmaHigh;
    sigmaHigh *= 2;
    if (sigmaHigh > MAX_SIGMA) {
      throw new RangeError(
        `targetEpsilon=${targetEpsilon} is unreachable for sampleRate=${sampleRate}, steps=${steps}, delta=${delta}: ` +
          `even noiseMultiplier=${MAX_SIGMA} gives epsilon=${epsHigh}`,
      );
    }
    epsHigh = epsilonAt(sigmaHigh);
  }
  for (let k = 0; k < MAX_BISECTIONS && targetEpsilon - epsHigh > tolerance; k++) {
    const sigma = 0.5 * (sigmaLow + sigmaHigh);
    const eps = epsilonAt(sigma);
    if (eps <= targetEpsilon) {
      sigmaHigh = sigma;
      epsHigh = eps;
    } else {
      sigmaLow = sigma;
    }
  }
  if (targetEpsilon - epsHigh > tolerance) {
    throw new RangeError(`noise search did not reach tolerance=${tolerance} around targetEpsilon=${targetEpsilon} (best epsilon=${epsHigh})`);
  }
  return { noiseMultiplier: sigmaHigh, epsilon: epsHigh };
}

/**
 * A stateful RDP accountant for DP-SGD: records each stretch of training (q, σ, steps) and reports
 * ε at a chosen δ. A thin wrapper over ../analysis/rdp.ts, in the manner of Opacus' RDPAccountant.
 */
import {
  composeRdp,
  DEFAULT_ORDERS,
  epsilonFromRdp,
  type EpsilonAtDelta,
  type RdpConversion,
  type SubsampledGaussianSteps,
} from '../analysis/rdp';

export class RdpAccountant {
  private readonly entries: SubsampledGaussianSteps[] = [];

  /**
   * Records `steps` steps at sampling rate q and noise multiplier σ. Consecutive records with the
   * same (q, σ) are merged, as Opacus does, so the history stays short over a long run.
   * @throws RangeError on a negative or non-integer step count.
   */
  step(sampleRate: number, noiseMultiplier: number, steps = 1): void {
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
    const last = this.entries.at(-1);
    if (last && last.sampleRate === sampleRate && last.noiseMultiplier === noiseMultiplier) last.steps += steps;
    else this.entries.push({ sampleRate, noiseMultiplier, steps });
  }

  /** The recorded stretches, oldest first (copies). */
  get history(): SubsampledGaussianSteps[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  /** Total number of recorded steps. */
  get totalSteps(): number {
    return this.entries.reduce((sum, entry) => sum + entry.steps, 0);
  }

  /** The composed RDP of the whole history at each order. */
  rdp(orders: readonly number[] = DEFAULT_ORDERS): Float64Array {
    return composeRdp(this.entries, orders);
  }

  /**
   * ε at δ for the whole history, with the order that attains it (SCIENCE.md §9.3).
   * @param conversion 'balle2020' (default, as Opacus) or the classic 'mironov2017'.
   */
  getEpsilon(delta: number, orders: readonly number[] = DEFAULT_ORDERS, conversion: RdpConversion = 'balle2020'): EpsilonAtDelta {
    return epsilonFromRdp(orders, this.rdp(orders), delta, conversion);
  }
}

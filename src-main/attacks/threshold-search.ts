/**
 * Choosing a membership threshold on shadow data: member iff value ≥ τ, candidates τ = every
 * observed value (ties grouped: equal values are always on the same side). Sort once and walk the
 * two sorted lists with prefix counts — O(n log n) instead of the reference's O(n²) scan
 * (SCIENCE.md §6.1).
 */

/**
 * What the threshold maximises: 'balanced-accuracy' = ½(frac_IN(v ≥ τ) + frac_OUT(v < τ)) (Song &
 * Mittal); 'accuracy' = correct / all records (Choquette-Choo's label-only thresholds).
 */
export type ThresholdObjective = 'balanced-accuracy' | 'accuracy';

export interface ThresholdChoice {
  threshold: number;
  /** The objective's value at that threshold on the shadow data. */
  objective: number;
}

/**
 * The observed value τ maximising the objective for "member iff v ≥ τ"; the smallest such τ when
 * several tie.
 * @returns null when there is nothing to choose from (no records, or no IN or no OUT record for
 *   the balanced objective).
 * @throws RangeError when a value is NaN.
 */
export function bestThreshold(inValues: ArrayLike<number>, outValues: ArrayLike<number>, objective: ThresholdObjective): ThresholdChoice | null {
  // Copies: the callers' arrays stay in their order.
  const ins = Float64Array.from(inValues).sort();
  const outs = Float64Array.from(outValues).sort();
  if (Number.isNaN(ins.at(-1) ?? 0) || Number.isNaN(outs.at(-1) ?? 0)) throw new RangeError('threshold search got a NaN value');
  const nIn = ins.length;
  const nOut = outs.length;
  if (objective === 'balanced-accuracy' ? nIn === 0 || nOut === 0 : nIn + nOut === 0) return null;
  const score = (inAtOrAbove: number, outBelow: number) =>
    objective === 'balanced-accuracy' ? 0.5 * (inAtOrAbove / nIn + outBelow / nOut) : (inAtOrAbove + outBelow) / (nIn + nOut);
  let best: ThresholdChoice | null = null;
  let a = 0;
  let b = 0;
  while (a < nIn || b < nOut) {
    const value = Math.min(a < nIn ? ins[a]! : Infinity, b < nOut ? outs[b]! : Infinity);
    const objectiveValue = score(nIn - a, b);
    if (best === null || objectiveValue > best.objective) best = { threshold: value, objective: objectiveValue };
    while (a < nIn && ins[a] === value) a++;
    while (b < nOut && outs[b] === value) b++;
  }
  return best;
}

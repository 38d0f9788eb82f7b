/**
 * Verdicts from mean ± std over models or targets: a difference counts when it is at least twice
 * its standard error (the two means' standard errors combined), in the claimed direction.
 */
import type { MeanStd } from '../../src-shared/analysis';
import type { Verdict } from '../../src-shared/reports';

/** Standard error of a mean. */
export function standardError(value: MeanStd): number {
  return value.n > 1 && Number.isFinite(value.std) ? value.std / Math.sqrt(value.n) : NaN;
}

export interface Difference {
  delta: number;
  se: number;
  /** delta / se; NaN when the error is unknown. */
  z: number;
}

/** b − a with its standard error. */
export function difference(a: MeanStd, b: MeanStd): Difference {
  const delta = b.mean - a.mean;
  const se = Math.hypot(standardError(a), standardError(b));
  return { delta, se, z: se > 0 ? delta / se : delta === 0 ? 0 : NaN };
}

/**
 * Whether a difference supports a claimed direction: 'supported' when |z| ≥ 2 the claimed way,
 * 'not supported' when |z| ≥ 2 the other way, 'inconclusive' in between.
 */
export function directionVerdict(diff: Difference, claimed: 'down' | 'up'): Verdict {
  if (!Number.isFinite(diff.z)) return 'inconclusive';
  const signed = claimed === 'down' ? -diff.z : diff.z;
  if (signed >= 2) return 'supported';
  if (signed <= -2) return 'not supported';
  return 'inconclusive';
}

/** "−3.2 ± 1.1 points (z = −2.9)" for percentages. */
export function describeDifference(diff: Difference, unit = 'points'): string {
  const z = Number.isFinite(diff.z) ? ` (z = ${diff.z.toFixed(1).replace('-', '−')})` : '';
  return `${diff.delta >= 0 ? '+' : '−'}${Math.abs(diff.delta * 100).toFixed(2)} ± ${(diff.se * 100).toFixed(2)} ${unit}${z}`;
}

/** A relative change as "−74%" (typographic minus, as in the other evidence). */
export function describeRelative(fraction: number): string {
  return `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(0)}%`;
}

/** The verdict of several verdicts that must all hold. */
export function allOf(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('not run')) return 'not run';
  if (verdicts.includes('not supported')) return 'not supported';
  if (verdicts.every((v) => v === 'supported')) return 'supported';
  return 'inconclusive';
}

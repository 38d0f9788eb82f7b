/** Axis ticks with labels, for the Axis component. */
import { format } from 'd3-format';
import { ticks as linearTicks } from 'd3-array';

export interface Tick {
  value: number;
  label: string;
}

/** About `count` round ticks over [lo, hi], labelled with `fmt` (a d3-format specifier, or a function). */
export function linearAxisTicks(lo: number, hi: number, count: number, fmt: string | ((v: number) => string) = ''): Tick[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return [];
  const values = lo === hi ? [lo] : linearTicks(Math.min(lo, hi), Math.max(lo, hi), count);
  const label = typeof fmt === 'function' ? fmt : fmt ? format(fmt) : (v: number) => String(Number(v.toPrecision(6)));
  return values.map((value) => ({ value, label: label(value) }));
}

/** A percentage label for a fraction with as few digits as it needs: 0.001 → "0.1%", 1 → "100%". */
export function percentLabel(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(4))}%`;
}

/** An [lo, hi] domain widened by a share of its span on each side (and made non-empty). */
export function padDomain(lo: number, hi: number, share = 0.04): [number, number] {
  if (lo === hi) return [lo - 1, hi + 1];
  const pad = (hi - lo) * share;
  return [lo - pad, hi + pad];
}

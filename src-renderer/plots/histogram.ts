/**
 * Histograms of several groups over one set of bin edges (member and non-member scores), so the
 * bars of the groups line up and can be compared bin by bin.
 */
import { bisectRight, nice, quantileSorted, ticks } from 'd3-array';

export interface SharedHistogram {
  /** Bin edges, ascending; bin i is [edges[i], edges[i+1]), the last one closed on the right. */
  edges: number[];
  /** counts[g][i]: values of group g in bin i. */
  counts: number[][];
  /** Finite values per group (what the counts add up to). */
  totals: number[];
  /** Values dropped per group (null, NaN, ±∞). */
  dropped: number[];
  /** Values per group outside the requested range, counted in the first or last bin. */
  clamped: number[];
}

/**
 * Bins every group over edges shared by all of them: "nice" round edges that cover the finite
 * values of every group (or `range`), about `bins` of them. Null and non-finite values are dropped
 * and counted. With a range, values outside it are counted in the first or last bin (and in
 * `clamped`), so heavy tails do not squeeze the bulk into a few bins. A group may be empty; when no
 * group has a value there are no edges. When every value is the same, one bin centred on it (width
 * 1, or wider for large values) holds them.
 * Args: groups — the values of each group; bins — the wanted number of bins (≥ 1); range — the
 *   span to bin (see centralRange), the values' full extent when left out.
 */
export function sharedHistogram(groups: ReadonlyArray<ArrayLike<number | null>>, bins = 30, range?: readonly [number, number]): SharedHistogram {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`sharedHistogram: bins must be a positive whole number, not ${bins}`);
  if (range && !(Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] <= range[1])) throw new RangeError(`sharedHistogram: range [${range[0]}, ${range[1]}] is not an interval`);
  let min = Infinity;
  let max = -Infinity;
  const dropped = groups.map(() => 0);
  groups.forEach((values, g) => {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        dropped[g]!++;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
    }
  });
  const clamped = groups.map(() => 0);
  if (min > max) return { edges: [], counts: groups.map(() => []), totals: groups.map(() => 0), dropped, clamped };

  const edges = range ? binEdges(range[0], range[1], bins) : binEdges(min, max, bins);
  const lo = edges[0]!;
  const hi = edges[edges.length - 1]!;
  const last = edges.length - 2;
  const counts = groups.map(() => new Array<number>(last + 1).fill(0));
  const totals = groups.map(() => 0);
  groups.forEach((values, g) => {
    const row = counts[g]!;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (v < lo || v > hi) clamped[g]!++;
      row[Math.min(Math.max(bisectRight(edges, v) - 1, 0), last)]!++;
      totals[g]!++;
    }
  });
  return { edges, counts, totals, dropped, clamped };
}

/**
 * The span holding the central `share` of the finite values of all groups together (from the
 * (1−share)/2 to the (1+share)/2 quantile); the full extent when that span is empty; null when
 * there is no finite value.
 */
export function centralRange(groups: ReadonlyArray<ArrayLike<number | null>>, share = 0.99): [number, number] | null {
  const values: number[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length; i++) {
      const v = group[i];
      if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
    }
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - Math.min(Math.max(share, 0), 1)) / 2;
  const lo = quantileSorted(values, tail)!;
  const hi = quantileSorted(values, 1 - tail)!;
  return lo < hi ? [lo, hi] : [values[0]!, values[values.length - 1]!];
}

/** Round edges covering [min, max] in about `bins` steps; one bin centred on the value when min = max. */
function binEdges(min: number, max: number, bins: number): number[] {
  if (min === max) {
    const half = Math.max(0.5, Math.abs(min) * 1e-9);
    return [min - half, min + half];
  }
  let edges: number[] = [];
  try {
    const [lo, hi] = nice(min, max, bins);
    edges = increasing(ticks(lo, hi, bins));
  } catch {
    // d3's ticks give up on spans near the float resolution; uniform edges below handle those.
  }
  if (edges.length < 2 || edges[0]! > min || edges[edges.length - 1]! < max) {
    edges = increasing(Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + ((max - min) * i) / bins)));
  }
  return edges;
}

/** The values that are strictly above every earlier one (rounding can repeat an edge). */
function increasing(values: number[]): number[] {
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || v > out[out.length - 1]!) out.push(v);
  return out;
}

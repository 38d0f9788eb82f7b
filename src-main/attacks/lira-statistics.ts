/**
 * LiRA's streaming pass: per sample and query, the location and std of the IN and OUT shadow signals
 * (target excluded), the target's own signal, and the pooled sums behind the global σ estimates
 * (SCIENCE.md §3.1, §3.3). Memory is O(N·A) for the results plus one block of the source.
 */
import { medianInPlace } from './order-statistics';
import { forEachBlock } from './score-source';
import type { ScoreSource } from './types';

/** Pooled second moments of one side (IN or OUT) over all samples and queries. */
export interface PooledMoments {
  /** Σ (x − per-(sample, query) location)² over groups with ≥ 2 values. */
  residualSquares: number;
  /** Number of values in those groups. */
  residualCount: number;
  /** Values, mean and Σ (x − mean)² of all values pooled (uncentred per sample). */
  count: number;
  mean: number;
  squares: number;
}

/** Per-(sample, query) shadow statistics of one side, N × A row-major. */
export interface SideStatistics {
  location: Float64Array;
  /** Per-example std with the requested ddof; NaN where count − ddof ≤ 0. */
  std: Float64Array;
  /** Shadows used per sample (after any cap). */
  count: Int32Array;
  moments: PooledMoments;
}

/** Result of {@link collectLiraStatistics}. */
export interface LiraStatistics {
  /** The target model's own signal, N × A. */
  observed: Float64Array;
  in: SideStatistics;
  out: SideStatistics;
}

/** Options of {@link collectLiraStatistics}. */
export interface CollectOptions {
  location: 'median' | 'mean';
  ddof: 0 | 1;
  /** At most this many IN / OUT shadows per sample, the first models in index order. */
  capIn: number;
  capOut: number;
  /** Also cut each sample's IN and OUT shadows to the smaller of its two counts (online only). */
  equalPerSample: boolean;
  /** Offline LiRA never looks at IN signals: skip them. */
  needIn: boolean;
  blockSize: number;
}

function newSide(cells: number, samples: number): SideStatistics {
  return {
    location: new Float64Array(cells).fill(NaN),
    std: new Float64Array(cells).fill(NaN),
    count: new Int32Array(samples),
    moments: { residualSquares: 0, residualCount: 0, count: 0, mean: 0, squares: 0 },
  };
}

/**
 * Summarises `buffer[lo..lo+n)` into `side` at `cell`, and adds it to the pooled moments.
 * Reorders the range (median by quickselect).
 */
function summarise(
  buffer: Float64Array,
  lo: number,
  n: number,
  side: SideStatistics,
  cell: number,
  options: CollectOptions,
): void {
  if (n === 0) return;
  let sum = 0;
  for (let k = lo; k < lo + n; k++) sum += buffer[k]!;
  const mean = sum / n;
  let squares = 0;
  for (let k = lo; k < lo + n; k++) {
    const d = buffer[k]! - mean;
    squares += d * d;
  }
  const location = options.location === 'median' ? medianInPlace(buffer, lo, lo + n) : mean;
  side.location[cell] = location;
  if (n - options.ddof > 0) side.std[cell] = Math.sqrt(squares / (n - options.ddof));
  const pooled = side.moments;
  if (n >= 2) {
    const shift = mean - location;
    pooled.residualSquares += squares + n * shift * shift;
    pooled.residualCount += n;
  }
  // Chan et al.'s pairwise update keeps the pooled variance exact over millions of groups.
  const total = pooled.count + n;
  const delta = mean - pooled.mean;
  pooled.mean += (delta * n) / total;
  pooled.squares += squares + (delta * delta * pooled.count * n) / total;
  pooled.count = total;
}

/**
 * Streams `source` once and collects the per-sample shadow statistics for attacking `target`.
 *
 * Args: `keep` M × N membership; `target` the attacked model, never used as a shadow.
 * Returns {@link LiraStatistics}; groups without values keep NaN location/std.
 */
export function collectLiraStatistics(
  source: ScoreSource,
  keep: Uint8Array,
  target: number,
  options: CollectOptions,
): LiraStatistics {
  const { models, samples, queries } = source;
  const cells = samples * queries;
  const observed = new Float64Array(cells);
  const inSide = newSide(cells, samples);
  const outSide = newSide(cells, samples);
  // Query-major scratch: the values of query a occupy [a·models, a·models + n).
  const inBuffer = new Float64Array(queries * models);
  const outBuffer = new Float64Array(queries * models);

  forEachBlock(source, options.blockSize, (block, start, end) => {
    const width = (end - start) * queries;
    for (let j = 0; j < end - start; j++) {
      const sample = start + j;
      const cellBase = sample * queries;
      const targetOffset = target * width + j * queries;
      for (let a = 0; a < queries; a++) observed[cellBase + a] = block[targetOffset + a]!;
      let nIn = 0;
      let nOut = 0;
      for (let m = 0; m < models; m++) {
        if (m === target) continue;
        const offset = m * width + j * queries;
        if (keep[m * samples + sample] === 1) {
          if (!options.needIn || nIn >= options.capIn) continue;
          for (let a = 0; a < queries; a++) inBuffer[a * models + nIn] = block[offset + a]!;
          nIn++;
        } else if (nOut < options.capOut) {
          for (let a = 0; a < queries; a++) outBuffer[a * models + nOut] = block[offset + a]!;
          nOut++;
        }
      }
      if (options.equalPerSample && options.needIn) nIn = nOut = Math.min(nIn, nOut);
      inSide.count[sample] = nIn;
      outSide.count[sample] = nOut;
      for (let a = 0; a < queries; a++) {
        summarise(inBuffer, a * models, nIn, inSide, cellBase + a, options);
        summarise(outBuffer, a * models, nOut, outSide, cellBase + a, options);
      }
    }
  });
  return { observed, in: inSide, out: outSide };
}

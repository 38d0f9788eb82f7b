/**
 * RMIA (Zarifzadeh, Liu, Mireshghallah, Shokri, ICML 2024; SCIENCE.md §5).
 *
 * `ratio_x = Pr(x|θ)/Pr(x)` with Pr(x) estimated from reference models (every model except the target);
 * `score(x)` = fraction of population points z with `LR(x, z) = ratio_x / ratio_z > γ`, decided per query
 * and combined by strict majority vote (an exact tie counts as false, as `torch.mode` in the paper code).
 * `LR > γ` is evaluated as `ratio_x > γ · ratio_z` in both the fast and the pairwise paths, so they agree
 * exactly.
 */
import { Rng } from '../math/prng';
import { assertKeep, countRange } from './masks';
import { trimmedMeanInPlace } from './order-statistics';
import { forEachBlock } from './score-source';
import { DEFAULT_BLOCK_SIZE, type CountRange, type ScoreSource } from './types';

/** RMIA options (defaults: the research configs, SCIENCE.md §5.2). */
export interface RmiaOptions {
  /**
   * 'offline' (default): Pr(x) ≈ ½[(1 + a)·Pr_OUT(x) + (1 − a)] from the OUT references only.
   * 'online': Pr(x) = the estimator over all references, IN and OUT.
   */
  mode: 'offline' | 'online';
  /** Offline interpolation a ∈ [0, 1] (default 0.3: CIFAR-10; CIFAR-100 used 0.6, Purchase 0.2). */
  a: number;
  /** Likelihood-ratio threshold γ > 0 (default 2.0, paper configs; the library hard-codes 1.0). */
  gamma: number;
  /** Estimator of Pr over references: 'trimmed-mean' (default) or 'mean'. */
  prXEstimator: 'mean' | 'trimmed-mean';
  /** Fraction cut from each end by the trimmed mean (default 0.2). */
  trim: number;
  /**
   * Population Z. 'other-samples' (default): every audited sample except x itself, as the paper code
   * (restricting Z to the target's non-members would use the ground truth an attacker lacks).
   * Or explicit sample indices (e.g. a held-out population set scored in the same source); x is never
   * compared with itself.
   */
  population: 'other-samples' | ReadonlyArray<number>;
  /** Draw this many population points at random (seeded) instead of using all of them. */
  populationSize?: number;
  /** Seed of the population draw (default 0). */
  seed: number;
  /** Samples per streamed block (default 4096). */
  blockSize: number;
}

/** What {@link rmiaScores} did. */
export interface RmiaDiagnostics {
  options: RmiaOptions;
  target: number;
  references: number;
  /** References averaged per sample (OUT only offline). */
  referencesUsed: CountRange;
  /** |Z| actually used (after sampling and dropping points without references). */
  populationSize: number;
  /** True when the single-query sorted path was used. */
  fastPath: boolean;
  /** Samples without any reference (score NaN, excluded from Z). */
  unscoredSamples: number;
}

/** RMIA scores in [0, 1] (larger = member), the per-query ratios and diagnostics. */
export interface RmiaResult {
  scores: Float64Array;
  /** ratio_x = Pr(x|θ)/Pr(x), N × A. */
  ratio: Float64Array;
  /** Pr(x) per sample and query, N × A. */
  prX: Float64Array;
  diagnostics: RmiaDiagnostics;
}

const DEFAULTS: RmiaOptions = {
  mode: 'offline',
  a: 0.3,
  gamma: 2,
  prXEstimator: 'trimmed-mean',
  trim: 0.2,
  population: 'other-samples',
  seed: 0,
  blockSize: DEFAULT_BLOCK_SIZE,
};

/**
 * Fills unspecified RMIA options with the defaults and validates them.
 *
 * Throws RangeError naming the first invalid field.
 */
export function resolveRmiaOptions(partial: Partial<RmiaOptions> = {}): RmiaOptions {
  const o: RmiaOptions = { ...DEFAULTS };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) (o as unknown as Record<string, unknown>)[key] = value;
  }
  if (o.mode !== 'offline' && o.mode !== 'online') {
    throw new RangeError(`RMIA option mode = ${String(o.mode)} is not offline or online`);
  }
  if (!(o.a >= 0 && o.a <= 1)) throw new RangeError(`RMIA option a must be in [0, 1], got ${o.a}`);
  if (!(o.gamma > 0) || !Number.isFinite(o.gamma)) throw new RangeError(`RMIA option gamma must be > 0, got ${o.gamma}`);
  if (o.prXEstimator !== 'mean' && o.prXEstimator !== 'trimmed-mean') {
    throw new RangeError(`RMIA option prXEstimator = ${String(o.prXEstimator)} is not mean or trimmed-mean`);
  }
  if (!(o.trim >= 0 && o.trim < 0.5)) throw new RangeError(`RMIA option trim must be in [0, 0.5), got ${o.trim}`);
  if (o.populationSize !== undefined && (!Number.isInteger(o.populationSize) || o.populationSize < 1)) {
    throw new RangeError(`RMIA option populationSize must be an integer >= 1, got ${o.populationSize}`);
  }
  if (!Number.isInteger(o.blockSize) || o.blockSize < 1) {
    throw new RangeError(`RMIA option blockSize must be an integer >= 1, got ${o.blockSize}`);
  }
  return o;
}

/**
 * Pr(x) and ratio_x per sample and query against `target`, streaming the references (§5.1, §5.4:
 * explicit masks and per-sample counts, so no zeros are averaged in; ratio_x is Pr(x|θ)/Pr(x), not inverted).
 *
 * Returns N × A arrays (NaN for samples without references) and the per-sample reference counts.
 */
export function rmiaRatios(
  probs: ScoreSource,
  keep: Uint8Array,
  target: number,
  options: RmiaOptions,
): { ratio: Float64Array; prX: Float64Array; referencesUsed: Int32Array } {
  const { models, samples, queries } = probs;
  const ratio = new Float64Array(samples * queries);
  const prX = new Float64Array(samples * queries);
  const referencesUsed = new Int32Array(samples);
  const buffer = new Float64Array(queries * models);
  const cut = options.prXEstimator === 'trimmed-mean' ? options.trim : 0;
  const offline = options.mode === 'offline';
  forEachBlock(probs, options.blockSize, (block, start, end) => {
    const width = (end - start) * queries;
    for (let j = 0; j < end - start; j++) {
      const sample = start + j;
      let n = 0;
      for (let m = 0; m < models; m++) {
        if (m === target || (offline && keep[m * samples + sample] === 1)) continue;
        const offset = m * width + j * queries;
        for (let a = 0; a < queries; a++) buffer[a * models + n] = block[offset + a]!;
        n++;
      }
      referencesUsed[sample] = n;
      for (let a = 0; a < queries; a++) {
        const cell = sample * queries + a;
        const estimate = trimmedMeanInPlace(buffer, a * models, a * models + n, cut);
        const p = offline ? 0.5 * ((1 + options.a) * estimate + (1 - options.a)) : estimate;
        prX[cell] = p;
        ratio[cell] = block[target * width + j * queries + a]! / p;
      }
    }
  });
  return { ratio, prX, referencesUsed };
}

/**
 * Single-query scores by binary search over the sorted `γ · ratio_z` (SCIENCE.md §5.4):
 * `score(x) = #{z ≠ x : ratio_x > γ · ratio_z} / (|Z| − [x ∈ Z])`, O((|X| + |Z|) log |Z|).
 *
 * Args: `ratioX` N; `ratioZ` |Z|; `selfRow[x]` = x's row in Z or −1. Returns N scores (NaN for NaN ratio_x).
 */
export function rmiaSortedScores(
  ratioX: Float64Array,
  ratioZ: Float64Array,
  gamma: number,
  selfRow: Int32Array,
): Float64Array {
  const scaled = new Float64Array(ratioZ.length);
  for (let z = 0; z < ratioZ.length; z++) scaled[z] = gamma * ratioZ[z]!;
  scaled.sort();
  const scores = new Float64Array(ratioX.length);
  for (let x = 0; x < ratioX.length; x++) {
    const r = ratioX[x]!;
    const self = selfRow[x]!;
    const size = ratioZ.length - (self >= 0 ? 1 : 0);
    if (Number.isNaN(r) || size === 0) {
      scores[x] = NaN;
      continue;
    }
    let lo = 0;
    let hi = scaled.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (scaled[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    const selfCounted = self >= 0 && gamma * ratioZ[self]! < r ? 1 : 0;
    scores[x] = (lo - selfCounted) / size;
  }
  return scores;
}

/**
 * Multi-query scores by pairwise counting with a strict majority vote per (x, z) over the A queries
 * (SCIENCE.md §5.2; a tie counts as false). O(|X|·|Z|·A); for many queries keep |Z| to a few thousand
 * (`populationSize`).
 *
 * Args: `ratioX` N × A; `ratioZ` |Z| × A; `selfRow[x]` = x's row in Z or −1. Returns N scores.
 */
export function rmiaVoteScores(
  ratioX: Float64Array,
  ratioZ: Float64Array,
  queries: number,
  gamma: number,
  selfRow: Int32Array,
): Float64Array {
  const population = ratioZ.length / queries;
  // Query-major γ·ratio_z: the inner loop runs over contiguous z without branches (≈3× faster).
  const scaled = new Float64Array(ratioZ.length);
  for (let z = 0; z < population; z++) {
    for (let a = 0; a < queries; a++) scaled[a * population + z] = gamma * ratioZ[z * queries + a]!;
  }
  const votes = queries < 256 ? new Uint8Array(population) : new Uint32Array(population);
  const samples = ratioX.length / queries;
  const scores = new Float64Array(samples);
  for (let x = 0; x < samples; x++) {
    const self = selfRow[x]!;
    const size = population - (self >= 0 ? 1 : 0);
    const xBase = x * queries;
    let missing = size === 0;
    for (let a = 0; a < queries; a++) if (Number.isNaN(ratioX[xBase + a]!)) missing = true;
    if (missing) {
      scores[x] = NaN;
      continue;
    }
    votes.fill(0);
    for (let a = 0; a < queries; a++) {
      const r = ratioX[xBase + a]!;
      const base = a * population;
      for (let z = 0; z < population; z++) votes[z]! += +(scaled[base + z]! < r);
    }
    let wins = 0;
    for (let z = 0; z < population; z++) if (2 * votes[z]! > queries) wins++;
    if (self >= 0 && 2 * votes[self]! > queries) wins--;
    scores[x] = wins / size;
  }
  return scores;
}

/** The population's sample indices: validated, without unscored samples, optionally subsampled, ascending. */
function selectPopulation(options: RmiaOptions, samples: number, referencesUsed: Int32Array): Int32Array {
  let indices: Int32Array;
  if (options.population === 'other-samples') {
    indices = new Int32Array(samples);
    for (let i = 0; i < samples; i++) indices[i] = i;
  } else {
    indices = Int32Array.from(options.population);
    const seen = new Uint8Array(samples);
    indices.forEach((index, k) => {
      if (!Number.isInteger(index) || index < 0 || index >= samples) {
        throw new RangeError(`RMIA population[${k}] = ${index} is not a sample index in 0..${samples - 1}`);
      }
      if (seen[index]) throw new RangeError(`RMIA population[${k}] = ${index} is listed twice`);
      seen[index] = 1;
    });
  }
  indices = indices.filter((i) => referencesUsed[i]! > 0);
  if (options.populationSize !== undefined && options.populationSize < indices.length) {
    new Rng(options.seed).shuffle(indices);
    indices = indices.slice(0, options.populationSize);
  }
  return indices.sort();
}

/**
 * RMIA member scores of every sample against model `target`, every other model being a reference.
 *
 * Args: `probs` M × N × A values of Pr(x|θ) (true-label probability at temperature T, e.g.
 * `exp(temperatureLogProb(…))`); `keep` M × N membership (the target's row is never read);
 * `options` any subset of {@link RmiaOptions}.
 * Returns scores in [0, 1], ratios, Pr(x) and diagnostics.
 * Throws RangeError on inconsistent shapes, options or population indices.
 */
export function rmiaScores(
  probs: ScoreSource,
  keep: Uint8Array,
  target: number,
  options: Partial<RmiaOptions> = {},
): RmiaResult {
  const opts = resolveRmiaOptions(options);
  const { models, samples, queries } = probs;
  assertKeep(keep, models, samples);
  if (!Number.isInteger(target) || target < 0 || target >= models) {
    throw new RangeError(`target must be a model index in 0..${models - 1}, got ${target}`);
  }
  const { ratio, prX, referencesUsed } = rmiaRatios(probs, keep, target, opts);
  const unscoredSamples = referencesUsed.reduce((n, c) => n + (c === 0 ? 1 : 0), 0);

  const population = selectPopulation(opts, samples, referencesUsed);
  const ratioZ = new Float64Array(population.length * queries);
  const selfRow = new Int32Array(samples).fill(-1);
  population.forEach((sample, row) => {
    selfRow[sample] = row;
    ratioZ.set(ratio.subarray(sample * queries, (sample + 1) * queries), row * queries);
  });
  const fastPath = queries === 1;
  const scores = fastPath
    ? rmiaSortedScores(ratio, ratioZ, opts.gamma, selfRow)
    : rmiaVoteScores(ratio, ratioZ, queries, opts.gamma, selfRow);
  return {
    scores,
    ratio,
    prX,
    diagnostics: {
      options: opts,
      target,
      references: models - 1,
      referencesUsed: countRange(referencesUsed),
      populationSize: population.length,
      fastPath,
      unscoredSamples,
    },
  };
}

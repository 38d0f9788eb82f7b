/**
 * The Likelihood Ratio Attack (Carlini et al., S&P 2022; SCIENCE.md §3), online and offline, with
 * every reference variant as a named option (lira-options.ts).
 *
 * For a target model t, every other model is a shadow; per sample i and query a the IN and OUT shadow
 * signals give Gaussians, and the target's own signal s is scored against them:
 * online `ℓ_a = log N(s; μ_in, σ_in) − log N(s; μ_out, σ_out)`; offline one-sided
 * `−log(1 − Φ((s − μ_out)/σ_out))` or two-sided-ref `−log N(s; μ_out, σ_out)`; then mean (or sum) over a.
 */
import { logNdtr, normalLogPdf } from '../math/special';
import { collectLiraStatistics, type LiraStatistics, type SideStatistics } from './lira-statistics';
import { resolveLiraOptions, type LiraOptions, type LiraVarianceUsed } from './lira-options';
import { assertKeep, countRange, inCounts } from './masks';
import type { CountRange, ScoreSource } from './types';

/** Global σ estimates of one side (NaN where there is no data for them). */
export interface GlobalSigma {
  /** Residuals about the per-(sample, query) location, pooled (tf-privacy library). */
  centred: number;
  /** Uncentred pooled std of all signals (reference research code's fixed variance). */
  pooled: number;
}

/** What {@link liraScores} did, for the run record and the UI. */
export interface LiraDiagnostics {
  options: LiraOptions;
  target: number;
  shadows: number;
  /** The rule applied (resolves 'auto'). */
  varianceUsed: LiraVarianceUsed;
  /** Shadow counts per sample before any equal-count truncation. */
  inShadows: CountRange;
  outShadows: CountRange;
  /** Shadow counts actually used (after `equalCounts`); IN is {0, 0} offline. */
  inUsed: CountRange;
  outUsed: CountRange;
  sigmaIn: GlobalSigma;
  sigmaOut: GlobalSigma;
  /** Absolute σ floors applied per side (0 when disabled). */
  sigmaFloorIn: number;
  sigmaFloorOut: number;
  /** Samples where at least one σ was raised to the floor. */
  sigmaFloorHits: number;
  /** Samples scored with the global-centred σ because they had < 2 IN or < 2 OUT shadows. */
  fallbackSamples: number;
  /** Samples left NaN: no IN (online) or no OUT shadow at all. */
  unscoredSamples: number;
}

/** Member scores (larger = member) and diagnostics. */
export interface LiraResult {
  scores: Float64Array;
  diagnostics: LiraDiagnostics;
}

function globalSigma(side: SideStatistics): GlobalSigma {
  const m = side.moments;
  return {
    centred: m.residualCount > 0 ? Math.sqrt(m.residualSquares / m.residualCount) : NaN,
    pooled: m.count > 0 ? Math.sqrt(m.squares / m.count) : NaN,
  };
}

function requireSigma(value: number, what: string): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`LiRA cannot estimate ${what}: no sample has 2 or more shadow signals on that side`);
  }
  return value;
}

function validateInputs(source: ScoreSource, keep: Uint8Array, target: number): void {
  assertKeep(keep, source.models, source.samples);
  if (!Number.isInteger(target) || target < 0 || target >= source.models) {
    throw new RangeError(`target must be a model index in 0..${source.models - 1}, got ${target}`);
  }
  if (source.models < 2) {
    throw new RangeError(`LiRA needs at least one shadow model besides the target, got ${source.models} models`);
  }
}

/**
 * LiRA member scores of every sample against model `target`, using all other models as shadows.
 *
 * Args: `source` M × N × A signals (φ, SCIENCE.md §1), one model's being the target's; `keep` M × N
 * membership (the target's row is never read); `target` model index; `options` any subset of
 * {@link LiraOptions} (paper defaults; see `liraPreset`).
 * Returns N scores (NaN where a sample has no usable shadow) and {@link LiraDiagnostics}.
 * Throws RangeError on inconsistent shapes or options, or when a needed global σ has no data.
 */
export function liraScores(
  source: ScoreSource,
  keep: Uint8Array,
  target: number,
  options: Partial<LiraOptions> = {},
): LiraResult {
  const opts = resolveLiraOptions(options);
  validateInputs(source, keep, target);
  const { models, samples, queries } = source;
  const online = opts.mode === 'online';
  const shadows = models - 1;
  const inPerSample = inCounts(keep, models, samples, target);
  const inShadows = countRange(inPerSample);
  const outShadows = { min: shadows - inShadows.max, max: shadows - inShadows.min };
  const capIn = opts.equalCounts === 'global' ? inShadows.min : shadows;
  const capOut = opts.equalCounts === 'global' ? outShadows.min : shadows;
  const smallest = online ? Math.min(inShadows.min, outShadows.min) : outShadows.min;
  const varianceUsed: LiraVarianceUsed =
    opts.variance === 'auto' ? (smallest < opts.autoGlobalBelow ? 'global-centred' : 'per-example') : opts.variance;

  const stats = collectLiraStatistics(source, keep, target, {
    location: opts.location,
    ddof: opts.ddof,
    capIn,
    capOut,
    equalPerSample: opts.equalCounts === 'per-sample',
    needIn: online,
    blockSize: opts.blockSize,
  });
  // Equal counts can leave one signal per side (K ≤ 5): then the global σ, which treats every sample
  // alike, comes from all shadows; only the locations need equal counts.
  const thin = (side: SideStatistics) => side.moments.residualCount === 0 && opts.equalCounts !== 'none';
  const sigmaStats =
    thin(stats.out) || (online && thin(stats.in))
      ? collectLiraStatistics(source, keep, target, { location: opts.location, ddof: opts.ddof, capIn: shadows, capOut: shadows, equalPerSample: false, needIn: online, blockSize: opts.blockSize })
      : stats;
  const sigmaIn = globalSigma(sigmaStats.in);
  const sigmaOut = globalSigma(sigmaStats.out);
  const floorOf = (sigma: GlobalSigma) => opts.sigmaFloor * (sigma.centred > 0 ? sigma.centred : 1);
  const sigmaFloorIn = online ? floorOf(sigmaIn) : 0;
  const sigmaFloorOut = floorOf(sigmaOut);

  // Global σ pairs (§3.3); the reference's fixed-variance online branch takes σ_out from the IN data too.
  const fixedSigma = (rule: 'global-centred' | 'global-ref-quirk'): FixedSigma => {
    if (rule === 'global-centred') {
      return {
        in: online ? requireSigma(sigmaIn.centred, 'the global-centred σ of the IN signals') : NaN,
        out: requireSigma(sigmaOut.centred, 'the global-centred σ of the OUT signals'),
      };
    }
    const quirkIn = online ? requireSigma(sigmaIn.pooled, 'the pooled σ of the IN signals') : NaN;
    return { in: quirkIn, out: online ? quirkIn : requireSigma(sigmaOut.pooled, 'the pooled σ of the OUT signals') };
  };
  const floors = { floorIn: sigmaFloorIn, floorOut: sigmaFloorOut };
  const regular: SigmaChoice = { ...floors, fixed: varianceUsed === 'per-example' ? null : fixedSigma(varianceUsed) };
  let fallbackChoice: SigmaChoice | null = null;
  const flag = { floored: false };
  const scores = new Float64Array(samples);
  let fallbackSamples = 0;
  let unscoredSamples = 0;
  let sigmaFloorHits = 0;
  for (let i = 0; i < samples; i++) {
    const nIn = stats.in.count[i]!;
    const nOut = stats.out.count[i]!;
    if (nOut === 0 || (online && nIn === 0)) {
      scores[i] = NaN;
      unscoredSamples++;
      continue;
    }
    let choice = regular;
    if (varianceUsed === 'per-example' && (nOut < 2 || (online && nIn < 2))) {
      fallbackSamples++;
      choice = fallbackChoice ??= { ...floors, fixed: fixedSigma('global-centred') };
    }
    flag.floored = false;
    scores[i] = scoreSample(stats, i, queries, opts, choice, flag);
    if (flag.floored) sigmaFloorHits++;
  }

  return {
    scores,
    diagnostics: {
      options: opts,
      target,
      shadows,
      varianceUsed,
      inShadows,
      outShadows,
      inUsed: online ? countRange(stats.in.count) : { min: 0, max: 0 },
      outUsed: countRange(stats.out.count),
      sigmaIn,
      sigmaOut,
      sigmaFloorIn,
      sigmaFloorOut,
      sigmaFloorHits,
      fallbackSamples,
      unscoredSamples,
    },
  };
}

/** A global σ per side. */
interface FixedSigma {
  in: number;
  out: number;
}

/** σ floors per side, and the fixed (global) σ pair when the sample does not use per-example σ. */
interface SigmaChoice {
  floorIn: number;
  floorOut: number;
  fixed: FixedSigma | null;
}

/** One sample's aggregated score; sets `flag.floored` when a σ hit the floor. */
function scoreSample(
  stats: LiraStatistics,
  sample: number,
  queries: number,
  opts: LiraOptions,
  sigma: SigmaChoice,
  flag: { floored: boolean },
): number {
  const online = opts.mode === 'online';
  let total = 0;
  for (let a = 0; a < queries; a++) {
    const cell = sample * queries + a;
    const s = stats.observed[cell]!;
    let sdOut = sigma.fixed ? sigma.fixed.out : stats.out.std[cell]!;
    if (sdOut < sigma.floorOut) {
      sdOut = sigma.floorOut;
      flag.floored = true;
    }
    sdOut += opts.epsilon;
    const muOut = stats.out.location[cell]!;
    if (online) {
      let sdIn = sigma.fixed ? sigma.fixed.in : stats.in.std[cell]!;
      if (sdIn < sigma.floorIn) {
        sdIn = sigma.floorIn;
        flag.floored = true;
      }
      sdIn += opts.epsilon;
      total += normalLogPdf(s, stats.in.location[cell]!, sdIn) - normalLogPdf(s, muOut, sdOut);
    } else if (opts.offline === 'one-sided') {
      total -= logNdtr(-(s - muOut) / sdOut);
    } else {
      total -= normalLogPdf(s, muOut, sdOut);
    }
  }
  return opts.aggregate === 'mean' ? total / queries : total;
}

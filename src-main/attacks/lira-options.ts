/**
 * LiRA options and compat presets (SCIENCE.md §3). Every choice that changes the numbers is a named
 * option; the defaults follow the paper, the presets pin the reference implementations.
 */
import { DEFAULT_BLOCK_SIZE } from './types';

/** Which Gaussian(s) the target's signal is tested against (§3.1, §3.2). */
export type LiraMode = 'online' | 'offline';

/**
 * Offline test. `'one-sided'` (paper Eq. 4): per query the p-value `1 − Φ(u)`, `u = (s − μ_out)/σ_out`,
 * combined as `mean_a −log(1 − Φ(u_a))` (Fisher; a workbench choice for several queries).
 * `'two-sided-ref'` (reference code): `−log N(s; μ_out, σ_out)` — also flags points far BELOW the OUT mean.
 */
export type LiraOfflineTest = 'one-sided' | 'two-sided-ref';

/**
 * How σ is estimated (§3.3). `'per-example'`: std of each sample's IN/OUT shadow signals per query.
 * `'global-centred'`: one σ per side from all residuals `signal − per-(sample, query) location` (tf-privacy
 * library). `'global-ref-quirk'`: the research code's uncentred pooled std of all IN signals, used for
 * BOTH sides online (offline: the pooled OUT std). `'auto'`: global-centred when the smallest IN or OUT
 * shadow count (OUT only, offline) is below `autoGlobalBelow`, else per-example.
 */
export type LiraVariance = 'auto' | 'per-example' | 'global-centred' | 'global-ref-quirk';

/**
 * How many IN and OUT shadows score a sample. With leave-one-out targets a member has one IN shadow
 * fewer than a non-member; unequal location estimates then bias online scores against members (a
 * model that learned nothing gets AUC 0.48 at K = 16 and 0.41 at K = 4). `'per-sample'` (default):
 * online, each sample uses its first min(IN, OUT) shadows of each side. `'global'`: every sample is cut
 * to the smallest IN and OUT counts over all samples, first models first (the reference code).
 * `'none'`: every shadow (DeMem's code).
 */
export type LiraEqualCounts = 'per-sample' | 'global' | 'none';

/** The variance rule actually applied (see {@link LiraVariance}). */
export type LiraVarianceUsed = Exclude<LiraVariance, 'auto'>;

/** Every LiRA option, resolved. */
export interface LiraOptions {
  /** Default 'online'. */
  mode: LiraMode;
  /** Default 'one-sided' (the paper). */
  offline: LiraOfflineTest;
  /** Default 'auto'. */
  variance: LiraVariance;
  /** Count threshold of `variance: 'auto'` (default 16, SCIENCE.md §3.3). */
  autoGlobalBelow: number;
  /** μ estimator; default 'median' (the authors' code, §3.1; DeMem uses 'mean'). */
  location: 'median' | 'mean';
  /** Delta degrees of freedom of the per-example std (default 0 = np.std). Global σ always uses 0. */
  ddof: 0 | 1;
  /** How per-query log-ratios combine: 'mean' (reference) or 'sum' (DeMem; same ranking). */
  aggregate: 'mean' | 'sum';
  /** Default 'per-sample' (see {@link LiraEqualCounts}). */
  equalCounts: LiraEqualCounts;
  /**
   * σ floor relative to the global-centred σ of the same side (§3.7), applied before `epsilon`;
   * 0 disables it. Default 1e-6.
   */
  sigmaFloor: number;
  /** Added to every σ after the floor (reference: 1e-30; default 0). */
  epsilon: number;
  /** Samples per streamed block (default 4096). */
  blockSize: number;
}

/** Named configurations reproducing published code paths. */
export type LiraPresetName = 'paper' | 'lira-ref' | 'demem';

const PAPER: LiraOptions = {
  mode: 'online',
  offline: 'one-sided',
  variance: 'auto',
  autoGlobalBelow: 16,
  location: 'median',
  ddof: 0,
  aggregate: 'mean',
  equalCounts: 'per-sample',
  sigmaFloor: 1e-6,
  epsilon: 0,
  blockSize: DEFAULT_BLOCK_SIZE,
};

const PRESETS: Record<LiraPresetName, LiraOptions> = {
  paper: PAPER,
  // tensorflow/privacy research/mi_lira_2021/plot.py; its fixed-variance variant is
  // `{ ...liraPreset('lira-ref'), variance: 'global-ref-quirk' }`.
  'lira-ref': {
    ...PAPER,
    offline: 'two-sided-ref',
    variance: 'per-example',
    equalCounts: 'global',
    sigmaFloor: 0,
    epsilon: 1e-30,
  },
  // DeMem eval_privacy.py / lira_luo.py: mean, np.var, no epsilon, per-query log-ratios summed.
  demem: {
    ...PAPER,
    variance: 'per-example',
    location: 'mean',
    aggregate: 'sum',
    equalCounts: 'none',
    sigmaFloor: 0,
  },
};

/**
 * The full option set of a preset, with optional overrides.
 *
 * Returns a fresh object; throws RangeError for an unknown name or an invalid override.
 */
export function liraPreset(name: LiraPresetName, overrides: Partial<LiraOptions> = {}): LiraOptions {
  const preset = PRESETS[name];
  if (preset === undefined) throw new RangeError(`unknown LiRA preset '${String(name)}'`);
  // An override left undefined keeps the preset's choice (spreading it would erase that choice).
  const given = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return resolveLiraOptions({ ...preset, ...given });
}

/**
 * Fills unspecified options with the paper defaults and validates them.
 *
 * Throws RangeError naming the first invalid field.
 */
export function resolveLiraOptions(partial: Partial<LiraOptions> = {}): LiraOptions {
  const options: LiraOptions = { ...PAPER };
  for (const [key, value] of Object.entries(partial)) {
    if (value !== undefined) (options as unknown as Record<string, unknown>)[key] = value;
  }
  const oneOf = (field: keyof LiraOptions, allowed: readonly unknown[]) => {
    if (!allowed.includes(options[field])) {
      throw new RangeError(`LiRA option ${field} = ${String(options[field])} is not one of ${allowed.join(', ')}`);
    }
  };
  oneOf('mode', ['online', 'offline']);
  oneOf('offline', ['one-sided', 'two-sided-ref']);
  oneOf('variance', ['auto', 'per-example', 'global-centred', 'global-ref-quirk']);
  oneOf('location', ['median', 'mean']);
  oneOf('ddof', [0, 1]);
  oneOf('aggregate', ['mean', 'sum']);
  oneOf('equalCounts', ['per-sample', 'global', 'none']);
  const nonNegative = (field: 'sigmaFloor' | 'epsilon' | 'autoGlobalBelow') => {
    if (!(options[field] >= 0) || !Number.isFinite(options[field])) {
      throw new RangeError(`LiRA option ${field} must be a finite number >= 0, got ${options[field]}`);
    }
  };
  nonNegative('sigmaFloor');
  nonNegative('epsilon');
  nonNegative('autoGlobalBelow');
  if (!Number.isInteger(options.blockSize) || options.blockSize < 1) {
    throw new RangeError(`LiRA option blockSize must be an integer >= 1, got ${options.blockSize}`);
  }
  return options;
}

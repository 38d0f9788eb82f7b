/**
 * Inputs of `mnemo attack lira` and `rmia`: a pool of M models over the same N samples, as the
 * membership matrix `keep` (M × N) and one signal per model, sample and query (M × N × A; layout in
 * attacks/types.ts), from the LiRA reference folders (`--lira-dir`) or from arrays (`--keep` with
 * `--scores`, or `--logits` and `--labels`).
 */
import { allocateSignalSet, computeSignals, temperatureLogProb, type PhiForm } from '../../attacks/signals';
import { FormatError } from '../../io/format-error';
import { readLiraLayout, type LiraSignalFolder } from '../../io/lira-layout';
import { dropUnitAxes } from '../../io/npy-values';
import { UsageError } from '../args';
import { choiceFlag, exclusive, optionalIntFlag } from './flags';
import { studyPool } from './study-pool';
import { binaryOf, checkRange, floatsOf, labelsOf, loadArray, origin, shapeError, vectorOf, type FlagArray } from './inputs';

/** The signal an attack needs: LiRA's φ, or RMIA's Pr(x|θ) at a temperature. */
export type PoolSignal = { kind: 'phi'; phi: PhiForm | undefined } | { kind: 'probability'; temperature: number };

/** The flags read here (strings as parseArgs returns them). */
export interface PoolFlags {
  /** A stored study (id, id prefix or name), read from --data-dir. */
  study?: string;
  'data-dir'?: string;
  'lira-dir'?: string;
  epoch?: string;
  from?: string;
  'skip-incomplete'?: boolean;
  keep?: string;
  scores?: string;
  logits?: string;
  labels?: string;
}

/** A loaded pool. */
export interface PoolData {
  models: number;
  samples: number;
  queries: number;
  keep: Uint8Array;
  /** M × N × A signal values. */
  values: Float32Array | Float64Array;
  /** Experiment folder per model (`--lira-dir`), else null. */
  modelNames: string[] | null;
  /** What was read, for the JSON report. */
  input: Record<string, unknown>;
  /** Notes for the report's flags. */
  notes: string[];
}

/** Pr = 1/(1 + e^−φ): φ is the log-odds of p_y (SCIENCE.md §1), so this recovers p_y without cancellation. */
function probabilityOfPhi(phi: ArrayLike<number>): Float64Array {
  return Float64Array.from(phi, (v) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))));
}

async function fromLiraDir(dir: string, flags: PoolFlags, signal: PoolSignal): Promise<PoolData> {
  for (const flag of ['keep', 'scores', 'logits'] as const) {
    if (flags[flag] !== undefined) throw new UsageError(`--${flag} cannot be used with --lira-dir (the experiment folders hold keep.npy and the signals)`);
  }
  if (signal.kind === 'probability' && signal.temperature !== 1) {
    throw new UsageError('--temperature needs --logits arrays: --lira-dir yields φ, from which Pr(x|θ) follows at temperature 1 only');
  }
  const from = choiceFlag<LiraSignalFolder>(flags.from, '--from', ['scores', 'logits']);
  const phi = signal.kind === 'phi' ? signal.phi : undefined;
  if (from === 'scores' && (flags.labels !== undefined || phi !== undefined)) {
    throw new UsageError('--labels and --phi apply to logits: drop --from scores');
  }
  let layout;
  try {
    layout = await readLiraLayout(dir, {
      epoch: optionalIntFlag(flags.epoch, '--epoch', 0),
      from,
      labels: flags.labels,
      phi,
      skipIncomplete: flags['skip-incomplete'] ?? false,
    });
  } catch (error) {
    if (error instanceof FormatError) {
      throw new UsageError(`${error.file === flags.labels ? '--labels' : '--lira-dir'} ${error.message}`);
    }
    throw error;
  }
  return {
    models: layout.models,
    samples: layout.samples,
    queries: layout.queries,
    keep: layout.keep,
    values: signal.kind === 'phi' ? layout.scores : probabilityOfPhi(layout.scores),
    modelNames: layout.modelNames,
    input: {
      liraDir: dir,
      source: layout.source,
      phi: layout.phi,
      epoch: layout.epoch,
      epochs: layout.epochs,
      skipped: layout.skipped,
      models: layout.models,
      samples: layout.samples,
      queries: layout.queries,
      modelNames: layout.modelNames,
    },
    notes: [...layout.notes, ...layout.skipped.map((s) => `skipped ${s.name}: ${s.reason}`)],
  };
}

/** Logits M × N × K, M × N × A × K or M × N × 1 × A × K (stacked inference.py files) as {A, K}. */
function logitShape(input: FlagArray, models: number, samples: number, keep: FlagArray): { queries: number; classes: number } {
  const s = input.array.shape;
  const dims = s.length === 5 ? dropUnitAxes(s, [2]) : s;
  if (dims && dims[0] === models && dims[1] === samples) {
    if (dims.length === 3) return { queries: 1, classes: dims[2]! };
    if (dims.length === 4) return { queries: dims[2]!, classes: dims[3]! };
  }
  throw shapeError(input, `logits of shape (M, N, K) or (M, N, A, K) with M = ${models}, N = ${samples} as ${origin(keep)}`);
}

/** Signals per model from logits: φ in the requested form, or Pr(x|θ) = softmax(z/T)_y. */
function signalsOfLogits(
  logits: Float32Array | Float64Array,
  labels: Int32Array,
  shape: { models: number; samples: number; queries: number; classes: number },
  signal: PoolSignal,
): Float64Array {
  const { models, samples, queries, classes } = shape;
  const rows = samples * queries;
  const perRow = new Int32Array(rows);
  for (let i = 0; i < samples; i++) perRow.fill(labels[i]!, i * queries, (i + 1) * queries);
  const out = new Float64Array(models * rows);
  const into = signal.kind === 'phi' ? allocateSignalSet(rows, classes, 0) : undefined;
  for (let m = 0; m < models; m++) {
    const block = logits.subarray(m * rows * classes, (m + 1) * rows * classes);
    if (signal.kind === 'phi') out.set(computeSignals(block, perRow, { phi: signal.phi ?? 'logit', topK: 0, into }).phi, m * rows);
    else out.set(temperatureLogProb(block, perRow, signal.temperature).map(Math.exp), m * rows);
  }
  return out;
}

async function fromArrays(flags: PoolFlags, signal: PoolSignal): Promise<PoolData> {
  if (flags.keep === undefined) throw new UsageError('--lira-dir or --keep is required (the membership of every model)');
  for (const flag of ['epoch', 'from', 'skip-incomplete'] as const) {
    if (flags[flag] !== undefined && flags[flag] !== false) throw new UsageError(`--${flag} applies to --lira-dir`);
  }
  exclusive(flags as Record<string, unknown>, ['scores', 'logits']);
  const keepIn = await loadArray('--keep', flags.keep);
  if (keepIn.array.shape.length !== 2) throw shapeError(keepIn, 'a 2-D M × N 0/1 membership matrix (model m trained on sample i)');
  const [models, samples] = keepIn.array.shape as [number, number];
  const keep = binaryOf(keepIn);
  const input: Record<string, unknown> = { keep: flags.keep, models, samples };

  if (flags.scores !== undefined) {
    if (flags.labels !== undefined) throw new UsageError('--labels applies to --logits (or --lira-dir), not to --scores');
    if (signal.kind === 'phi' && signal.phi !== undefined) throw new UsageError('--phi applies to --logits, not to --scores');
    const scoresIn = await loadArray('--scores', flags.scores);
    const s = scoresIn.array.shape;
    if (!((s.length === 2 || s.length === 3) && s[0] === models && s[1] === samples)) {
      throw shapeError(scoresIn, `(M, N) or (M, N, A) with M = ${models}, N = ${samples} as ${origin(keepIn)}`);
    }
    const values = floatsOf(scoresIn);
    if (signal.kind === 'probability') {
      checkRange(scoresIn, values, 0, 1, 'probabilities Pr(x|θ)', '; pass logits with --logits and --labels instead');
    }
    const queries = s[2] ?? 1;
    return { models, samples, queries, keep, values, modelNames: null, input: { ...input, scores: flags.scores, queries }, notes: [] };
  }
  if (flags.logits === undefined) throw new UsageError('--scores or --logits is required with --keep');
  if (flags.labels === undefined) throw new UsageError('--labels is required with --logits (the N class labels)');
  const logitsIn = await loadArray('--logits', flags.logits);
  const { queries, classes } = logitShape(logitsIn, models, samples, keepIn);
  const labelsIn = await loadArray('--labels', flags.labels);
  vectorOf(labelsIn, samples, `N = ${samples} class labels`);
  const labels = labelsOf(labelsIn);
  labels.forEach((y, i) => {
    if (y >= classes) throw new UsageError(`${origin(labelsIn)}: expected labels in 0..${classes - 1} for the ${classes} classes of ${origin(logitsIn)}, found ${y} at [${i}]`);
  });
  if (classes < 2) throw shapeError(logitsIn, 'logits over K >= 2 classes');
  const values = signalsOfLogits(floatsOf(logitsIn), labels, { models, samples, queries, classes }, signal);
  return {
    models,
    samples,
    queries,
    keep,
    values,
    modelNames: null,
    input: { ...input, logits: flags.logits, labels: flags.labels, queries, classes, ...(signal.kind === 'phi' ? { phi: signal.phi ?? 'logit' } : { temperature: signal.temperature }) },
    notes: [],
  };
}

/**
 * Loads the pool named by the flags.
 *
 * Throws UsageError for conflicting or missing flags and for any array of the wrong shape or values.
 */
export async function loadPool(flags: PoolFlags, signal: PoolSignal): Promise<PoolData> {
  exclusive(flags as Record<string, unknown>, ['study', 'lira-dir', 'keep']);
  if (flags.study !== undefined) return studyPool(flags.study, flags['data-dir'], signal);
  const dir = flags['lira-dir'];
  return dir === undefined ? fromArrays(flags, signal) : fromLiraDir(dir, flags, signal);
}

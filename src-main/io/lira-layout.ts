/**
 * Reads shadow-model outputs written by the LiRA reference code (tensorflow/privacy
 * research/mi_lira_2021; SCIENCE.md §0, §3) into the attacks' `keep` (M × N) and signal (M × N × A)
 * arrays (layout in attacks/types.ts), one model per experiment folder (lira-experiments.ts):
 *
 * - `scores/<epoch>.npy` (score.py): φ per sample and query, float64, shape `N × A` (`(N,)` and
 *   `N × 1 × A` are accepted too);
 * - or `logits/<epoch>.npy` (inference.py): float32 logits of shape `N × 1 × A × K` (`N × A × K`
 *   and `N × K` accepted), turned into φ with the labels (score.py reads `y_train.npy` from the
 *   experiments' parent folder, and so does this reader when no labels are given).
 *
 * `keep.npy` (train.py) is a bool vector of length N per experiment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allocateSignalSet, computeSignals, type PhiForm } from '../attacks/signals';
import { FormatError } from './format-error';
import { epochFiles, listLiraExperiments, type LiraExperiment } from './lira-experiments';
import { readNpy, type NpyArray } from './npy';
import { binaryValues, dropUnitAxes, floatValues, labelValues, shapeText } from './npy-values';

/** Which per-experiment folder the signals come from. */
export type LiraSignalFolder = 'scores' | 'logits';

/** Options of {@link readLiraLayout}. */
export interface ReadLiraLayoutOptions {
  /** Read this epoch's file in every experiment (default: each experiment's latest, as plot.py). */
  epoch?: number;
  /** Default 'logits' when `labels` or `phi` is given, else 'scores'. */
  from?: LiraSignalFolder;
  /**
   * Labels for logits: an array, or a `.npy` file (default `<dir>/y_train.npy`, where train.py writes
   * them). At least N entries; the first N are used, as score.py does.
   */
  labels?: ArrayLike<number> | string;
  /** How φ is formed from logits (signals.ts; default 'logit', exact; 'lira-ref' is score.py's form). */
  phi?: PhiForm;
  /** Leave out experiments without keep.npy, signal files or the requested epoch (default false: error). */
  skipIncomplete?: boolean;
  /** Storage of the signals (default 'float64', exact for score.py's float64 files). */
  precision?: 'float64' | 'float32';
}

/** The imported experiments. */
export interface LiraLayout {
  dir: string;
  /** M, N, A. */
  models: number;
  samples: number;
  queries: number;
  /** M × N, `keep[m * N + i] = 1` when model m trained on sample i. */
  keep: Uint8Array;
  /** M × N × A φ values, row-major (model, sample, query). */
  scores: Float32Array | Float64Array;
  /** Experiment folder per model, in model order (experiment index). */
  modelNames: string[];
  /** The epoch read, when it is the same for every model; null when they differ (see `epochs`). */
  epoch: number | null;
  epochs: number[];
  source: LiraSignalFolder;
  /** φ form used on logits; null for score files. */
  phi: PhiForm | null;
  /** The signal file read per model, relative to `dir`. */
  files: string[];
  /** Experiments left out by `skipIncomplete`, with the reason. */
  skipped: Array<{ name: string; reason: string }>;
  /** Things a user should know (labels truncated, epochs differing). */
  notes: string[];
}

/** An experiment's signal file, or why it has none. */
type Located = { epoch: number; file: string } | { reason: string };

async function exists(file: string): Promise<boolean> {
  return fs.promises.stat(file).then(
    () => true,
    () => false,
  );
}

async function locate(experiment: LiraExperiment, from: LiraSignalFolder, epoch: number | undefined): Promise<Located> {
  if (!(await exists(path.join(experiment.path, 'keep.npy')))) return { reason: 'no keep.npy (written by the reference train.py)' };
  const files = await epochFiles(path.join(experiment.path, from));
  if (files.size === 0) {
    const hint =
      from === 'scores'
        ? 'run the reference score.py, or read logits/ with labels'
        : 'run the reference inference.py, or read scores/';
    return { reason: `no ${from}/<epoch>.npy file (${hint})` };
  }
  const chosen = epoch ?? Math.max(...files.keys());
  const file = files.get(chosen);
  if (file === undefined) {
    return { reason: `no ${from}/ file for epoch ${chosen} (epochs found: ${[...files.keys()].sort((a, b) => a - b).join(', ')})` };
  }
  return { epoch: chosen, file: path.join(experiment.name, from, file) };
}

/** Signal array of one model as N × A (scores) or N × A × K (logits). */
interface SignalShape {
  samples: number;
  queries: number;
  classes: number;
}

function signalShape(array: NpyArray, from: LiraSignalFolder, file: string): SignalShape {
  const s = array.shape;
  if (from === 'scores') {
    const dims = s.length === 3 ? dropUnitAxes(s, [1]) : s;
    if (dims && (dims.length === 1 || dims.length === 2)) return { samples: dims[0]!, queries: dims[1] ?? 1, classes: 0 };
    throw new FormatError({ file, expected: 'scores of shape (N, A) as score.py writes them, or (N,) or (N, 1, A)', found: `shape ${shapeText(s)}` });
  }
  const dims = s.length === 4 ? dropUnitAxes(s, [1]) : s;
  if (dims && dims.length === 2) return { samples: dims[0]!, queries: 1, classes: dims[1]! };
  if (dims && dims.length === 3) return { samples: dims[0]!, queries: dims[1]!, classes: dims[2]! };
  throw new FormatError({ file, expected: 'logits of shape (N, 1, A, K) as inference.py writes them, or (N, A, K) or (N, K)', found: `shape ${shapeText(s)}` });
}

async function resolveLabels(dir: string, labels: ReadLiraLayoutOptions['labels']): Promise<{ values: Int32Array; name: string }> {
  if (labels !== undefined && typeof labels !== 'string') {
    const values = Int32Array.from(labels);
    values.forEach((v, i) => {
      if (!(v >= 0) || v !== labels[i]) throw new RangeError(`labels[${i}] = ${labels[i]} is not a class index (an integer >= 0)`);
    });
    return { values, name: 'the given labels' };
  }
  const file = labels ?? path.join(dir, 'y_train.npy');
  if (labels === undefined && !(await exists(file))) {
    throw new FormatError({
      file: dir,
      expected: 'labels to turn logits into φ: pass them (--labels FILE), or put y_train.npy here as the reference train.py does',
      found: 'no y_train.npy',
    });
  }
  const array = await readNpy(file, { int64: 'float64' });
  if (array.shape.length !== 1) throw new FormatError({ file, expected: 'a 1-D vector of class labels', found: `shape ${shapeText(array.shape)}` });
  return { values: labelValues(array, file), name: file };
}

/** φ of N × A × K logits, per sample and query, in float64 (signals.ts). */
function phiOf(
  logits: Float32Array | Float64Array,
  shape: SignalShape,
  labels: Int32Array,
  form: PhiForm,
  labelsName: string,
  file: string,
): Float64Array {
  const { samples, queries, classes } = shape;
  if (classes < 2) throw new FormatError({ file, expected: 'logits over at least 2 classes', found: `K = ${classes}` });
  const perRow = new Int32Array(samples * queries);
  for (let i = 0; i < samples; i++) {
    const y = labels[i]!;
    if (y >= classes) {
      throw new FormatError({ file: labelsName, expected: `labels in 0..${classes - 1} for the ${classes} classes of ${file}`, found: `${y} at [${i}]` });
    }
    perRow.fill(y, i * queries, (i + 1) * queries);
  }
  const into = allocateSignalSet(samples * queries, classes, 0);
  return computeSignals(logits, perRow, { phi: form, topK: 0, into }).phi;
}

/**
 * Reads a folder in the LiRA reference layout.
 *
 * Args: `dir` the folder holding the `experiment-*` folders (the reference's `exp/cifar10`);
 * `options` see {@link ReadLiraLayoutOptions}.
 * Returns the models in experiment-index order with their keep rows and signals.
 * Throws FormatError naming the folder or file: no experiments, an incomplete experiment (unless
 * skipped), keep vectors of different lengths, a signal file whose sample or query count differs,
 * logits without labels, labels out of range or too short. RangeError for invalid options.
 */
export async function readLiraLayout(dir: string, options: ReadLiraLayoutOptions = {}): Promise<LiraLayout> {
  const from = options.from ?? (options.labels !== undefined || options.phi !== undefined ? 'logits' : 'scores');
  if (from !== 'scores' && from !== 'logits') throw new RangeError(`from must be 'scores' or 'logits', got ${String(from)}`);
  if (options.epoch !== undefined && !(Number.isInteger(options.epoch) && options.epoch >= 0)) {
    throw new RangeError(`epoch must be an integer >= 0, got ${options.epoch}`);
  }
  if (from === 'scores' && (options.labels !== undefined || options.phi !== undefined)) {
    throw new RangeError("labels and phi apply to logits: use from: 'logits'");
  }
  const phiForm: PhiForm = options.phi ?? 'logit';
  const float32 = options.precision === 'float32';

  const located: Array<{ experiment: LiraExperiment; epoch: number; file: string }> = [];
  const skipped: LiraLayout['skipped'] = [];
  for (const experiment of await listLiraExperiments(dir)) {
    const found = await locate(experiment, from, options.epoch);
    if ('file' in found) located.push({ experiment, ...found });
    else if (options.skipIncomplete) skipped.push({ name: experiment.name, reason: found.reason });
    else throw new FormatError({ file: path.join(dir, experiment.name), expected: `keep.npy and ${from}/<epoch>.npy (or skip incomplete experiments)`, found: found.reason });
  }
  if (located.length === 0) {
    throw new FormatError({ file: dir, expected: 'at least one complete experiment', found: skipped.map((s) => `${s.name}: ${s.reason}`).join('; ') });
  }

  const labels = from === 'logits' ? await resolveLabels(dir, options.labels) : null;
  const notes: string[] = [];
  const models = located.length;
  let samples = 0;
  let queries = 0;
  let firstKeep = '';
  let firstSignal = '';
  let keep = new Uint8Array(0);
  let scores: Float32Array | Float64Array = new Float64Array(0);
  for (const [m, { experiment, file }] of located.entries()) {
    const keepFile = path.join(dir, experiment.name, 'keep.npy');
    const keepArray = await readNpy(keepFile, { int64: 'float64' });
    if (keepArray.shape.length !== 1) {
      throw new FormatError({ file: keepFile, expected: 'a 1-D 0/1 vector of length N (train.py saves a bool vector)', found: `shape ${shapeText(keepArray.shape)}` });
    }
    const row = binaryValues(keepArray, keepFile);
    const signalFile = path.join(dir, file);
    const array = await readNpy(signalFile, { int64: 'float64' });
    const shape = signalShape(array, from, signalFile);
    if (m === 0) {
      samples = row.length;
      queries = shape.queries;
      firstKeep = keepFile;
      firstSignal = signalFile;
      keep = new Uint8Array(models * samples);
      scores = float32 ? new Float32Array(models * samples * queries) : new Float64Array(models * samples * queries);
      if (labels && labels.values.length < samples) {
        throw new FormatError({ file: labels.name, expected: `at least N = ${samples} labels (the length of ${keepFile})`, found: `${labels.values.length}` });
      }
      if (labels && labels.values.length > samples) {
        notes.push(`${labels.name} has ${labels.values.length} labels; the first ${samples} were used, as score.py does`);
      }
    } else if (row.length !== samples) {
      throw new FormatError({ file: keepFile, expected: `${samples} entries like ${firstKeep}`, found: `shape ${shapeText(keepArray.shape)}` });
    }
    if (shape.samples !== samples) {
      throw new FormatError({ file: signalFile, expected: `N = ${samples} samples, the length of ${keepFile}`, found: `shape ${shapeText(array.shape)}` });
    }
    if (shape.queries !== queries) {
      throw new FormatError({ file: signalFile, expected: `A = ${queries} queries per sample like ${firstSignal}`, found: `shape ${shapeText(array.shape)}` });
    }
    keep.set(row, m * samples);
    const values = floatValues(array, signalFile);
    scores.set(labels ? phiOf(values, shape, labels.values, phiForm, labels.name, signalFile) : values, m * samples * queries);
  }

  const epochs = located.map((l) => l.epoch);
  const common = epochs.every((e) => e === epochs[0]);
  if (!common) notes.push(`the experiments' latest epochs differ (${[...new Set(epochs)].join(', ')}); pass an epoch to read the same one everywhere`);
  return {
    dir,
    models,
    samples,
    queries,
    keep,
    scores,
    modelNames: located.map((l) => l.experiment.name),
    epoch: common ? epochs[0]! : null,
    epochs,
    source: from,
    phi: from === 'logits' ? phiForm : null,
    files: located.map((l) => l.file),
    skipped,
    notes,
  };
}

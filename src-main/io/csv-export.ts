/**
 * CSV export, streamed through csv-stringify to any Writable (a file, an HTTP response), with
 * backpressure. Format: RFC 4180 — comma-separated, CRLF line ends, a header row, fields holding a
 * comma, double quote, CR or LF quoted with quotes doubled; UTF-8 (a BOM on request, for Excel).
 * Cells follow csv-format.ts: numbers bare (float32 shortest round-trip, float64 shortest
 * round-trip), NaN and missing values empty, text guarded against formula injection.
 */
import { stringify } from 'csv-stringify';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ModelRecord } from '../store/models-repository';
import type { StoredEpoch } from '../store/epochs-repository';
import type { StudyListItem, StudyRecord } from '../store/studies-repository';
import { flatten, unionKeys } from './csv-flatten';
import { escapeText, formatFloat32, formatFloat64, formatInt, formatValue, type CsvKind } from './csv-format';

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark so Excel reads non-ASCII names right (default false). */
  bom?: boolean;
  /** End `out` when done (default true); false to write more after. */
  end?: boolean;
}

type Row = string[];

/**
 * Streams a header and rows as CSV into `out`, resolving when everything is flushed.
 * Header cells are text (escaped); row cells are already formatted.
 */
async function writeCsv(out: Writable, header: readonly string[], rows: Iterable<Row>, options: CsvOptions = {}): Promise<void> {
  const stringifier = stringify({
    bom: options.bom ?? false,
    record_delimiter: 'windows',
    // Giving a record delimiter turns off csv-stringify's quoting of a lone CR or LF; RFC 4180 needs it.
    quote_record_delimiter: true,
    escape_formulas: false,
  });
  function* all(): Generator<Row> {
    yield header.map(escapeText);
    yield* rows;
  }
  await pipeline(Readable.from(all()), stringifier, out, { end: options.end ?? true });
}

type NumericArray = Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Uint8ClampedArray;

/** One column of a per-sample table. */
export interface CsvColumn {
  name: string;
  values: NumericArray | readonly number[] | readonly string[];
  /** Defaults: float32 for Float32Array, float64 for Float64Array and number[], int for integer arrays, text for string[]. */
  kind?: CsvKind;
}

function defaultKind(values: CsvColumn['values']): CsvKind {
  if (values instanceof Float32Array) return 'float32';
  if (values instanceof Float64Array) return 'float64';
  if (ArrayBuffer.isView(values)) return 'int';
  return values.length > 0 && typeof values[0] === 'string' ? 'text' : 'float64';
}

function cellFormatter(column: CsvColumn): (row: number) => string {
  const kind = column.kind ?? defaultKind(column.values);
  const values = column.values as ArrayLike<number | string>;
  const where = (row: number) => `column "${column.name}" row ${row}`;
  const numberAt = (row: number): number => {
    const value = values[row];
    if (typeof value !== 'number') throw new TypeError(`${where(row)} is ${JSON.stringify(value)}, not a number (column kind ${kind})`);
    return value;
  };
  switch (kind) {
    case 'float32':
      return (row) => formatFloat32(numberAt(row));
    case 'float64':
      return (row) => formatFloat64(numberAt(row));
    case 'int':
      return (row) => formatInt(numberAt(row), where(row));
    case 'text':
      return (row) => {
        const value = values[row];
        return value === null || value === undefined ? '' : escapeText(String(value));
      };
  }
}

/**
 * Writes a table given as columns (one row per index): the per-sample table of a study — sample
 * index, dataset index, label, IN/OUT counts, membership, memorization, scores….
 * Throws RangeError (before writing anything) when columns differ in length or repeat a name.
 */
export async function writeColumnsCsv(out: Writable, columns: readonly CsvColumn[], options?: CsvOptions): Promise<void> {
  const rowCount = columns[0]?.values.length ?? 0;
  const names = new Set<string>();
  for (const column of columns) {
    if (column.values.length !== rowCount) throw new RangeError(`column "${column.name}" has ${column.values.length} values, column "${columns[0]!.name}" has ${rowCount}`);
    if (names.has(column.name)) throw new RangeError(`column "${column.name}" appears twice`);
    names.add(column.name);
  }
  const formatters = columns.map(cellFormatter);
  function* rows(): Generator<Row> {
    for (let row = 0; row < rowCount; row++) yield formatters.map((format) => format(row));
  }
  await writeCsv(out, columns.map((c) => c.name), rows(), options);
}

/** Writes rows of loosely typed values under the union of their keys (missing keys are empty cells). */
async function writeRecordsCsv(out: Writable, records: readonly Map<string, unknown>[], options?: CsvOptions): Promise<void> {
  const header = unionKeys(records);
  function* rows(): Generator<Row> {
    for (const record of records) yield header.map((key) => formatValue(record.get(key)));
  }
  await writeCsv(out, header, rows(), options);
}

/**
 * Writes the studies table: identity and state (id, name, status, error, tags as JSON, notes,
 * archived, pinned, createdAt, startedAt, finishedAt, durationSeconds, model progress when listed
 * with it, run information), then the summary metrics as `summary.*` columns, then every config
 * field as its dot path (`method.objective.kind`, `training.optimizer.lr`; arrays as JSON text).
 * The config's own name and tags are left out: the study's current ones are in `name` and `tags`.
 */
export async function writeStudiesCsv(out: Writable, studies: readonly (StudyRecord | StudyListItem)[], options?: CsvOptions): Promise<void> {
  const records = studies.map((s) => {
    const row = new Map<string, unknown>([
      ['id', s.id],
      ['name', s.name],
      ['status', s.status],
      ['error', s.error],
      ['tags', s.tags],
      ['notes', s.notes],
      ['archived', s.archived],
      ['pinned', s.pinned],
      ['createdAt', s.createdAt],
      ['startedAt', s.startedAt],
      ['finishedAt', s.finishedAt],
      ['durationSeconds', s.durationSeconds],
    ]);
    if ('progress' in s) {
      row.set('modelsTotal', s.progress.total);
      row.set('modelsDone', s.progress.done);
      row.set('modelsFailed', s.progress.failed);
    }
    for (const key of ['sampleCount', 'datasetFingerprint', 'datasetSource', 'backend', 'backendVersions', 'appVersion'] as const) row.set(key, s[key]);
    flatten(s.summary ?? {}, 'summary', row);
    const { name: _name, tags: _tags, ...config } = s.config;
    flatten(config, '', row);
    return row;
  });
  await writeRecordsCsv(out, records, options);
}

/** Writes a study's models: idx, seed, status, error, times, weights size and hash, `metrics.*`, `timings.*`. */
export async function writeModelsCsv(out: Writable, models: readonly ModelRecord[], options?: CsvOptions): Promise<void> {
  const records = models.map((m) => {
    const row = new Map<string, unknown>([
      ['idx', m.idx],
      ['seed', m.seed],
      ['status', m.status],
      ['error', m.error],
      ['startedAt', m.startedAt],
      ['finishedAt', m.finishedAt],
      ['weightsBytes', m.weights?.bytes ?? null],
      ['weightsSha256', m.weights?.sha256 ?? null],
    ]);
    flatten(m.metrics ?? {}, 'metrics', row);
    flatten(m.timings ?? {}, 'timings', row);
    return row;
  });
  await writeRecordsCsv(out, records, options);
}

/** One ROC curve: its vertices with the thresholds behind them (+∞ at the origin). */
export interface RocCurveInput {
  /** The attack ('lira', 'rmia'…); optional. */
  attack?: string;
  /** The target model, or a label such as 'pooled'. */
  target: number | string;
  fpr: ArrayLike<number>;
  tpr: ArrayLike<number>;
  thresholds: ArrayLike<number>;
}

/**
 * Writes ROC points: attack, target, fpr, tpr, threshold — one row per vertex of each curve.
 * Throws RangeError naming the curve when its arrays differ in length (before writing anything).
 */
export async function writeRocCsv(out: Writable, curves: readonly RocCurveInput[], options?: CsvOptions): Promise<void> {
  for (const c of curves) {
    if (c.tpr.length !== c.fpr.length || c.thresholds.length !== c.fpr.length) {
      throw new RangeError(`ROC curve of target ${c.target}${c.attack ? ` (${c.attack})` : ''} has ${c.fpr.length} FPRs, ${c.tpr.length} TPRs and ${c.thresholds.length} thresholds`);
    }
  }
  function* rows(): Generator<Row> {
    for (const c of curves) {
      const attack = escapeText(c.attack ?? '');
      const target = typeof c.target === 'number' ? formatInt(c.target, 'ROC target') : escapeText(c.target);
      for (let k = 0; k < c.fpr.length; k++) yield [attack, target, formatFloat64(c.fpr[k]!), formatFloat64(c.tpr[k]!), formatFloat64(c.thresholds[k]!)];
    }
  }
  await writeCsv(out, ['attack', 'target', 'fpr', 'tpr', 'threshold'], rows(), options);
}

/** Writes training histories: model, epoch, loss, accuracy, lr, seconds, samples, epsilon, clippedFraction. */
export async function writeEpochsCsv(out: Writable, epochs: readonly StoredEpoch[], options?: CsvOptions): Promise<void> {
  function* rows(): Generator<Row> {
    for (const e of epochs) {
      yield [
        formatInt(e.modelIdx, 'model'),
        formatInt(e.epoch, 'epoch'),
        formatFloat64(e.loss),
        formatFloat64(e.accuracy),
        formatFloat64(e.lr),
        formatFloat64(e.seconds),
        formatInt(e.samples, 'samples'),
        e.epsilon === null ? '' : formatFloat64(e.epsilon),
        e.clippedFraction === null ? '' : formatFloat64(e.clippedFraction),
      ];
    }
  }
  await writeCsv(out, ['model', 'epoch', 'loss', 'accuracy', 'lr', 'seconds', 'samples', 'epsilon', 'clippedFraction'], rows(), options);
}

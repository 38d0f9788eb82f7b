/**
 * Fast parsing of the text tables of Shokri et al.'s datasets (Location, Purchase, Texas): one sample
 * per line, comma-separated, an optional leading integer label (possibly quoted, as in Location's
 * `"13"`), then 0/1 features. Lines are parsed as bytes, without building strings per cell.
 */
import { readLines } from '../../io/lines';
import { DatasetError } from './errors';
import { RowStore } from './row-store';

const COMMA = 0x2c;
const QUOTE = 0x22;
const ZERO = 0x30;
const ONE = 0x31;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09;
}

/** The cell's bytes [start, end) without one pair of double quotes and blanks outside or inside them. */
function trimCell(line: Uint8Array, start: number, end: number): [number, number] {
  const trim = () => {
    while (start < end && isSpace(line[start])) start++;
    while (end > start && isSpace(line[end - 1])) end--;
  };
  trim();
  if (end - start >= 2 && line[start] === QUOTE && line[end - 1] === QUOTE) {
    start++;
    end--;
    trim();
  }
  return [start, end];
}

function cellText(line: Uint8Array, start: number, end: number): string {
  return Buffer.from(line.buffer, line.byteOffset + start, end - start).toString('latin1');
}

export interface BinaryTableFormat {
  /** File name (or 'archive:member') for errors. */
  file: string;
  /** Whether the first column is a class label (Location, Purchase) or all columns are features (Texas feats). */
  labelled: boolean;
  /** Number of feature columns each row must have. */
  features: number;
  /** Labels must lie in 1..numClasses (stored minus one). */
  numClasses: number;
  /** The table's size in bytes when known (uncompressed): bounds the row count so rows are stored without a final copy. */
  byteSize?: number;
}

export interface BinaryTable {
  rows: number;
  /** rows × features, 0/1. */
  features: Uint8Array;
  /** 0-based labels when `labelled`. */
  labels: Uint16Array | undefined;
}

/**
 * The common case, checked and parsed in one stride: `width` single-character 0/1 cells separated by
 * single commas from byte `start` to the end of the line. Returns false (leaving `out` partly written)
 * when the line is laid out any other way, so the general parser takes over.
 */
function parsePackedBinary(line: Uint8Array, start: number, width: number, out: Uint8Array): boolean {
  if (line.length - start !== 2 * width - 1) return false;
  for (let k = 0, i = start; k < width; k++, i += 2) {
    const byte = line[i];
    if (byte === ONE) out[k] = 1;
    else if (byte !== ZERO) return false;
    if (k < width - 1 && line[i + 1] !== COMMA) return false;
  }
  return true;
}

/** Parses a 1-based integer label cell into 0..numClasses-1. */
function parseLabel(
  line: Uint8Array,
  start: number,
  end: number,
  numClasses: number,
  where: { file: string; row: number; column: number },
): number {
  const [a, b] = trimCell(line, start, end);
  const text = cellText(line, a, b);
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= 1 && value <= numClasses)) {
    throw new DatasetError({ ...where, expected: `a class label 1..${numClasses}`, found: JSON.stringify(text) });
  }
  return value - 1;
}

/**
 * Reads a labelled or unlabelled binary table from a byte stream.
 * Throws: DatasetError naming the row (1-based line) and column of a wrong column count, a label out of
 * range or a feature other than 0/1. Blank lines are skipped.
 */
export async function readBinaryTable(source: AsyncIterable<Uint8Array>, format: BinaryTableFormat): Promise<BinaryTable> {
  const { file, labelled, features: width, numClasses } = format;
  const columns = width + (labelled ? 1 : 0);
  // every row has `columns` cells of at least one byte, the commas between them and a line end
  const maxRows = format.byteSize === undefined ? undefined : Math.floor((format.byteSize + 1) / (2 * columns));
  const store = new RowStore(Uint8Array, width, maxRows);
  const labelStore = labelled ? new RowStore(Uint16Array, 1, maxRows) : undefined;
  let row = 0;
  for await (const line of readLines(source)) {
    row++;
    let blank = true;
    for (let i = 0; i < line.length && blank; i++) blank = isSpace(line[i]) || line[i] === 0x0d;
    if (blank) continue;
    const out = store.next();
    const labelEnd = labelled ? line.indexOf(COMMA) : -1;
    if ((!labelled || labelEnd >= 0) && parsePackedBinary(line, labelEnd + 1, width, out)) {
      if (labelStore) labelStore.next()[0] = parseLabel(line, 0, labelEnd, numClasses, { file, row, column: 1 });
      continue;
    }
    out.fill(0);
    let column = 0;
    let start = 0;
    for (let i = 0; i <= line.length; i++) {
      if (i < line.length && line[i] !== COMMA) continue;
      if (column < columns) {
        if (labelled && column === 0) {
          (labelStore as RowStore<Uint16Array>).next()[0] = parseLabel(line, start, i, numClasses, { file, row, column: 1 });
        } else {
          const target = labelled ? column - 1 : column;
          const byte = i - start === 1 ? line[start] : undefined;
          if (byte === ONE) out[target] = 1;
          else if (byte !== ZERO) {
            const [a, b] = trimCell(line, start, i);
            const value = a === b ? NaN : Number(cellText(line, a, b));
            if (value !== 0 && value !== 1) {
              throw new DatasetError({
                file,
                row,
                column: column + 1,
                expected: 'a binary feature 0 or 1',
                found: JSON.stringify(cellText(line, start, i)),
              });
            }
            out[target] = value;
          }
        }
      }
      column++;
      start = i + 1;
    }
    if (column !== columns) {
      const layout = labelled ? `a label and ${width} features` : `${width} features`;
      throw new DatasetError({ file, row, expected: `${columns} comma-separated columns (${layout})`, found: `${column}` });
    }
  }
  const rows = store.rows;
  return { rows, features: store.finish(), labels: labelStore?.finish() };
}

/**
 * Reads a file of one 1-based integer label per line (Texas' `labels`).
 * Throws: DatasetError naming the row of a label that is not an integer in 1..numClasses.
 */
export async function readLabelLines(source: AsyncIterable<Uint8Array>, file: string, numClasses: number): Promise<Uint16Array> {
  const store = new RowStore(Uint16Array, 1);
  let row = 0;
  for await (const line of readLines(source)) {
    row++;
    const [a, b] = trimCell(line, 0, line.length);
    if (a === b) continue;
    if (line.includes(COMMA)) {
      throw new DatasetError({
        file,
        row,
        expected: 'one label per line',
        found: JSON.stringify(cellText(line, 0, Math.min(line.length, 20))),
      });
    }
    store.next()[0] = parseLabel(line, a, b, numClasses, { file, row, column: 1 });
  }
  return store.finish();
}

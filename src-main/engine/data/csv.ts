/**
 * Any CSV table with a label column (RFC 4180 quoting, see io/csv-reader.ts).
 *
 * Options:
 * - `labelColumn`: a header name, or a 0-based index (negative counts from the end). Default: the
 *   column named label, class, y or target (case-insensitive, in that order of preference), else the last.
 * - `header`: whether the first row names the columns. Default: detected — the first row is a header
 *   when one of its cells is a non-empty non-number while the cell below it is a number (or, for a
 *   one-row file, when every cell is a non-empty non-number).
 * - `delimiter`: one character. Default: sniffed from the first line (',', ';', tab or '|').
 *
 * Every other column is a numeric feature (Float32). Labels are strings mapped to classes in sorted
 * order — numerically when all labels are numbers, else by code units — and `classNames` are those
 * strings. `binaryFeatures` is set when every feature is 0 or 1.
 */
import path from 'node:path';
import { z } from 'zod';
import { readCsv, type CsvRow } from '../../io/csv-reader';
import { openByteStream } from '../../io/file-stream';
import { assembleDataset } from './assemble';
import { attributeErrors, DatasetError, DatasetOptionError } from './errors';
import { parseOptions } from './options';
import { RowStore } from './row-store';
import { existingSource } from './source-path';
import type { Dataset, DatasetSpec } from './types';

const OptionsSchema = z.strictObject({
  labelColumn: z.union([z.string().min(1), z.number().int()]).optional(),
  header: z.boolean().optional(),
  delimiter: z.string().length(1).optional(),
});
type CsvOptions = z.output<typeof OptionsSchema>;

const LABEL_NAMES = ['label', 'class', 'y', 'target'];
const MAX_CLASSES = 65535;

function isNumeric(cell: string): boolean {
  const text = cell.trim();
  return text !== '' && Number.isFinite(Number(text));
}

/** Header detection, see the module comment. */
function detectHeader(first: CsvRow, second: CsvRow | undefined): boolean {
  const isName = (cell: string) => cell.trim() !== '' && !isNumeric(cell);
  if (!second) return first.cells.every(isName);
  return first.cells.some((cell, i) => isName(cell) && isNumeric(second.cells[i] ?? ''));
}

function chooseLabelColumn(options: CsvOptions, names: string[] | undefined, columns: number, file: string): number {
  const { labelColumn } = options;
  if (typeof labelColumn === 'number') {
    const index = labelColumn < 0 ? columns + labelColumn : labelColumn;
    if (index < 0 || index >= columns) {
      throw new DatasetOptionError(
        'csv',
        'labelColumn',
        `index ${labelColumn} is outside the ${columns} columns of ${file}`,
      );
    }
    return index;
  }
  if (typeof labelColumn === 'string') {
    const index = names?.findIndex((name) => name.trim() === labelColumn) ?? -1;
    if (index < 0) {
      throw new DatasetOptionError(
        'csv',
        'labelColumn',
        `no column named ${JSON.stringify(labelColumn)} in ${file} (columns: ${names?.join(', ')})`,
      );
    }
    return index;
  }
  for (const wanted of LABEL_NAMES) {
    const index = names?.findIndex((name) => name.trim().toLowerCase() === wanted) ?? -1;
    if (index >= 0) return index;
  }
  return columns - 1;
}

/** Sorted class order: numeric when every label is a number, else by code units. */
function sortLabels(labels: string[]): string[] {
  const numeric = labels.every(isNumeric);
  return [...labels].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Loads a CSV file (see the module comment for options).
 * Throws: DatasetError naming the row and column of a non-numeric feature, a wrong cell count or an
 * empty label; DatasetOptionError for a label column that does not exist.
 */
export async function loadCsv(spec: DatasetSpec): Promise<Dataset> {
  const options = parseOptions('csv', OptionsSchema, spec.options);
  if (spec.path === undefined) throw new DatasetError({ file: '(no path)', expected: 'spec.path: a CSV file with a label column' });
  const { file, kind } = await existingSource(spec.path, 'a CSV file with a label column');
  if (kind !== 'file') throw new DatasetError({ file, expected: 'a CSV file', found: 'a folder' });
  if (typeof options.labelColumn === 'string' && options.header === false) {
    throw new DatasetOptionError('csv', 'labelColumn', 'names a column, but header is false');
  }

  return attributeErrors(file, 'a readable CSV file', async () => {
    const rows = readCsv(await openByteStream(file), options.delimiter === undefined ? {} : { delimiter: options.delimiter });
    const first = (await rows.next()).value as CsvRow | undefined;
    if (!first) throw new DatasetError({ file, expected: 'at least one data row', found: 'an empty file' });
    const second = (await rows.next()).value as CsvRow | undefined;
    const header = options.header ?? (typeof options.labelColumn === 'string' ? true : detectHeader(first, second));
    const columns = first.cells.length;
    const names = header ? first.cells.map((cell) => cell.trim()) : undefined;
    const labelIndex = chooseLabelColumn(options, names, columns, file);
    if (columns < 2) {
      throw new DatasetError({
        file,
        row: first.line,
        expected: 'a label column and at least one feature column',
        found: `${columns} column`,
      });
    }

    const width = columns - 1;
    const features = new RowStore(Float32Array, width);
    const labelIds = new RowStore(Uint32Array, 1);
    const distinct = new Map<string, number>();
    let binary = true;
    const addRow = (row: CsvRow) => {
      if (row.cells.length !== columns) {
        throw new DatasetError({
          file,
          row: row.line,
          expected: `${columns} cells like the first row`,
          found: `${row.cells.length}`,
        });
      }
      const out = features.next();
      let target = 0;
      for (let c = 0; c < columns; c++) {
        const cell = row.cells[c] as string;
        if (c === labelIndex) continue;
        const text = cell.trim();
        const value = text === '' ? NaN : Number(text);
        if (!Number.isFinite(value)) {
          throw new DatasetError({
            file,
            row: row.line,
            column: c + 1,
            columnName: names?.[c],
            expected: 'a numeric feature',
            found: JSON.stringify(cell),
          });
        }
        if (value !== 0 && value !== 1) binary = false;
        out[target++] = value;
      }
      const label = (row.cells[labelIndex] as string).trim();
      if (label === '') {
        throw new DatasetError({
          file,
          row: row.line,
          column: labelIndex + 1,
          columnName: names?.[labelIndex],
          expected: 'a class label',
          found: 'an empty cell',
        });
      }
      let id = distinct.get(label);
      if (id === undefined) {
        id = distinct.size;
        if (id >= MAX_CLASSES) {
          throw new DatasetError({
            file,
            row: row.line,
            column: labelIndex + 1,
            expected: `at most ${MAX_CLASSES} distinct labels`,
          });
        }
        distinct.set(label, id);
      }
      labelIds.next()[0] = id;
    };
    if (!header) addRow(first);
    if (second) addRow(second);
    for await (const row of rows) addRow(row);
    if (features.rows === 0) throw new DatasetError({ file, expected: 'at least one data row after the header', found: 'none' });

    const classNames = sortLabels([...distinct.keys()]);
    const classOf = new Uint16Array(distinct.size);
    for (const [index, name] of classNames.entries()) classOf[distinct.get(name) as number] = index;
    const ids = labelIds.finish();
    const labels = new Uint16Array(ids.length);
    for (let i = 0; i < ids.length; i++) labels[i] = classOf[ids[i] as number] as number;
    return assembleDataset({
      id: 'csv',
      name: path.basename(file),
      kind: 'tabular',
      shape: [width],
      numClasses: classNames.length,
      classNames,
      size: labels.length,
      features: features.finish(),
      scale: 1,
      labels,
      binaryFeatures: binary,
      source: file,
    });
  });
}

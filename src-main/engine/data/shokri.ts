/**
 * The binary-feature datasets of Shokri et al. (S&P 2017), as distributed in privacytrustlab/datasets:
 *
 * - Location-30 `dataset_location.tgz` → `bangkok`: CSV without header, 5,010 rows; column 1 the label
 *   as a quoted "1".."30", then 446 0/1 features (checked against the real archive).
 * - Purchase-100 `dataset_purchase.tgz` → `dataset_purchase`: CSV without header, label 1..100 then
 *   600 0/1 features (197,324 rows in the original).
 * - Texas-100 `dataset_texas.tgz` → `texas/100/feats` (6,169 comma-separated 0/1 features per line) and
 *   `texas/100/labels` (one label 1..100 per line; 67,330 rows in the original).
 *
 * Each loader takes the archive (.tgz/.tar.gz/.tar), the extracted file(s) or the folder holding them,
 * or a features/labels `.npz` (see npz-table.ts). Labels 1..K are stored as 0..K-1, and class names are
 * the original labels '1'..'K'. Features are Uint8Array 0/1 (see Dataset.features).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isGzipFile, openByteStream } from '../../io/file-stream';
import { readTar } from '../../io/tar';
import { assembleDataset } from './assemble';
import { readBinaryTable, readLabelLines, type BinaryTable, type BinaryTableFormat } from './binary-table';
import { attributeErrors, DatasetError } from './errors';
import { readNpzTable } from './npz-table';
import { parseOptions } from './options';
import { existingSource, firstExistingFile, isTarName } from './source-path';
import type { Dataset, DatasetId, DatasetSpec } from './types';

interface ShokriFormat {
  id: Extract<DatasetId, 'location30' | 'purchase100' | 'texas100'>;
  name: string;
  numClasses: number;
  features: number;
}

const LOCATION: ShokriFormat = { id: 'location30', name: 'Location-30', numClasses: 30, features: 446 };
const PURCHASE: ShokriFormat = { id: 'purchase100', name: 'Purchase-100', numClasses: 100, features: 600 };
const TEXAS: ShokriFormat = { id: 'texas100', name: 'Texas-100', numClasses: 100, features: 6169 };

const OptionsSchema = z.strictObject({
  /** Feature columns each text row must have (default: the published count: 446, 600, 6169). */
  expectedFeatures: z.number().int().positive().optional(),
});

interface Loaded {
  features: Uint8Array | Float32Array;
  labels: Uint16Array;
  width: number;
  binary: boolean;
}

/** The byte size of a text file when it is not compressed (a bound on its row count), else undefined. */
async function plainSize(file: string): Promise<number | undefined> {
  return (await isGzipFile(file)) ? undefined : (await fs.promises.stat(file)).size;
}

/** Reads a labelled or unlabelled table from a file on disk. */
async function readTableFile(file: string, format: Omit<BinaryTableFormat, 'file' | 'byteSize'>): Promise<BinaryTable> {
  return readBinaryTable(await openByteStream(file), { ...format, file, byteSize: await plainSize(file) });
}

function fromTable(table: BinaryTable, width: number): Loaded {
  return { features: table.features, labels: table.labels as Uint16Array, width, binary: true };
}

/** Location and Purchase: one labelled table, as a tar member, a plain (or gzipped) file, or in a folder. */
async function loadLabelledTable(
  file: string,
  kind: 'file' | 'directory',
  member: string,
  format: ShokriFormat,
  width: number,
): Promise<Loaded> {
  const tableFormat = { labelled: true, features: width, numClasses: format.numClasses };
  if (kind === 'directory') {
    const found = await firstExistingFile(file, [member]);
    if (!found) {
      throw new DatasetError({
        file: path.join(file, member),
        expected: `the ${format.name} file ${member} in ${file}`,
        found: 'no such file',
      });
    }
    return attributeErrors(found, `a readable ${format.name} table`, async () => fromTable(await readTableFile(found, tableFormat), width));
  }
  if (!isTarName(file)) {
    return attributeErrors(file, `a readable ${format.name} table`, async () => fromTable(await readTableFile(file, tableFormat), width));
  }
  return attributeErrors(file, `a ${format.name} archive`, async () => {
    for await (const entry of readTar(await openByteStream(file))) {
      if (entry.type === 'file' && path.posix.basename(entry.name) === member) {
        const table = await readBinaryTable(entry.body(), { ...tableFormat, file: `${file}:${entry.name}`, byteSize: entry.size });
        return fromTable(table, width);
      }
    }
    throw new DatasetError({ file, expected: `a member named ${member} in the archive`, found: 'none' });
  });
}

// texas/100/* as published (possibly under a top folder); bare 100/* or feats/labels when repacked
const TEXAS_FEATS = /(^|\/)texas\/100\/feats$|^(100\/)?feats$/;
const TEXAS_LABELS = /(^|\/)texas\/100\/labels$|^(100\/)?labels$/;

function checkTexasCounts(features: { rows: number; file: string }, labels: { rows: number; file: string }): void {
  if (features.rows !== labels.rows) {
    throw new DatasetError({
      file: labels.file,
      expected: `${features.rows} labels, one per row of ${features.file}`,
      found: `${labels.rows}`,
    });
  }
}

/** Texas: `feats` and `labels`, from the archive or a folder (texas/100/, 100/ or the files themselves). */
async function loadTexasFiles(file: string, kind: 'file' | 'directory', width: number): Promise<Loaded> {
  const tableFormat = { labelled: false, features: width, numClasses: TEXAS.numClasses };
  if (kind === 'directory') {
    const feats = await firstExistingFile(file, ['texas/100/feats', '100/feats', 'feats']);
    if (!feats) {
      throw new DatasetError({
        file: path.join(file, 'texas/100/feats'),
        expected: `the Texas-100 files texas/100/feats and texas/100/labels under ${file}`,
        found: 'no feats file',
      });
    }
    const labelsFile = path.join(path.dirname(feats), 'labels');
    const table = await attributeErrors(feats, 'a readable Texas-100 feats file', () => readTableFile(feats, tableFormat));
    const labels = await attributeErrors(labelsFile, 'the Texas-100 labels file beside feats', async () =>
      readLabelLines(await openByteStream(labelsFile), labelsFile, TEXAS.numClasses),
    );
    checkTexasCounts({ rows: table.rows, file: feats }, { rows: labels.length, file: labelsFile });
    return { features: table.features, labels, width, binary: true };
  }
  if (!isTarName(file)) {
    throw new DatasetError({
      file,
      expected: 'dataset_texas.tgz, the folder it extracts to, or a .npz',
      found: 'another kind of file',
    });
  }
  return attributeErrors(file, 'a Texas-100 archive', async () => {
    let table: BinaryTable | undefined;
    let labels: Uint16Array | undefined;
    let featsName = '';
    let labelsName = '';
    for await (const entry of readTar(await openByteStream(file))) {
      if (entry.type !== 'file') continue;
      if (!table && TEXAS_FEATS.test(entry.name)) {
        featsName = `${file}:${entry.name}`;
        table = await readBinaryTable(entry.body(), { ...tableFormat, file: featsName, byteSize: entry.size });
      } else if (!labels && TEXAS_LABELS.test(entry.name)) {
        labelsName = `${file}:${entry.name}`;
        labels = await readLabelLines(entry.body(), labelsName, TEXAS.numClasses);
      }
    }
    if (!table || !labels) {
      throw new DatasetError({
        file,
        expected: 'members texas/100/feats and texas/100/labels in the archive',
        found: `no ${table ? 'labels' : 'feats'}`,
      });
    }
    checkTexasCounts({ rows: table.rows, file: featsName }, { rows: labels.length, file: labelsName });
    return { features: table.features, labels, width, binary: true };
  });
}

type TextLoader = (file: string, kind: 'file' | 'directory', width: number) => Promise<Loaded>;

async function loadShokri(spec: DatasetSpec, format: ShokriFormat, load: TextLoader): Promise<Dataset> {
  const options = parseOptions(format.id, OptionsSchema, spec.options);
  if (spec.path === undefined) {
    throw new DatasetError({
      file: '(no path)',
      expected: `spec.path: the ${format.name} archive, its extracted files, or a .npz`,
    });
  }
  const { file, kind } = await existingSource(spec.path, `the ${format.name} archive, its extracted files, or a .npz`);
  const width = options.expectedFeatures ?? format.features;
  let loaded: Loaded;
  if (kind === 'file' && /\.npz$/i.test(file)) {
    const table = await readNpzTable(file, format.numClasses);
    loaded = { features: table.features, labels: table.labels, width: table.width, binary: table.binary };
  } else {
    loaded = await load(file, kind, width);
  }
  return assembleDataset({
    id: format.id,
    name: format.name,
    kind: 'tabular',
    shape: [loaded.width],
    numClasses: format.numClasses,
    classNames: Array.from({ length: format.numClasses }, (_, i) => String(i + 1)),
    size: loaded.labels.length,
    features: loaded.features,
    scale: 1,
    labels: loaded.labels,
    binaryFeatures: loaded.binary,
    source: file,
  });
}

/** Loads Location-30 (`dataset_location.tgz`, `bangkok`, a folder with it, or a .npz). */
export function loadLocation30(spec: DatasetSpec): Promise<Dataset> {
  return loadShokri(spec, LOCATION, (file, kind, width) => loadLabelledTable(file, kind, 'bangkok', LOCATION, width));
}

/** Loads Purchase-100 (`dataset_purchase.tgz`, `dataset_purchase`, a folder with it, or a .npz). */
export function loadPurchase100(spec: DatasetSpec): Promise<Dataset> {
  return loadShokri(spec, PURCHASE, (file, kind, width) => loadLabelledTable(file, kind, 'dataset_purchase', PURCHASE, width));
}

/** Loads Texas-100 (`dataset_texas.tgz`, the folder it extracts to, or a .npz). */
export function loadTexas100(spec: DatasetSpec): Promise<Dataset> {
  return loadShokri(spec, TEXAS, loadTexasFiles);
}

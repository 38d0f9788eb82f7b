/**
 * CIFAR-10 and CIFAR-100 from the official binary versions (www.cs.toronto.edu/~kriz/cifar.html):
 * the archives `cifar-10-binary.tar.gz` / `cifar-100-binary.tar.gz`, or their extracted folders
 * (`cifar-10-batches-bin/`, `cifar-100-binary/`, or the folder that holds them).
 * CIFAR-10 record: 1 label byte + 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each row-major);
 * CIFAR-100 record: coarse label byte + fine label byte + 3072 pixel bytes. Pixels are converted to
 * HWC order. Train files first (data_batch_1..5 / train), then test; `splits` records the border.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openByteStream } from '../../io/file-stream';
import { readTar } from '../../io/tar';
import { assembleDataset } from './assemble';
import { CIFAR10_CLASSES } from './class-names';
import { attributeErrors, DatasetError } from './errors';
import { parseOptions } from './options';
import { existingSource, isTarName, pathKind } from './source-path';
import type { Dataset, DatasetSpec } from './types';

const PIXELS = 1024;
const IMAGE_BYTES = 3 * PIXELS;

interface CifarLayout {
  id: 'cifar10' | 'cifar100';
  name: string;
  folder: string;
  train: string[];
  test: string[];
  labelBytes: number;
}

const CIFAR10: CifarLayout = {
  id: 'cifar10',
  name: 'CIFAR-10',
  folder: 'cifar-10-batches-bin',
  train: ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'],
  test: ['test_batch.bin'],
  labelBytes: 1,
};

const CIFAR100: CifarLayout = {
  id: 'cifar100',
  name: 'CIFAR-100',
  folder: 'cifar-100-binary',
  train: ['train.bin'],
  test: ['test.bin'],
  labelBytes: 2,
};

interface LabelChoice {
  /** Which label byte of the record is used. */
  index: number;
  numClasses: number;
  /** The metadata file with the class names, one per line. */
  namesFile: string;
  fallbackNames: string[];
}

function numbered(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `class ${i}`);
}

/**
 * Converts whole records into HWC images and labels at record index `start` of the outputs.
 * Throws: DatasetError for a partial last record or a label out of range, with its byte offset.
 */
function decodeCifarRecords(
  bytes: Uint8Array,
  file: string,
  layout: { labelBytes: number },
  choice: { index: number; numClasses: number },
  images: Uint8Array,
  labels: Uint16Array,
  start: number,
): number {
  const recordSize = layout.labelBytes + IMAGE_BYTES;
  const count = Math.floor(bytes.length / recordSize);
  if (count * recordSize !== bytes.length) {
    throw new DatasetError({
      file,
      offset: count * recordSize,
      expected: `whole ${recordSize}-byte records (${layout.labelBytes} label byte${layout.labelBytes > 1 ? 's' : ''} + 3072 pixels)`,
      found: `${bytes.length - count * recordSize} bytes left over (truncated?)`,
    });
  }
  for (let r = 0; r < count; r++) {
    const base = r * recordSize;
    const label = bytes[base + choice.index] as number;
    if (label >= choice.numClasses) {
      throw new DatasetError({
        file,
        offset: base + choice.index,
        expected: `a label 0..${choice.numClasses - 1} (record ${r})`,
        found: String(label),
      });
    }
    labels[start + r] = label;
    const pixels = base + layout.labelBytes;
    const out = (start + r) * IMAGE_BYTES;
    for (let p = 0; p < PIXELS; p++) {
      const o = out + 3 * p;
      images[o] = bytes[pixels + p] as number;
      images[o + 1] = bytes[pixels + PIXELS + p] as number;
      images[o + 2] = bytes[pixels + 2 * PIXELS + p] as number;
    }
  }
  return count;
}

function parseNames(text: string, file: string, count: number): string[] {
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  if (names.length !== count) throw new DatasetError({ file, expected: `${count} class names, one per line`, found: `${names.length}` });
  return names;
}

interface Decoded {
  images: Uint8Array;
  labels: Uint16Array;
  train: number;
  test: number;
  classNames: string[];
}

/** Output arrays for batches of the given byte sizes, and where each batch's records start. */
function allocate(sizes: number[], layout: CifarLayout): { images: Uint8Array; labels: Uint16Array; starts: number[]; train: number } {
  const counts = sizes.map((size) => Math.floor(size / (layout.labelBytes + IMAGE_BYTES)));
  const starts = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const train = counts.slice(0, layout.train.length).reduce((a, b) => a + b, 0);
  return { images: new Uint8Array(total * IMAGE_BYTES), labels: new Uint16Array(total), starts, train };
}

/** Reads an extracted folder: file sizes give the record counts, so records are decoded straight into place. */
async function readFolder(dir: string, layout: CifarLayout, choice: LabelChoice): Promise<Decoded> {
  const nested = path.join(dir, layout.folder);
  const root = (await pathKind(nested)) === 'directory' ? nested : dir;
  const files = [...layout.train, ...layout.test].map((name) => path.join(root, name));
  const sizes: number[] = [];
  for (const file of files) {
    if ((await pathKind(file)) !== 'file') {
      throw new DatasetError({
        file,
        expected: `the ${layout.name} binary batch ${path.basename(file)} (all of ${files.map((f) => path.basename(f)).join(', ')} in ${root})`,
        found: 'no such file',
      });
    }
    sizes.push((await fs.promises.stat(file)).size);
  }
  const { images, labels, starts, train } = allocate(sizes, layout);
  for (const [i, file] of files.entries()) {
    decodeCifarRecords(await fs.promises.readFile(file), file, layout, choice, images, labels, starts[i] as number);
  }
  const namesFile = path.join(root, choice.namesFile);
  const classNames =
    (await pathKind(namesFile)) === 'file'
      ? parseNames(await fs.promises.readFile(namesFile, 'utf8'), namesFile, choice.numClasses)
      : choice.fallbackNames;
  return { images, labels, train, test: labels.length - train, classNames };
}

/**
 * Reads a (gzipped) tar archive in two passes: the first reads only the tar headers, for the batch
 * sizes, so the second can decode each batch straight into place whatever order the archive holds
 * them in — one more gunzip instead of a second copy of every image.
 */
async function readArchive(archive: string, layout: CifarLayout, choice: LabelChoice): Promise<Decoded> {
  const wanted = [...layout.train, ...layout.test];
  const sizes = new Map<string, number>();
  for await (const entry of readTar(await openByteStream(archive))) {
    const base = path.posix.basename(entry.name);
    if (entry.type !== 'file' || !wanted.includes(base)) continue;
    if (sizes.has(base)) throw new DatasetError({ file: archive, expected: `one ${base} in the archive`, found: `a second one, ${entry.name}` });
    sizes.set(base, entry.size);
  }
  const missing = wanted.filter((name) => !sizes.has(name));
  if (missing.length > 0) {
    throw new DatasetError({
      file: archive,
      expected: `the ${layout.name} batches ${wanted.join(', ')} in the archive`,
      found: `no ${missing.join(', ')}`,
    });
  }
  const { images, labels, starts, train } = allocate(wanted.map((name) => sizes.get(name) as number), layout);
  let namesText: string | undefined;
  for await (const entry of readTar(await openByteStream(archive))) {
    if (entry.type !== 'file') continue;
    const base = path.posix.basename(entry.name);
    const index = wanted.indexOf(base);
    if (index >= 0) {
      decodeCifarRecords(await entry.readAll(), `${archive}:${entry.name}`, layout, choice, images, labels, starts[index] as number);
    } else if (base === choice.namesFile) {
      namesText = (await entry.readAll()).toString('utf8');
    }
  }
  const classNames =
    namesText === undefined ? choice.fallbackNames : parseNames(namesText, `${archive}:${choice.namesFile}`, choice.numClasses);
  return { images, labels, train, test: labels.length - train, classNames };
}

async function loadCifar(spec: DatasetSpec, layout: CifarLayout, choice: LabelChoice): Promise<Dataset> {
  if (spec.path === undefined) {
    throw new DatasetError({
      file: '(no path)',
      expected: `spec.path: the ${layout.name} binary archive or its extracted folder`,
    });
  }
  const expected = `the ${layout.name} binary archive (.tar.gz) or its extracted ${layout.folder} folder`;
  const { file, kind } = await existingSource(spec.path, expected);
  let decoded: Decoded;
  if (kind === 'directory') decoded = await readFolder(file, layout, choice);
  else if (isTarName(file)) decoded = await attributeErrors(file, `a ${layout.name} binary tar archive`, () => readArchive(file, layout, choice));
  else throw new DatasetError({ file, expected, found: 'a file that is not a .tar, .tgz or .tar.gz archive' });
  return assembleDataset({
    id: layout.id,
    name: layout.name,
    kind: 'image',
    shape: [32, 32, 3],
    numClasses: choice.numClasses,
    classNames: decoded.classNames,
    size: decoded.labels.length,
    features: decoded.images,
    scale: 1 / 255,
    labels: decoded.labels,
    binaryFeatures: false,
    source: file,
    splits: { train: decoded.train, test: decoded.test },
  });
}

const Cifar10Options = z.strictObject({});
const Cifar100Options = z.strictObject({
  /** 'fine' (100 classes, default) or 'coarse' (20 superclasses). */
  labels: z.enum(['fine', 'coarse']).optional(),
});

/** Loads CIFAR-10 from `spec.path`. Throws: DatasetError naming the file, offset and expectation. */
export async function loadCifar10(spec: DatasetSpec): Promise<Dataset> {
  parseOptions('cifar10', Cifar10Options, spec.options);
  return loadCifar(spec, CIFAR10, { index: 0, numClasses: 10, namesFile: 'batches.meta.txt', fallbackNames: [...CIFAR10_CLASSES] });
}

/** Loads CIFAR-100 (fine labels, or `options.labels: 'coarse'`) from `spec.path`. */
export async function loadCifar100(spec: DatasetSpec): Promise<Dataset> {
  const options = parseOptions('cifar100', Cifar100Options, spec.options);
  const coarse = options.labels === 'coarse';
  return loadCifar(
    spec,
    CIFAR100,
    coarse
      ? { index: 0, numClasses: 20, namesFile: 'coarse_label_names.txt', fallbackNames: numbered(20) }
      : { index: 1, numClasses: 100, namesFile: 'fine_label_names.txt', fallbackNames: numbered(100) },
  );
}

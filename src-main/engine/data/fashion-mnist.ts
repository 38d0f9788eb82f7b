/**
 * Fashion-MNIST (and MNIST) from the four idx files `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
 * `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally `.gz` (Debian's
 * dataset-fashion-mnist installs only the `.gz` files in /usr/share/datasets/fashion-mnist) and also
 * under the `train-images.idx3-ubyte` spelling of some MNIST mirrors. Train samples come first, then test.
 * Official MNIST files load with `options: { variant: 'mnist' }` (digit class names).
 */
import path from 'node:path';
import { z } from 'zod';
import { assembleDataset } from './assemble';
import { DIGIT_CLASSES, FASHION_MNIST_CLASSES } from './class-names';
import { DatasetError } from './errors';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, readIdx, type IdxArray } from './idx';
import { parseOptions } from './options';
import { existingSource, firstExistingFile } from './source-path';
import type { Dataset, DatasetSpec } from './types';

export const FASHION_MNIST_DEFAULT_PATH = '/usr/share/datasets/fashion-mnist';
const CLASSES = 10;

const OptionsSchema = z.strictObject({
  /** 'fashion' (default) or 'mnist': only the name and class names differ. */
  variant: z.enum(['fashion', 'mnist']).optional(),
});

/** Finds an idx file under its usual names. */
async function locate(dir: string, base: string): Promise<string> {
  const dotted = base.replace(/-(idx\d-ubyte)$/, '.$1');
  const found = await firstExistingFile(dir, [base, `${base}.gz`, dotted, `${dotted}.gz`]);
  if (!found) {
    throw new DatasetError({
      file: path.join(dir, base),
      expected: `the idx file ${base} (or ${base}.gz) in ${dir}`,
      found: 'no such file',
    });
  }
  return found;
}

/** Reads one split and checks images and labels agree. */
async function readSplit(dir: string, prefix: 'train' | 't10k'): Promise<{ images: IdxArray; labels: IdxArray }> {
  const images = await readIdx(await locate(dir, `${prefix}-images-idx3-ubyte`), IDX_IMAGES_MAGIC);
  const labels = await readIdx(await locate(dir, `${prefix}-labels-idx1-ubyte`), IDX_LABELS_MAGIC);
  const [count = 0] = images.dims;
  if (labels.dims[0] !== count) {
    throw new DatasetError({
      file: labels.file,
      offset: 4,
      expected: `${count} labels, one per image of ${images.file}`,
      found: `${labels.dims[0]}`,
    });
  }
  const bad = labels.data.findIndex((v) => v >= CLASSES);
  if (bad >= 0) {
    throw new DatasetError({
      file: labels.file,
      offset: 8 + bad,
      expected: `a label 0..${CLASSES - 1} (sample ${bad})`,
      found: String(labels.data[bad]),
    });
  }
  return { images, labels };
}

/**
 * Loads Fashion-MNIST (or MNIST) from `spec.path` or the Debian folder.
 * Throws: DatasetError for a missing folder or file, a wrong magic, truncation, a label out of range,
 * mismatched counts, or train and test images of different sizes.
 */
export async function loadFashionMnist(spec: DatasetSpec): Promise<Dataset> {
  const options = parseOptions('fashion-mnist', OptionsSchema, spec.options);
  const expected = 'a folder with the Fashion-MNIST idx files (train-images-idx3-ubyte.gz …)';
  const { file: dir, kind } = await existingSource(spec.path ?? FASHION_MNIST_DEFAULT_PATH, expected);
  if (kind !== 'directory') throw new DatasetError({ file: dir, expected: 'a folder with the four idx files', found: 'a file' });
  const train = await readSplit(dir, 'train');
  const test = await readSplit(dir, 't10k');
  const [nTrain = 0, rows = 0, cols = 0] = train.images.dims;
  const [nTest = 0, testRows, testCols] = test.images.dims;
  if (testRows !== rows || testCols !== cols) {
    throw new DatasetError({
      file: test.images.file,
      offset: 8,
      expected: `${rows}×${cols} images like ${train.images.file}`,
      found: `${testRows}×${testCols}`,
    });
  }
  const features = new Uint8Array(train.images.data.length + test.images.data.length);
  features.set(train.images.data, 0);
  features.set(test.images.data, train.images.data.length);
  const labels = new Uint16Array(nTrain + nTest);
  labels.set(train.labels.data, 0);
  labels.set(test.labels.data, nTrain);
  const mnist = options.variant === 'mnist';
  return assembleDataset({
    id: 'fashion-mnist',
    name: mnist ? 'MNIST' : 'Fashion-MNIST',
    kind: 'image',
    shape: [rows, cols, 1],
    numClasses: CLASSES,
    classNames: [...(mnist ? DIGIT_CLASSES : FASHION_MNIST_CLASSES)],
    size: nTrain + nTest,
    features,
    scale: 1 / 255,
    labels,
    binaryFeatures: false,
    source: dir,
    splits: { train: nTrain, test: nTest },
  });
}

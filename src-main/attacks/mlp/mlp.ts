/**
 * A small fully connected network in plain TypeScript (float64), for the attack models of the
 * baseline membership attacks (SCIENCE.md §6.2–§6.3): forward pass, softmax cross-entropy and its
 * gradient by backpropagation. No tfjs: these models have a few thousand weights and run on
 * feature vectors already in memory.
 */
import type { Rng } from '../../math/prng';

export type Activation = 'relu' | 'leaky-relu';

export interface MlpShape {
  /** Widths from input to output, e.g. [13, 64, 2]. The output layer is linear (logits). */
  sizes: readonly number[];
  activation: Activation;
  /** Slope of leaky ReLU for negative inputs (default 0.01). */
  leakySlope?: number;
}

interface LayerOffsets {
  inputs: number;
  outputs: number;
  /**
   * Start of the inputs × outputs weight matrix (row-major: one row of output weights per input,
   * so that skipping a zero input skips a contiguous row) in `params`.
   */
  weights: number;
  /** Start of the bias vector in `params`. */
  bias: number;
}

/** A multilayer perceptron whose parameters live in one Float64Array (so one optimizer state fits all). */
export class Mlp {
  readonly shape: MlpShape;
  readonly params: Float64Array;
  private readonly layers: LayerOffsets[];
  private readonly slope: number;

  /**
   * @param params existing parameters (copied); zeros when omitted — use {@link Mlp.initialized} to train.
   * @throws RangeError on fewer than two sizes, a non-positive width, or a wrong parameter count.
   */
  constructor(shape: MlpShape, params?: Float64Array) {
    const { sizes } = shape;
    if (sizes.length < 2 || sizes.some((s) => !(Number.isInteger(s) && s > 0))) {
      throw new RangeError(`MLP sizes must be at least two positive integers, got [${sizes.join(', ')}]`);
    }
    this.shape = { ...shape, sizes: [...sizes] };
    this.slope = shape.activation === 'leaky-relu' ? (shape.leakySlope ?? 0.01) : 0;
    this.layers = [];
    let offset = 0;
    for (let l = 1; l < sizes.length; l++) {
      const inputs = sizes[l - 1]!;
      const outputs = sizes[l]!;
      this.layers.push({ inputs, outputs, weights: offset, bias: offset + inputs * outputs });
      offset += inputs * outputs + outputs;
    }
    if (params && params.length !== offset) throw new RangeError(`MLP expects ${offset} parameters, got ${params.length}`);
    this.params = params ? Float64Array.from(params) : new Float64Array(offset);
  }

  /** A network with Glorot-uniform weights (the Keras Dense default) and zero biases. */
  static initialized(shape: MlpShape, rng: Rng): Mlp {
    const mlp = new Mlp(shape);
    for (const layer of mlp.layers) {
      const limit = Math.sqrt(6 / (layer.inputs + layer.outputs));
      for (let k = 0; k < layer.inputs * layer.outputs; k++) mlp.params[layer.weights + k] = (2 * rng.uniform() - 1) * limit;
    }
    return mlp;
  }

  get inputSize(): number {
    return this.shape.sizes[0]!;
  }

  get outputSize(): number {
    return this.shape.sizes.at(-1)!;
  }

  /**
   * Pre-activations of every layer for a batch of n rows (n × inputSize, row-major), and the
   * activations feeding each layer (`inputs[0]` is x).
   */
  private forward(x: Float64Array, n: number): { pre: Float64Array[]; inputs: Float64Array[] } {
    if (x.length < n * this.inputSize) throw new RangeError(`batch of ${n} rows needs ${n * this.inputSize} inputs, got ${x.length}`);
    const pre: Float64Array[] = [];
    const inputs: Float64Array[] = [];
    let input = x;
    for (let l = 0; l < this.layers.length; l++) {
      const { inputs: width, outputs, weights, bias } = this.layers[l]!;
      inputs.push(input);
      const z = new Float64Array(n * outputs);
      const p = this.params;
      const hidden = l < this.layers.length - 1;
      for (let r = 0; r < n; r++) {
        const zr = r * outputs;
        for (let o = 0; o < outputs; o++) z[zr + o] = p[bias + o]!;
        // Inputs are often zero (one-hot labels, 0/1 features, ReLU outputs): skip their rows.
        for (let i = 0; i < width; i++) {
          const xi = input[r * width + i]!;
          if (xi === 0) continue;
          const w = weights + i * outputs;
          for (let o = 0; o < outputs; o++) z[zr + o]! += p[w + o]! * xi;
        }
      }
      pre.push(z);
      input = hidden ? this.activate(z) : z;
    }
    return { pre, inputs };
  }

  private activate(z: Float64Array): Float64Array {
    const a = new Float64Array(z.length);
    for (let k = 0; k < z.length; k++) a[k] = z[k]! > 0 ? z[k]! : this.slope * z[k]!;
    return a;
  }

  /** Output logits for n rows (n × outputSize). */
  logits(x: Float64Array, n: number): Float64Array {
    return this.forward(x, n).pre.at(-1)!;
  }

  /** Softmax probabilities for n rows (n × outputSize), computed in float64 with max-subtraction. */
  probabilities(x: Float64Array, n: number): Float64Array {
    const z = this.logits(x, n);
    const k = this.outputSize;
    for (let r = 0; r < n; r++) softmaxInPlace(z, r * k, k);
    return z;
  }

  /**
   * Mean softmax cross-entropy over n rows and its gradient with respect to `params`.
   * @param labels class index per row.
   * @param gradient overwritten with ∂loss/∂params (same length as params).
   * @returns the mean loss.
   */
  lossAndGradient(x: Float64Array, labels: ArrayLike<number>, n: number, gradient: Float64Array): number {
    if (gradient.length !== this.params.length) throw new RangeError(`gradient needs ${this.params.length} entries, got ${gradient.length}`);
    const { pre, inputs: layerInputs } = this.forward(x, n);
    const k = this.outputSize;
    const logits = pre.at(-1)!;
    let delta = Float64Array.from(logits);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const y = labels[r]!;
      if (!(Number.isInteger(y) && y >= 0 && y < k)) throw new RangeError(`labels[${r}] = ${y} is not a class of 0..${k - 1}`);
      const logSum = softmaxInPlace(delta, r * k, k);
      loss -= logits[r * k + y]! - logSum;
      delta[r * k + y]! -= 1; // ∂CE/∂z = softmax − one-hot
    }
    for (let j = 0; j < delta.length; j++) delta[j]! /= n;
    loss /= n;

    gradient.fill(0);
    const p = this.params;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const { inputs, outputs, weights, bias } = this.layers[l]!;
      const input = layerInputs[l]!;
      const zBelow = l > 0 ? pre[l - 1]! : null;
      const below = zBelow ? new Float64Array(n * inputs) : null;
      for (let r = 0; r < n; r++) {
        const dr = r * outputs;
        for (let o = 0; o < outputs; o++) gradient[bias + o]! += delta[dr + o]!;
        for (let i = 0; i < inputs; i++) {
          const xi = input[r * inputs + i]!;
          const w = weights + i * outputs;
          if (xi !== 0) for (let o = 0; o < outputs; o++) gradient[w + o]! += delta[dr + o]! * xi;
          if (!below) continue;
          const slope = zBelow![r * inputs + i]! > 0 ? 1 : this.slope;
          if (slope === 0) continue;
          let sum = 0;
          for (let o = 0; o < outputs; o++) sum += delta[dr + o]! * p[w + o]!;
          below[r * inputs + i] = slope * sum;
        }
      }
      if (below) delta = below;
    }
    return loss;
  }
}

/** Replaces z[start..start+k) by its softmax; returns the log-sum-exp of the original values. */
function softmaxInPlace(z: Float64Array, start: number, k: number): number {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, z[start + c]!);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp(z[start + c]! - max);
    z[start + c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) z[start + c]! /= sum;
  return max + Math.log(sum);
}

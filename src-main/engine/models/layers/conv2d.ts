/** A 2-D convolution (NHWC) with bias, with exact per-sample gradient norms for DP-SGD. */
import type { Rng } from '../../../math/prng';
import { tf, type Tensor, type Tensor4D, type Variable } from '../../tf';
import { initVariable, type InitKind } from '../init';
import type { ForwardContext, Param, ParametricModule } from '../module';

export interface Conv2DOptions {
  filters: number;
  kernel: number;
  strides: number;
  padding: 'same' | 'valid';
  dilation: number;
  /** Omit the bias when a normalisation layer follows (it would cancel it). */
  bias: boolean;
}

/** Output side length of a convolution or pooling window, as tfjs computes it. */
export function convOutputSize(input: number, kernel: number, strides: number, padding: 'same' | 'valid', dilation = 1): number {
  const effective = (kernel - 1) * dilation + 1;
  return padding === 'same' ? Math.ceil(input / strides) : Math.ceil((input - effective + 1) / strides);
}

export class Conv2D implements ParametricModule {
  readonly outputShape: number[];
  readonly kernel: Variable;
  readonly bias: Variable | null;
  private readonly inputChannels: number;

  constructor(
    readonly name: string,
    inputShape: number[],
    readonly options: Conv2DOptions,
    init: InitKind,
    rng: Rng,
  ) {
    const [h, w, c] = inputShape as [number, number, number];
    this.inputChannels = c;
    const { filters, kernel, strides, padding, dilation } = options;
    this.outputShape = [convOutputSize(h, kernel, strides, padding, dilation), convOutputSize(w, kernel, strides, padding, dilation), filters];
    const fanIn = kernel * kernel * c;
    this.kernel = initVariable([kernel, kernel, c, filters], init, fanIn, kernel * kernel * filters, rng);
    this.bias = options.bias ? initVariable([filters], 'zeros', fanIn, filters, rng) : null;
  }

  apply(x: Tensor, ctx: ForwardContext): Tensor {
    const { strides, padding, dilation } = this.options;
    let y: Tensor = tf.conv2d(x as Tensor4D, this.kernel as Tensor4D, strides, padding, 'NHWC', dilation);
    if (this.bias) y = tf.add(y, this.bias);
    if (!ctx.taps) return y;
    ctx.taps.record(this, x);
    return tf.add(y, ctx.taps.probe(this));
  }

  private filterGradient(x: Tensor, dy: Tensor): Tensor {
    const { kernel, filters, strides, padding } = this.options;
    return tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
      strides: [strides, strides],
      pad: padding,
      dataFormat: 'NHWC',
      dimRoundingMode: undefined,
      filterShape: [kernel, kernel, this.inputChannels, filters],
    } as never) as Tensor;
  }

  /**
   * Per sample, the exact ‖∂ℓ_i/∂W‖² from one filter-gradient kernel call on that sample (the ghost
   * norm would need unfolded inputs, which are costly on wasm), plus ‖Σ_spatial δ_i‖² for the bias.
   */
  perSampleGradNormSq(input: Tensor, delta: Tensor): Tensor {
    return tf.tidy(() => {
      const batch = input.shape[0]!;
      const norms: Tensor[] = [];
      for (let i = 0; i < batch; i++) {
        const xi = tf.slice(input, [i, 0, 0, 0], [1, -1, -1, -1]);
        const di = tf.slice(delta, [i, 0, 0, 0], [1, -1, -1, -1]);
        norms.push(tf.sum(tf.square(this.filterGradient(xi, di))));
      }
      let result = tf.stack(norms);
      if (this.bias) result = tf.add(result, tf.sum(tf.square(tf.sum(delta, [1, 2])), 1));
      return result;
    });
  }

  clippedGradients(input: Tensor, scaledDelta: Tensor): Map<Variable, Tensor> {
    const grads = new Map<Variable, Tensor>([[this.kernel, this.filterGradient(input, scaledDelta)]]);
    if (this.bias) grads.set(this.bias, tf.sum(scaledDelta, [0, 1, 2]));
    return grads;
  }

  params(): Param[] {
    const params = [{ name: `${this.name}.kernel`, variable: this.kernel }];
    if (this.bias) params.push({ name: `${this.name}.bias`, variable: this.bias });
    return params;
  }

  buffers(): Param[] {
    return [];
  }
}

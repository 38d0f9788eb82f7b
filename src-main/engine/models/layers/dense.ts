/** A fully connected layer y = x·W + b, with ghost-clipping support for DP-SGD. */
import type { Rng } from '../../../math/prng';
import { tf, type Tensor, type Variable } from '../../tf';
import { initVariable, type InitKind } from '../init';
import type { ForwardContext, Param, ParametricModule } from '../module';

export class Dense implements ParametricModule {
  readonly outputShape: number[];
  readonly kernel: Variable;
  readonly bias: Variable;

  constructor(
    readonly name: string,
    inputUnits: number,
    units: number,
    init: InitKind,
    rng: Rng,
  ) {
    this.outputShape = [units];
    this.kernel = initVariable([inputUnits, units], init, inputUnits, units, rng);
    this.bias = initVariable([units], 'zeros', inputUnits, units, rng);
  }

  apply(x: Tensor, ctx: ForwardContext): Tensor {
    const y = tf.add(tf.matMul(x, this.kernel), this.bias);
    if (!ctx.taps) return y;
    ctx.taps.record(this, x);
    return tf.add(y, ctx.taps.probe(this));
  }

  /** ‖∂ℓ_i/∂W‖² + ‖∂ℓ_i/∂b‖² = (‖a_i‖² + 1)·‖δ_i‖² (Goodfellow 2015): no per-sample gradient is formed. */
  perSampleGradNormSq(input: Tensor, delta: Tensor): Tensor {
    return tf.tidy(() => tf.mul(tf.add(tf.sum(tf.square(input), 1), 1), tf.sum(tf.square(delta), 1)));
  }

  clippedGradients(input: Tensor, scaledDelta: Tensor): Map<Variable, Tensor> {
    return new Map<Variable, Tensor>([
      [this.kernel, tf.matMul(input, scaledDelta, true, false)],
      [this.bias, tf.sum(scaledDelta, 0)],
    ]);
  }

  params(): Param[] {
    return [
      { name: `${this.name}.kernel`, variable: this.kernel },
      { name: `${this.name}.bias`, variable: this.bias },
    ];
  }

  buffers(): Param[] {
    return [];
  }
}

/** BatchNorm and GroupNorm over the last (channel) axis, for dense [B, C] and image [B, H, W, C] inputs. */
import type { Rng } from '../../../math/prng';
import { tf, type Tensor, type Variable } from '../../tf';
import { initVariable, stateVariable } from '../init';
import type { ForwardContext, Param, ParametricModule, Module } from '../module';

const EPSILON = 1e-5;
/** PyTorch's convention: running = (1 − m)·running + m·batch, with m = 0.1. */
const MOMENTUM = 0.1;

export class BatchNorm implements Module {
  readonly outputShape: number[];
  readonly gamma: Variable;
  readonly beta: Variable;
  readonly runningMean: Variable;
  readonly runningVar: Variable;

  constructor(
    readonly name: string,
    inputShape: number[],
    rng: Rng,
  ) {
    this.outputShape = inputShape;
    const channels = inputShape[inputShape.length - 1]!;
    this.gamma = initVariable([channels], 'ones', channels, channels, rng);
    this.beta = initVariable([channels], 'zeros', channels, channels, rng);
    this.runningMean = stateVariable([channels], 0);
    this.runningVar = stateVariable([channels], 1);
  }

  apply(x: Tensor, ctx: ForwardContext): Tensor {
    if (!ctx.training) return tf.batchNorm(x, this.runningMean, this.runningVar, this.beta, this.gamma, EPSILON);
    const axes = x.shape.slice(0, -1).map((_, i) => i);
    const { mean, variance } = tf.moments(x, axes);
    if (ctx.updateStats) {
      const momentum = ctx.statMomentum ?? MOMENTUM;
      const count = x.size / x.shape[x.shape.length - 1]!;
      // The update must not join the gradient tape: record detached copies, apply after the step.
      const batchMean = tf.keep(tf.clone(mean));
      const unbiased = tf.keep(tf.mul(variance, count / Math.max(count - 1, 1)));
      ctx.statUpdates.push({
        apply: () => {
          tf.tidy(() => {
            this.runningMean.assign(tf.add(tf.mul(this.runningMean, 1 - momentum), tf.mul(batchMean, momentum)));
            this.runningVar.assign(tf.add(tf.mul(this.runningVar, 1 - momentum), tf.mul(unbiased, momentum)));
          });
          batchMean.dispose();
          unbiased.dispose();
        },
      });
    }
    return tf.batchNorm(x, mean, variance, this.beta, this.gamma, EPSILON);
  }

  params(): Param[] {
    return [
      { name: `${this.name}.gamma`, variable: this.gamma },
      { name: `${this.name}.beta`, variable: this.beta },
    ];
  }

  /** Resets the running statistics (before recomputing them, as SWA does). */
  resetStats(): void {
    tf.tidy(() => {
      this.runningMean.assign(tf.zerosLike(this.runningMean));
      this.runningVar.assign(tf.onesLike(this.runningVar));
    });
  }

  buffers(): Param[] {
    return [
      { name: `${this.name}.running_mean`, variable: this.runningMean },
      { name: `${this.name}.running_var`, variable: this.runningVar },
    ];
  }
}

/** GroupNorm (Wu & He 2018): per-sample statistics, so it is compatible with DP-SGD. */
export class GroupNorm implements ParametricModule {
  readonly outputShape: number[];
  readonly gamma: Variable;
  readonly beta: Variable;
  readonly groups: number;

  constructor(
    readonly name: string,
    inputShape: number[],
    groups: number,
    rng: Rng,
  ) {
    this.outputShape = inputShape;
    const channels = inputShape[inputShape.length - 1]!;
    if (channels % groups !== 0) throw new Error(`${name}: ${channels} channels cannot be split into ${groups} groups`);
    this.groups = groups;
    this.gamma = initVariable([channels], 'ones', channels, channels, rng);
    this.beta = initVariable([channels], 'zeros', channels, channels, rng);
  }

  /** x̂: x normalised within each (sample, group). */
  private normalise(x: Tensor): Tensor {
    const shape = x.shape;
    const channels = shape[shape.length - 1]!;
    const grouped = tf.reshape(x, [...shape.slice(0, -1), this.groups, channels / this.groups]);
    const rank = grouped.shape.length;
    const axes = Array.from({ length: rank - 1 }, (_, i) => i + 1).filter((axis) => axis !== rank - 2);
    const { mean, variance } = tf.moments(grouped, axes, true);
    return tf.reshape(tf.div(tf.sub(grouped, mean), tf.sqrt(tf.add(variance, EPSILON))), shape);
  }

  apply(x: Tensor, ctx: ForwardContext): Tensor {
    const normalised = this.normalise(x);
    const y = tf.add(tf.mul(normalised, this.gamma), this.beta);
    if (!ctx.taps) return y;
    ctx.taps.record(this, normalised);
    return tf.add(y, ctx.taps.probe(this));
  }

  /** Sums over every axis but batch and channel. */
  private spatialSum(t: Tensor): Tensor {
    const axes = t.shape.slice(1, -1).map((_, i) => i + 1);
    return axes.length ? tf.sum(t, axes) : t;
  }

  perSampleGradNormSq(normalised: Tensor, delta: Tensor): Tensor {
    return tf.tidy(() =>
      tf.add(tf.sum(tf.square(this.spatialSum(tf.mul(delta, normalised))), 1), tf.sum(tf.square(this.spatialSum(delta)), 1)),
    );
  }

  clippedGradients(normalised: Tensor, scaledDelta: Tensor): Map<Variable, Tensor> {
    return new Map<Variable, Tensor>([
      [this.gamma, tf.tidy(() => tf.sum(this.spatialSum(tf.mul(scaledDelta, normalised)), 0))],
      [this.beta, tf.tidy(() => tf.sum(this.spatialSum(scaledDelta), 0))],
    ]);
  }

  params(): Param[] {
    return [
      { name: `${this.name}.gamma`, variable: this.gamma },
      { name: `${this.name}.beta`, variable: this.beta },
    ];
  }

  buffers(): Param[] {
    return [];
  }
}

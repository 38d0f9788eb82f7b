import { beforeAll, describe, expect, it } from 'vitest';
import { ModelConfigSchema } from '../../../../src-shared/config/model';
import { buildModel, type Model } from '../../../../src-main/engine/models/model';
import { forwardContext, type ForwardContext, type Param, type ParametricModule } from '../../../../src-main/engine/models/module';
import { tf, type Tensor, type Variable } from '../../../../src-main/engine/tf';
import { perSampleCrossEntropy } from '../../../../src-main/engine/training/losses';
import { clippedGradientSum } from '../../../../src-main/engine/training/updates/dp-sgd';
import { Rng } from '../../../../src-main/math/prng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** y_i = x_i · v: the per-sample gradient of ℓ_i = y_i with respect to v is x_i itself. */
class Dot implements ParametricModule {
  readonly name = 'dot';
  readonly outputShape = [1];
  readonly v = tf.variable(tf.tensor1d([0.5, -0.25]));
  apply(x: Tensor, ctx: ForwardContext): Tensor {
    const y = tf.matMul(x, tf.reshape(this.v, [2, 1]));
    if (!ctx.taps) return y;
    ctx.taps.record(this, x);
    return tf.add(y, ctx.taps.probe(this));
  }
  perSampleGradNormSq(input: Tensor, delta: Tensor): Tensor {
    return tf.sum(tf.square(tf.mul(input, delta)), 1);
  }
  clippedGradients(input: Tensor, scaledDelta: Tensor): Map<Variable, Tensor> {
    return new Map([[this.v as Variable, tf.sum(tf.mul(input, scaledDelta), 0)]]);
  }
  params(): Param[] {
    return [{ name: 'dot.v', variable: this.v }];
  }
  buffers(): Param[] {
    return [];
  }
}

describe('DP-SGD clipping', () => {
  it('reproduces the clipping vector of SCIENCE.md §9.1', () => {
    const layer = new Dot();
    const model = { parametricLayers: () => [layer], params: layer.params() } as unknown as Model;
    const x = tf.tensor2d([[3, 4], [0.3, 0.4], [0, -2]]);
    const result = clippedGradientSum(model, 3, 1, (taps) => {
      const y = layer.apply(x, { ...forwardContext(true), taps });
      return { value: tf.sum(y), logits: tf.zeros([3, 2]) };
    });
    expect(Array.from(result.norms.dataSync())).toEqual([5, 0.5, 2].map((v) => expect.closeTo(v, 5)));
    const factors = Array.from(result.factors.dataSync());
    [0.19999996, 1, 0.49999975].forEach((f, i) => expect(factors[i]).toBeCloseTo(f, 6));
    const sum = Array.from(result.sums.get(layer.v)!.dataSync());
    expect(sum[0]).toBeCloseTo(0.8999999, 5);
    expect(sum[1]).toBeCloseTo(0.2000003, 5);
    tf.dispose([x, layer.v, result.norms, result.factors, result.loss, result.logits, ...result.sums.values()]);
  });

  /** Σ_i clip(∇ℓ_i) by a loop over single-sample batches: the reference the fast path must match. */
  function naiveClippedSum(model: Model, x: Tensor, oneHot: Tensor, clip: number): Map<string, Float32Array> {
    const sums = new Map<string, Float32Array>();
    for (let i = 0; i < x.shape[0]!; i++) {
      const { grads } = tf.variableGrads(() => {
        const xi = tf.slice(x, [i], [1]);
        const yi = tf.slice(oneHot, [i], [1]);
        return tf.sum(perSampleCrossEntropy(model.apply(xi, forwardContext(true, false)), yi)) as tf.Scalar;
      }, model.trainable);
      const norm = Math.sqrt(model.params.reduce((s, p) => s + tf.sum(tf.square(grads[p.variable.name]!)).dataSync()[0]!, 0));
      const factor = Math.min(1, clip / (norm + 1e-6));
      for (const p of model.params) {
        const g = grads[p.variable.name]!.dataSync() as Float32Array;
        const acc = sums.get(p.name) ?? new Float32Array(g.length);
        for (let j = 0; j < g.length; j++) acc[j] = acc[j]! + factor * g[j]!;
        sums.set(p.name, acc);
      }
      tf.dispose(Object.values(grads));
    }
    return sums;
  }

  for (const [label, config, shape] of [
    ['an MLP with GroupNorm', { kind: 'mlp', hidden: [16, 8], norm: 'group' }, [12]],
    ['a CNN with GroupNorm and strided, valid convolutions', { kind: 'layers', layers: [
      { type: 'conv2d', filters: 4, kernel: 3, strides: 2, padding: 'valid' },
      { type: 'groupnorm', groups: 2 },
      { type: 'relu' },
      { type: 'conv2d', filters: 6, kernel: 2 },
      { type: 'relu' },
      { type: 'maxpool' },
    ] }, [9, 9, 2]],
  ] as const) {
    it(`equals a naive per-sample loop for ${label}`, async () => {
      const model = await buildModel(ModelConfigSchema.parse(config), [...shape], 3, 5);
      const rng = new Rng(1);
      const batch = 6;
      const size = shape.reduce((a, b) => a * b, 1);
      const x = tf.tensor(Float32Array.from({ length: batch * size }, () => rng.uniform()), [batch, ...shape]);
      const oneHot = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3).toFloat();
      const clip = 0.05; // small enough that every sample is clipped by a different factor
      const before = tf.memory().numTensors;
      const fast = clippedGradientSum(model, batch, clip, (taps) => {
        const logits = model.apply(x, { training: true, updateStats: false, statUpdates: [], taps });
        return { value: tf.sum(perSampleCrossEntropy(logits, oneHot)), logits };
      });
      const fastSums = new Map(model.params.map((p) => [p.name, fast.sums.get(p.variable)!.dataSync()]));
      expect(Array.from(fast.factors.dataSync()).every((f) => f < 1)).toBe(true);
      tf.dispose([fast.norms, fast.factors, fast.loss, fast.logits, ...fast.sums.values()]);
      expect(tf.memory().numTensors).toBe(before);
      tf.engine().startScope();
      const naive = naiveClippedSum(model, x, oneHot, clip);
      tf.engine().endScope();
      for (const p of model.params) {
        const a = fastSums.get(p.name)!;
        const b = naive.get(p.name)!;
        for (let j = 0; j < b.length; j++) expect(Math.abs(a[j]! - b[j]!), `${p.name}[${j}]`).toBeLessThan(1e-5);
      }
      tf.dispose([x, oneHot]);
      model.dispose();
    });
  }

  it('refuses a model whose parameters it cannot clip per sample (BatchNorm)', async () => {
    const model = await buildModel(ModelConfigSchema.parse({ kind: 'mlp', hidden: [4], norm: 'batch' }), [3], 2, 1);
    const x = tf.ones([2, 3]);
    expect(() =>
      clippedGradientSum(model, 2, 1, (taps) => {
        const logits = model.apply(x, { training: true, updateStats: false, statUpdates: [], taps });
        return { value: tf.sum(logits), logits };
      }),
    ).toThrow(/cannot clip per-sample gradients of norm1.gamma, norm1.beta/);
    x.dispose();
    model.dispose();
  });
});

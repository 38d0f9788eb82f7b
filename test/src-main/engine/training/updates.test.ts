import { beforeAll, describe, expect, it } from 'vitest';
import { UpdateConfigSchema } from '../../../../src-shared/config/method';
import { Rng } from '../../../../src-main/math/prng';
import type { Model } from '../../../../src-main/engine/models/model';
import { tf, type Tensor } from '../../../../src-main/engine/tf';
import { flooded, type LossFunction } from '../../../../src-main/engine/training/loss-composition';
import { unbiasedVariance } from '../../../../src-main/engine/training/losses';
import { createOptimizer } from '../../../../src-main/engine/training/optimizers/optimizer';
import { createUpdate } from '../../../../src-main/engine/training/updates/update';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The quadratic of SCIENCE.md §10: L(w) = ½(w₁² + 10·w₂²), w = (1, 1). */
function quadratic() {
  const w = tf.variable(tf.tensor1d([1, 1]));
  const model = { trainable: [w], params: [{ name: 'w', variable: w }] } as unknown as Model;
  const loss: LossFunction = () => {
    const total = tf.mul(0.5, tf.add(tf.square(w.gather([0])), tf.mul(10, tf.square(w.gather([1]))))).reshape([]);
    const logits = tf.zeros([1, 2]);
    return { total, terms: { perSample: total.reshape([1]), dememLosses: total.reshape([1]), logits } };
  };
  return { w, model, loss };
}

function step(kind: object) {
  const { w, model, loss } = quadratic();
  const update = createUpdate(UpdateConfigSchema.parse(kind));
  const optimizer = createOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0, nesterov: false, weightDecay: 0 });
  const labels = tf.tensor1d([0], 'int32');
  const before = tf.memory().numTensors;
  const out = update.step({ model, loss, labels, optimizer, lr: 0.1, rng: new Rng(0), expectedBatchSize: 1 });
  tf.dispose([out.loss, out.correct]);
  expect(tf.memory().numTensors).toBe(before);
  const result = Array.from(w.dataSync());
  tf.dispose([w, labels]);
  return result;
}

describe('update rules on the SCIENCE.md §10 quadratic', () => {
  it('plain SGD steps to (0.9, 0)', () => {
    const [a, b] = step({ kind: 'plain' });
    expect(a).toBeCloseTo(0.9, 6);
    expect(b).toBeCloseTo(0, 6);
  });

  it('SAM steps to (0.8995025, −0.0497519)', () => {
    const [a, b] = step({ kind: 'sam', rho: 0.05 });
    expect(a).toBeCloseTo(0.8995025, 6);
    expect(b).toBeCloseTo(-0.0497519, 6);
  });

  it('SharpReg (λ = 0.5, ρ = 0.05) steps to (0.9002488, 0.0248759) (§11)', () => {
    const [a, b] = step({ kind: 'sharpreg', lambda: 0.5, rho: 0.05, gamma: 0 });
    expect(a).toBeCloseTo(0.9002488, 6);
    expect(b).toBeCloseTo(0.0248759, 6);
  });

  it('ASAM scales the perturbation by |w| elementwise', () => {
    // With w = (1, 1), T_w = I, so ASAM equals SAM at the same ρ.
    const [a, b] = step({ kind: 'asam', rho: 0.05 });
    expect(a).toBeCloseTo(0.8995025, 6);
    expect(b).toBeCloseTo(-0.0497519, 6);
  });
});

describe('DeMem penalty (SCIENCE.md §8.2)', () => {
  it('gives L = 1.172 with unbiased variance 0.86 and per-sample weights summing to 1', () => {
    const losses = tf.tensor1d([0.2, 0.5, 1.0, 2.3]);
    const lambda = 0.2;
    const f = (l: Tensor) => tf.add(tf.mean(l), tf.mul(unbiasedVariance(l), lambda));
    expect(unbiasedVariance(losses).dataSync()[0]).toBeCloseTo(0.86, 6);
    expect(f(losses).dataSync()[0]).toBeCloseTo(1.172, 6);
    const weights = Array.from(tf.grad(f)(losses).dataSync());
    const expected = [0.1433333, 0.1833333, 0.25, 0.4233333];
    weights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 6));
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6);
    losses.dispose();
  });
});

describe('flooding (SCIENCE.md §11)', () => {
  it('maps L = 0.05 at level 0.1 to 0.15 with gradient −1, and leaves a loss above the level alone', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const gradient = tf.grad((l: Tensor) => flooded(l, 0.1));
      expect(flooded(tf.scalar(0.05), 0.1).dataSync()[0]).toBeCloseTo(0.15, 7);
      expect(gradient(tf.scalar(0.05)).dataSync()[0]).toBe(-1);
      expect(flooded(tf.scalar(0.4), 0.1).dataSync()[0]).toBeCloseTo(0.4, 7);
      expect(gradient(tf.scalar(0.4)).dataSync()[0]).toBe(1);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

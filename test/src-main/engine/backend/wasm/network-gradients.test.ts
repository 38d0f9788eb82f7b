import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, expectSameOnBothBackends, memoryState, randomTensor, runOn, setUpBackends } from './backends';

beforeAll(setUpBackends);

// Whole networks built from tfjs-core ops as Mnemo's models are; gradients must agree to 1e-4 of scale.
const RTOL = 1e-4;

const labels = (batch: number, classes: number, seed: number): tf.Tensor =>
  tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, i) => (i * 7 + seed) % classes), 'int32'), classes);

/** MLP: matMul + bias + tanh, a fused dense layer with bias, relu, softmax cross-entropy. */
function mlpParams(): tf.Tensor[] {
  return [
    randomTensor([20, 32], 1, -0.4, 0.4), randomTensor([32], 2, -0.1, 0.1),
    randomTensor([32, 16], 3, -0.4, 0.4), randomTensor([16], 4, -0.1, 0.1),
    randomTensor([16, 5], 5, -0.4, 0.4), randomTensor([5], 6, -0.1, 0.1),
  ];
}
function mlpLoss(x: tf.Tensor, y: tf.Tensor) {
  return (...p: tf.Tensor[]): tf.Scalar => {
    const [w1, b1, w2, b2, w3, b3] = p as [tf.Tensor2D, tf.Tensor, tf.Tensor2D, tf.Tensor, tf.Tensor2D, tf.Tensor];
    let h = tf.tanh(tf.add(tf.matMul(x as tf.Tensor2D, w1), b1));
    h = tf.relu(tf.fused.matMul({ a: h as tf.Tensor2D, b: w2, bias: b2 }));
    const logits = tf.fused.matMul({ a: h as tf.Tensor2D, b: w3, bias: b3 });
    return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;
  };
}

/** Small ResNet-like CNN: conv 3×3 same + fused bias, relu, maxPool 2, a stride-2 block with batch norm
 * and a 1×1 stride-2 shortcut, group norm, global average pooling, dense, softmax cross-entropy. */
function cnnParams(): tf.Tensor[] {
  return [
    randomTensor([3, 3, 3, 8], 11, -0.3, 0.3), randomTensor([8], 12, -0.1, 0.1),
    randomTensor([3, 3, 8, 12], 13, -0.2, 0.2), randomTensor([12], 14, 0.8, 1.2), randomTensor([12], 15, -0.1, 0.1),
    randomTensor([1, 1, 8, 12], 16, -0.3, 0.3),
    randomTensor([3, 3, 12, 12], 17, -0.2, 0.2), randomTensor([12], 18, 0.8, 1.2), randomTensor([12], 19, -0.1, 0.1),
    randomTensor([12, 4], 20, -0.4, 0.4), randomTensor([4], 21, -0.1, 0.1),
  ];
}
function cnnLogits(x: tf.Tensor, p: tf.Tensor[]): tf.Tensor {
  const [c1, b1, c2, g2, be2, sc, c3, g3, be3, w, b] = p as [
    tf.Tensor4D, tf.Tensor1D, tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor4D, tf.Tensor4D, tf.Tensor1D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D,
  ];
  let h: tf.Tensor = tf.relu(tf.fused.conv2d({ x: x as tf.Tensor4D, filter: c1, strides: 1, pad: 'same', bias: b1 }));
  h = tf.maxPool(h as tf.Tensor4D, 2, 2, 'valid');
  // Batch norm over (batch, height, width).
  let r: tf.Tensor = tf.conv2d(h as tf.Tensor4D, c2, 2, 'same');
  const bn = tf.moments(r, [0, 1, 2]);
  r = tf.relu(tf.batchNorm(r, bn.mean, bn.variance, be2, g2, 1e-5));
  h = tf.add(r, tf.conv2d(h as tf.Tensor4D, sc, 2, 'same'));
  // Group norm with 3 groups of 4 channels.
  let s: tf.Tensor = tf.conv2d(h as tf.Tensor4D, c3, 1, 'same');
  const [n, hh, ww, ch] = s.shape as [number, number, number, number];
  const grouped = tf.reshape(s, [n, hh, ww, 3, ch / 3]);
  const gn = tf.moments(grouped, [1, 2, 4], true);
  s = tf.reshape(tf.div(tf.sub(grouped, gn.mean), tf.sqrt(tf.add(gn.variance, 1e-5))), [n, hh, ww, ch]);
  s = tf.leakyRelu(tf.add(tf.mul(s, g3), be3), 0.1);
  const pooled = tf.mean(s, [1, 2]);
  return tf.add(tf.matMul(pooled as tf.Tensor2D, w), b);
}

describe('whole-network gradients agree on wasm and cpu', () => {
  it('MLP: gradients of every parameter (tf.grads)', async () => {
    await expectSameOnBothBackends(() => tf.grads(mlpLoss(randomTensor([24, 20], 30), labels(24, 5, 1)))(mlpParams()), RTOL, 'mlp');
  });

  it('CNN with batch norm, group norm, a stride-2 shortcut and global average pooling (tf.grads)', async () => {
    const x = () => randomTensor([4, 12, 12, 3], 31);
    await expectSameOnBothBackends(
      () => tf.grads((...p: tf.Tensor[]) => tf.losses.softmaxCrossEntropy(labels(4, 4, 2), cnnLogits(x(), p)) as tf.Scalar)(cnnParams()),
      RTOL,
      'cnn',
    );
  });

  it('adversarial step: input gradient, sign, clip to the ε-ball (minimum/maximum) and to [0, 1]', async () => {
    await expectSameOnBothBackends(() => {
      const x = randomTensor([4, 12, 12, 3], 32, 0, 1);
      const params = cnnParams();
      const y = labels(4, 4, 3);
      const eps = 8 / 255;
      const g = tf.grad((xa: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, cnnLogits(xa, params)) as tf.Scalar)(x);
      const stepped = tf.add(x, tf.mul(tf.sign(g), 2 / 255 * 3));
      const adv = tf.clipByValue(tf.minimum(tf.maximum(stepped, tf.sub(x, eps)), tf.add(x, eps)), 0, 1);
      const gAdv = tf.grad((xa: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, cnnLogits(xa, params)) as tf.Scalar)(adv);
      return [g, adv, gAdv];
    }, RTOL, 'pgd');
  });

  it('fused conv2d with a relu activation also trains (tfjs-core unfuses it while recording)', async () => {
    await expectSameOnBothBackends(() => {
      const x = randomTensor([2, 7, 9, 3], 33);
      const f = (w: tf.Tensor, b: tf.Tensor): tf.Scalar =>
        tf.sum(tf.square(tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: 2, pad: 'same', bias: b, activation: 'relu' })));
      return tf.grads(f)([randomTensor([3, 3, 3, 4], 34), randomTensor([4], 35)]);
    }, RTOL, 'fused conv');
  });
});

describe('training with SGD momentum on wasm', () => {
  /** Trains the CNN for `steps` steps; returns the losses and the tensor counts after each step. */
  async function train(backend: 'cpu' | 'wasm', steps: number): Promise<{ losses: number[]; tensors: number[]; bytes: number[] }> {
    await tf.setBackend(backend);
    const init = cnnParams();
    const vars = init.map((t) => tf.variable(t));
    tf.dispose(init);
    const x = randomTensor([4, 12, 12, 3], 36);
    const y = tf.tidy(() => labels(4, 4, 4));
    const opt = tf.train.momentum(0.05, 0.9);
    const losses: number[] = [];
    const tensors: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < steps; i++) {
      const loss = tf.tidy(() => opt.minimize(() => tf.losses.softmaxCrossEntropy(y, cnnLogits(x, vars)) as tf.Scalar, true, vars) as tf.Scalar);
      losses.push(loss.dataSync()[0] as number);
      loss.dispose();
      tensors.push(memoryState().tensors);
      bytes.push(memoryState().bytes);
    }
    opt.dispose();
    // tfjs-core 4.22: MomentumOptimizer.dispose() forgets the learning-rate scalar of its SGD base.
    (opt as unknown as { c: tf.Tensor }).c.dispose();
    tf.dispose([...vars, x, y]);
    return { losses, tensors, bytes };
  }

  it('reaches the same losses as cpu over 4 steps and leaks nothing', async () => {
    const cpu = await train('cpu', 4);
    const wasm = await train('wasm', 4);
    expectClose(wasm.losses, cpu.losses, RTOL, 'losses');
    expect(wasm.losses.at(-1)).toBeLessThan(wasm.losses[0] as number);
    // The first step creates the momentum accumulators; afterwards nothing may accumulate.
    expect(new Set(wasm.tensors.slice(1)).size).toBe(1);
    expect(new Set(wasm.bytes.slice(1)).size).toBe(1);
  });

  it('frees everything it made once variables and optimizer are disposed', async () => {
    await tf.setBackend('wasm');
    const before = memoryState();
    await train('wasm', 2);
    expect(memoryState()).toEqual(before);
  });
});

describe('runOn', () => {
  it('returns values copied off the backend', async () => {
    const [v] = await runOn('wasm', () => tf.tensor([1, 2]));
    expect(Array.from(v as Float32Array)).toEqual([1, 2]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { tanhFromSigmoid, tanhSeries } from '../../../../../src-main/engine/backend/wasm/tanh';
import { expectSameOnBothBackends, memoryState, randomTensor, runOn, setUpBackends } from './backends';

beforeAll(setUpBackends);

describe('Tanh on wasm', () => {
  it('is within 1e-6 relative of Math.tanh over [−10, 10], tiny arguments included', async () => {
    const xs = new Float32Array(40001);
    for (let i = 0; i < xs.length; i++) xs[i] = (i - 20000) / 2000;
    const tiny = Float32Array.from([1e-30, -1e-20, 1e-8, -3e-5, 0.0001, 0.2499, 0.2501, -0.25]);
    const [y, yTiny] = await runOn('wasm', () => [tf.tanh(tf.tensor(xs)), tf.tanh(tf.tensor(tiny))]);
    const check = (x: Float32Array, v: Float32Array): void => {
      x.forEach((xi, i) => {
        const expected = Math.fround(Math.tanh(xi));
        expect(Math.abs((v[i] as number) - expected), `tanh(${xi})`).toBeLessThanOrEqual(1e-6 * Math.abs(expected));
      });
    };
    check(xs, y as Float32Array);
    check(tiny, yTiny as Float32Array);
  });

  it('maps ±∞ to ±1, NaN to NaN and keeps the sign of zero', async () => {
    const [y] = await runOn('wasm', () => tf.tanh(tf.tensor([Infinity, -Infinity, NaN, 0, -0])));
    const v = Array.from(y as Float32Array);
    expect(v.slice(0, 2)).toEqual([1, -1]);
    expect(Number.isNaN(v[2])).toBe(true);
    expect(Object.is(v[3], 0) && Object.is(v[4], -0)).toBe(true);
  });

  it('matches cpu forward and backward on an activation-sized tensor', async () => {
    await expectSameOnBothBackends(() => {
      const x = randomTensor([64, 96], 1, -4, 4);
      return [tf.tanh(x), tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tanh(t), t)))(x)];
    }, 1e-6);
  });

  it('leaves no tensors or backend buffers behind', async () => {
    await tf.setBackend('wasm');
    const x = randomTensor([33, 17], 2);
    const before = memoryState();
    tf.tanh(x).dispose();
    expect(memoryState()).toEqual(before);
    x.dispose();
  });
});

describe('tanhSeries and tanhFromSigmoid', () => {
  it('the series agrees with Math.tanh to 1e-9 relative for |x| < 1/4', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.25, max: 0.25, noNaN: true }), (x) => {
        expect(Math.abs(tanhSeries(x) - Math.tanh(x))).toBeLessThanOrEqual(1e-9 * Math.abs(Math.tanh(x)));
      }),
    );
  });

  it('selects the series below 1/4 and 2σ(2x) − 1 above', () => {
    const x = Float32Array.from([0.1, 2]);
    const sigmoid2x = Float32Array.from([0.9, 1 / (1 + Math.exp(-4))]);
    const out = new Float32Array(2);
    tanhFromSigmoid(x, sigmoid2x, out);
    expect(out[0]).toBeCloseTo(Math.tanh(0.1), 7);
    expect(out[1]).toBeCloseTo(Math.tanh(2), 6);
  });
});

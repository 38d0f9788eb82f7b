import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { originalKernel, type WasmBackend } from '../../../../../src-main/engine/backend/wasm/kernel-calls';
import { scatterMaxPoolGrad } from '../../../../../src-main/engine/backend/wasm/max-pool-grad';
import { expectSameOnBothBackends, memoryState, randomTensor, runOn, setUpBackends, uniform } from './backends';

beforeAll(setUpBackends);

// ENGINE-NOTES §1(c): stock wasm gives zero gradient to the windows whose maxima are −1 and −0.5.
const NOTES_X = [1, 5, 2, 0, 3, 4, 7, 1, -1, -2, -3, -4, -5, -6, -0.5, -8];
const NOTES_WEIGHTS = [1, 2, 3, 4];
// Window maxima 5 (row 0, col 1), 7 (1, 2), −1 (2, 0), −0.5 (3, 2) receive weights 1, 2, 3, 4.
const NOTES_DX = [0, 1, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 4, 0];

const pooledSum = (weights: tf.Tensor) => (x: tf.Tensor): tf.Scalar =>
  tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'), weights));

describe('MaxPoolGrad on wasm', () => {
  it('routes every window\'s gradient to its maximum, also when the maximum is negative (ENGINE-NOTES example)', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      const [dx] = await runOn(backend, () =>
        tf.grad(pooledSum(tf.tensor(NOTES_WEIGHTS, [1, 2, 2, 1])))(tf.tensor(NOTES_X, [1, 4, 4, 1])),
      );
      expect(Array.from(dx as Float32Array), backend).toEqual(NOTES_DX);
    }
  });

  it('the stock kernel it replaces loses those gradients (why it is replaced)', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor(NOTES_X, [1, 4, 4, 1]);
    const y = tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
    const dy = tf.tensor(NOTES_WEIGHTS, [1, 2, 2, 1]);
    const backend = tf.backend() as WasmBackend;
    const out = originalKernel('MaxPoolGrad')({
      inputs: { dy, input: x, output: y },
      backend,
      attrs: { filterSize: 2, strides: 2, pad: 'valid' },
    }) as tf.TensorInfo;
    const stock = Array.from(backend.readSync(out.dataId) as Float32Array);
    backend.disposeData(out.dataId);
    tf.dispose([x, y, dy]);
    expect(stock.slice(8)).toEqual(new Array(8).fill(0));
    expect(stock).not.toEqual(NOTES_DX);
  });

  const geometries: Array<[string, number, number, 'same' | 'valid']> = [
    ['2×2/2 valid', 2, 2, 'valid'],
    ['3×3/2 same', 3, 2, 'same'],
    ['3×3/1 same', 3, 1, 'same'],
    ['2×2/1 valid', 2, 1, 'valid'],
    ['3×3/3 valid', 3, 3, 'valid'],
    ['4×4/2 same', 4, 2, 'same'],
  ];
  for (const [label, size, stride, pad] of geometries) {
    it(`matches cpu for ${label} on a 2×7×9×3 input of mostly negative values`, async () => {
      await expectSameOnBothBackends(() => {
        const x = randomTensor([2, 7, 9, 3], 1, -5, 1);
        const f = (t: tf.Tensor): tf.Scalar => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, size, stride, pad), 1.5));
        return [tf.maxPool(x as tf.Tensor4D, size, stride, pad), tf.grad(f)(x)];
      }, 1e-6, label);
    });

    it(`matches cpu for ${label} with ties (the first maximum in row-major order wins)`, async () => {
      const levels = Float32Array.from(uniform(2 * 6 * 5 * 2, 2), (v) => Math.round(v * 2) - 1);
      await expectSameOnBothBackends(() => {
        const f = (t: tf.Tensor): tf.Scalar =>
          tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, size, stride, pad), randomTensor([1], 3, 1, 2)));
        return tf.grad(f)(tf.tensor(levels, [2, 6, 5, 2]));
      }, 1e-6, label);
    });
  }

  describe('scatterMaxPoolGrad edge cases (1×2×4×1 input, 2×2 windows, stride 2)', () => {
    const geometry = { batch: 1, inH: 2, inW: 4, channels: 1, outH: 1, outW: 2, strideH: 2, strideW: 2, filterH: 2, filterW: 2, padTop: 0, padLeft: 0 };
    const route = (x: number[], y: number[]): number[] => {
      const dx = new Float32Array(8);
      scatterMaxPoolGrad(Float32Array.from(x), Float32Array.from(y), Float32Array.from([10, 20]), dx, geometry);
      return Array.from(dx);
    };

    it('skips NaN like cpu, whether the forward maximum ignored or propagated it', () => {
      // Windows [−∞ −∞; NaN 2] and [−∞ −∞; 1 NaN] (row-major: x[0..3] is the top row).
      const x = [-Infinity, -Infinity, -Infinity, -Infinity, NaN, 2, 1, NaN];
      expect(route(x, [2, 1])).toEqual([0, 0, 0, 0, 0, 10, 20, 0]);
      expect(route(x, [NaN, NaN])).toEqual([0, 0, 0, 0, 0, 10, 20, 0]);
    });

    it('passes no gradient through a window holding only −∞', () => {
      expect(route([-Infinity, -Infinity, 3, 4, -Infinity, -Infinity, 4, 3], [-Infinity, 4])).toEqual([0, 0, 0, 20, 0, 0, 0, 0]);
    });

    it('treats −0 and +0 as equal maxima and takes the first', () => {
      expect(route([-0, 0, -1, -1, 0, -0, -1, -1], [0, -1])).toEqual([10, 0, 20, 0, 0, 0, 0, 0]);
    });
  });

  it('leaves no tensors or backend buffers behind', async () => {
    await tf.setBackend('wasm');
    const x = randomTensor([2, 6, 6, 3], 4);
    const y = tf.maxPool(x as tf.Tensor4D, 3, 2, 'same');
    const dy = randomTensor(y.shape, 5);
    const before = memoryState();
    const dx = tf.engine().runKernel('MaxPoolGrad', { dy, input: x, output: y }, { filterSize: 3, strides: 2, pad: 'same' }) as tf.Tensor;
    expect(memoryState().tensors).toBe(before.tensors + 1);
    dx.dispose();
    expect(memoryState()).toEqual(before);
    tf.dispose([x, y, dy]);
  });
});

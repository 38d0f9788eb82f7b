import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkSize, leadingReduction, reducedShape, sumMiddleAxis } from '../../../../../src-main/engine/backend/wasm/reduce-leading';
import { expectSameOnBothBackends, memoryState, randomTensor, setUpBackends } from './backends';

beforeAll(setUpBackends);

describe('Sum and Mean on wasm match cpu', () => {
  const cases: Array<[string, number[], number | number[] | undefined, boolean]> = [
    ['bias gradient: [B,H,W] of NHWC', [6, 5, 7, 3], [0, 1, 2], false],
    ['global average pooling: [H,W] of NHWC, keepDims', [4, 5, 7, 6], [1, 2], true],
    ['leading axis of a matrix', [33, 17], 0, false],
    ['negative axes', [3, 4, 5], [-3, -2], false],
    ['innermost axis (stock kernel)', [6, 9], -1, true],
    ['all axes (stock kernel)', [4, 5], undefined, false],
    ['non-contiguous axes (stock kernel)', [3, 4, 5], [0, 2], false],
  ];
  for (const [label, shape, axis, keepDims] of cases) {
    it(label, async () => {
      const [s, m] = await expectSameOnBothBackends(() => {
        const x = randomTensor(shape, 1, -2, 3);
        return [tf.sum(x, axis, keepDims), tf.mean(x, axis, keepDims)];
      }, 1e-6, label);
      expect(s?.length).toBe(m?.length);
    });
  }

  it('a bias gradient over 12,544 positive values (chunks of 112 averaged by XNNPACK) within 1e-6 of cpu', async () => {
    await expectSameOnBothBackends(() => tf.sum(randomTensor([64, 14, 14, 16], 4, 0, 1), [0, 1, 2]), 1e-6);
  });

  it('keeps output shapes and dtypes of the stock kernels', async () => {
    await tf.setBackend('wasm');
    const x = randomTensor([2, 3, 4], 2);
    expect(tf.sum(x, [0, 1], true).shape).toEqual([1, 1, 4]);
    expect(tf.mean(x, [1]).shape).toEqual([2, 4]);
    const ints = tf.tensor([[1, 2], [3, 4]], [2, 2], 'int32');
    const s = tf.sum(ints, 0);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.dataSync())).toEqual([4, 6]);
    tf.dispose([x, ints, s]);
  });

  it('leaves no tensors or backend buffers behind', async () => {
    await tf.setBackend('wasm');
    const x = randomTensor([8, 6, 6, 4], 3);
    const before = memoryState();
    tf.sum(x, [0, 1, 2]).dispose();
    tf.mean(x, [1, 2], true).dispose();
    expect(memoryState()).toEqual(before);
    x.dispose();
  });
});

describe('leadingReduction', () => {
  it('finds the [outer, middle, inner] view of a contiguous, non-innermost block', () => {
    expect(leadingReduction([6, 5, 7, 3], [0, 1, 2])).toEqual({ outer: 1, middle: 210, inner: 3 });
    expect(leadingReduction([4, 5, 7, 6], [2, 1])).toEqual({ outer: 4, middle: 35, inner: 6 });
  });
  it('declines innermost, all-axes and split reductions', () => {
    expect(leadingReduction([6, 9], [1])).toBeNull();
    expect(leadingReduction([6, 9], undefined)).toBeNull();
    expect(leadingReduction([3, 4, 5], [0, 2])).toBeNull();
    expect(leadingReduction([], undefined)).toBeNull();
  });
  it('reducedShape drops or keeps the reduced axes', () => {
    expect(reducedShape([2, 3, 4], [0, 1], false)).toEqual([4]);
    expect(reducedShape([2, 3, 4], [-1], true)).toEqual([2, 3, 1]);
  });
  it('chunkSize picks the divisor nearest √n, or 1 below 8', () => {
    expect(chunkSize(784)).toBe(28);
    expect(chunkSize(100352)).toBeGreaterThanOrEqual(256);
    expect(chunkSize(100352)).toBeLessThanOrEqual(392);
    expect(100352 % chunkSize(100352)).toBe(0);
    expect(chunkSize(49)).toBe(1);
    expect(chunkSize(101)).toBe(1);
  });
  it('sumMiddleAxis sums in float64 and rounds once (1e8 + many ones)', () => {
    const x = new Float32Array(1 + 1000).fill(1);
    x[0] = 1e8;
    const out = new Float32Array(1);
    sumMiddleAxis(x, out, { outer: 1, middle: 1001, inner: 1 });
    expect(out[0]).toBe(Math.fround(1e8 + 1000));
  });
});

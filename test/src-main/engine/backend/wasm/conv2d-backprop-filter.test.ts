import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gridExtent } from '../../../../../src-main/engine/backend/wasm/shifted-gemm-filter-grad';
import { convCases, type ConvCase } from './conv-cases';
import { expectSameOnBothBackends, memoryState, randomTensor, setUpBackends } from './backends';

beforeAll(setUpBackends);

const backpropFilter = (x: tf.Tensor, dy: tf.Tensor, c: ConvCase): tf.Tensor =>
  tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
    strides: c.strides,
    pad: c.pad,
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
    filterShape: c.filterShape,
  } as unknown as tf.NamedAttrMap) as tf.Tensor;

describe('Conv2DBackpropFilter on wasm (absent from stock tfjs-backend-wasm) matches cpu', () => {
  for (const c of convCases()) {
    it(c.label, async () => {
      await expectSameOnBothBackends(() => backpropFilter(randomTensor(c.xShape, 1), randomTensor(c.dyShape, 2), c), 1e-5, c.label);
    });
  }

  it('agrees with the gradient of conv2d taken by tf.grad (stride 1, same, 1 input channel)', async () => {
    await expectSameOnBothBackends(() => {
      const x = randomTensor([3, 9, 9, 1], 3);
      const f = (w: tf.Tensor): tf.Scalar => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same')));
      return tf.grad(f)(randomTensor([3, 3, 1, 6], 4));
    });
  });

  it('is zero for an empty batch', async () => {
    const [grad] = await expectSameOnBothBackends(() => {
      const c = convCases()[0] as ConvCase;
      return backpropFilter(tf.zeros([0, 7, 9, 3]), tf.zeros([0, ...c.dyShape.slice(1)]), c);
    });
    expect(Array.from(grad as Float32Array).every((v) => v === 0)).toBe(true);
  });

  it('rejects NCHW with a message naming the format', async () => {
    await tf.setBackend('wasm');
    const c = convCases()[0] as ConvCase;
    expect(() =>
      tf.tidy(() =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.zeros([2, 3, 7, 9]), dy: tf.zeros([2, 4, 7, 9]) }, {
          strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: c.filterShape,
        } as unknown as tf.NamedAttrMap),
      ),
    ).toThrow(/NCHW/);
  });

  it('leaves no tensors or backend buffers behind (correlation, cropped and 1×1 paths)', async () => {
    await tf.setBackend('wasm');
    const picked = convCases().filter((c) => c.strides[0] === c.strides[1] && c.strides[0] !== 1);
    const inputs = picked.map((c) => [randomTensor(c.xShape, 5), randomTensor(c.dyShape, 6)] as const);
    const before = memoryState();
    picked.forEach((c, i) => {
      const [x, dy] = inputs[i] as readonly [tf.Tensor, tf.Tensor];
      backpropFilter(x, dy, c).dispose();
      expect(memoryState(), c.label).toEqual(before);
    });
    tf.dispose(inputs.flat());
  });
});

describe('gridExtent (shifted-GEMM layout)', () => {
  it('lets neighbouring lines share one line of zero padding for 3×3 same (14 → 15)', () => {
    expect(gridExtent(14, 1, 3, 14)).toBe(15);
  });
  it('needs no padding for valid convolutions', () => {
    expect(gridExtent(14, 0, 3, 12)).toBe(14);
  });
  it('keeps trailing padding that the leading padding cannot cover', () => {
    expect(gridExtent(7, 0, 3, 7)).toBe(9);
    expect(gridExtent(7, 1, 3, 8)).toBe(9);
  });
  it('refuses padding wider than the filter', () => {
    expect(gridExtent(7, 3, 3, 11)).toBeNull();
  });
});

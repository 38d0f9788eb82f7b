import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axisPhase } from '../../../../../src-main/engine/backend/wasm/conv2d-backprop-input';
import { convCases } from './conv-cases';
import { expectSameOnBothBackends, memoryState, randomTensor, setUpBackends } from './backends';

beforeAll(setUpBackends);

const backpropInput = (dy: tf.Tensor, filter: tf.Tensor, c: ReturnType<typeof convCases>[number]): tf.Tensor =>
  tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, {
    strides: c.strides,
    pad: c.pad,
    dataFormat: 'NHWC',
    dimRoundingMode: undefined,
    inputShape: c.xShape,
  } as unknown as tf.NamedAttrMap) as tf.Tensor;

describe('Conv2DBackpropInput on wasm matches cpu', () => {
  for (const c of convCases()) {
    it(c.label, async () => {
      await expectSameOnBothBackends(() => backpropInput(randomTensor(c.dyShape, 1), randomTensor(c.filterShape, 2), c), 1e-5, c.label);
    });
  }

  it('agrees with the gradient of conv2d taken by tf.grad (stride 2, same)', async () => {
    await expectSameOnBothBackends(() => {
      const filter = randomTensor([3, 3, 3, 5], 3);
      const f = (x: tf.Tensor): tf.Scalar => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, filter as tf.Tensor4D, 2, 'same')));
      return tf.grad(f)(randomTensor([2, 8, 7, 3], 4));
    });
  });

  it('leaves no tensors or backend buffers behind (stride 1, stride 3 and 1×1 paths)', async () => {
    await tf.setBackend('wasm');
    const picked = convCases().filter((c) => c.pad === 'same' && c.strides[1] === c.strides[0] && c.strides[0] !== 2);
    const inputs = picked.map((c) => [randomTensor(c.dyShape, 5), randomTensor(c.filterShape, 6)] as const);
    const before = memoryState();
    picked.forEach((c, i) => {
      const [dy, filter] = inputs[i] as readonly [tf.Tensor, tf.Tensor];
      backpropInput(dy, filter, c).dispose();
      expect(memoryState(), c.label).toEqual(before);
    });
    tf.dispose(inputs.flat());
  });
});

describe('axisPhase', () => {
  it('splits a stride-2, 3-tap, pad-1 axis of 7 lines into taps {0,2} and {1}', () => {
    // dx line y = Y·2 + p − 1: phase 0 holds y = 1, 3, 5 (Y = 1..3), phase 1 holds y = 0, 2, 4, 6 (Y = 0..3).
    expect(axisPhase(7, 1, 3, 2, 0)).toEqual({ taps: 2, first: 1, end: 4 });
    expect(axisPhase(7, 1, 3, 2, 1)).toEqual({ taps: 1, first: 0, end: 4 });
  });

  it('gives a phase no taps when the stride exceeds the filter (1×1 filter, stride 3)', () => {
    expect(axisPhase(9, 0, 1, 3, 2).taps).toBe(0);
  });

  it('is the whole axis for stride 1', () => {
    expect(axisPhase(9, 2, 5, 1, 0)).toEqual({ taps: 5, first: 2, end: 11 });
  });
});

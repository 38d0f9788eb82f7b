import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isColumnBias } from '../../../../../src-main/engine/backend/wasm/fused-mat-mul';
import { expectSameOnBothBackends, memoryState, randomTensor, setUpBackends } from './backends';

beforeAll(setUpBackends);

const stored = (batch: number[], rows: number, cols: number, transposed: boolean): number[] =>
  transposed ? [...batch, cols, rows] : [...batch, rows, cols];

type Activation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid' | 'leakyrelu' | 'prelu';

describe('_FusedMatMul on wasm matches cpu', () => {
  for (const [ta, tb] of [[false, false], [false, true], [true, false], [true, true]] as const) {
    it(`bias [N] and relu, 2-D 9×7·7×5, transposeA=${ta} transposeB=${tb}`, async () => {
      await expectSameOnBothBackends(() =>
        tf.fused.matMul({
          a: randomTensor(stored([], 9, 7, ta), 1),
          b: randomTensor(stored([], 7, 5, tb), 2),
          transposeA: ta,
          transposeB: tb,
          bias: randomTensor([5], 3),
          activation: 'relu',
        }),
      );
    });

    it(`bias [N] and relu, batch of 3, transposeA=${ta} transposeB=${tb}`, async () => {
      // The stock kernel's scalar path gives every row after the first the bias of the last column.
      await expectSameOnBothBackends(() =>
        tf.fused.matMul({
          a: randomTensor(stored([3], 6, 8, ta), 4),
          b: randomTensor(stored([3], 8, 4, tb), 5),
          transposeA: ta,
          transposeB: tb,
          bias: randomTensor([4], 6),
          activation: 'relu',
        }),
      );
    });
  }

  const activations: Activation[] = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'];
  for (const activation of activations) {
    it(`activation '${activation}' with a column bias`, async () => {
      await expectSameOnBothBackends(() =>
        tf.fused.matMul({
          a: randomTensor([10, 6], 7, -3, 3),
          b: randomTensor([6, 4], 8),
          bias: randomTensor([4], 9),
          activation,
          leakyreluAlpha: 0.3,
          preluActivationWeights: activation === 'prelu' ? randomTensor([4], 10, 0, 0.5) : undefined,
        }),
      );
    });

    it(`activation '${activation}' with a bias that is not one value per column ([M,N])`, async () => {
      await expectSameOnBothBackends(() =>
        tf.fused.matMul({
          a: randomTensor([10, 6], 11, -3, 3),
          b: randomTensor([4, 6], 12),
          transposeB: true,
          bias: randomTensor([10, 4], 13),
          activation,
          leakyreluAlpha: 0.3,
          preluActivationWeights: activation === 'prelu' ? randomTensor([4], 14, 0, 0.5) : undefined,
        }),
      );
    });
  }

  it('a bias of shape [1, N] and one of shape [1] (broadcast scalar)', async () => {
    await expectSameOnBothBackends(() => [
      tf.fused.matMul({ a: randomTensor([5, 3], 15), b: randomTensor([3, 4], 16), bias: randomTensor([1, 4], 17) }),
      tf.fused.matMul({ a: randomTensor([5, 3], 18), b: randomTensor([3, 4], 19), bias: randomTensor([1], 20), activation: 'relu' }),
    ]);
  });

  it('without a bias', async () => {
    await expectSameOnBothBackends(() =>
      tf.fused.matMul({ a: randomTensor([4, 7, 3], 21), b: randomTensor([3, 5], 22), activation: 'elu' }),
    );
  });

  it('gradients through the fused kernel (linear activation is fused also while recording a tape)', async () => {
    await expectSameOnBothBackends(() => {
      const a = randomTensor([16, 12], 23);
      const b = randomTensor([12, 8], 24);
      const bias = randomTensor([8], 25);
      const loss = (x: tf.Tensor, w: tf.Tensor, c: tf.Tensor): tf.Scalar =>
        tf.sum(tf.tanh(tf.fused.matMul({ a: x as tf.Tensor2D, b: w as tf.Tensor2D, bias: c })));
      return tf.grads(loss)([a, b, bias]);
    });
  });

  it('leaves no tensors or backend buffers behind', async () => {
    await tf.setBackend('wasm');
    const a = randomTensor([7, 9], 26);
    const b = randomTensor([5, 9], 27);
    const columnBias = randomTensor([5], 28);
    const fullBias = randomTensor([7, 5], 29);
    const before = memoryState();
    for (const bias of [columnBias, fullBias]) {
      const c = tf.fused.matMul({ a, b, transposeB: true, bias, activation: 'relu' });
      c.dispose();
      expect(memoryState()).toEqual(before);
    }
    tf.dispose([a, b, columnBias, fullBias]);
  });
});

describe('isColumnBias', () => {
  const info = (shape: number[]) => ({ dataId: {}, shape, dtype: 'float32' as const });
  it('accepts [N] and [1, …, 1, N] no longer than the output', () => {
    expect(isColumnBias(info([5]), 5, 2)).toBe(true);
    expect(isColumnBias(info([1, 5]), 5, 2)).toBe(true);
    expect(isColumnBias(info([1, 1, 5]), 5, 2)).toBe(false);
  });
  it('rejects other lengths and shapes', () => {
    expect(isColumnBias(info([1]), 5, 2)).toBe(false);
    expect(isColumnBias(info([3, 5]), 5, 2)).toBe(false);
    expect(isColumnBias(info([]), 5, 2)).toBe(false);
  });
});

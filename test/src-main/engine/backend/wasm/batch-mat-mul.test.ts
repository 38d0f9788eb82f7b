import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectSameOnBothBackends, memoryState, randomTensor, setUpBackends } from './backends';

beforeAll(setUpBackends);

/** Stored shape of an operand that op() turns into rows×cols. */
const stored = (batch: number[], rows: number, cols: number, transposed: boolean): number[] =>
  transposed ? [...batch, cols, rows] : [...batch, rows, cols];

describe('BatchMatMul on wasm matches cpu', () => {
  const flags = [
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ] as const;

  for (const [ta, tb] of flags) {
    it(`2-D 7×9·9×5, transposeA=${ta} transposeB=${tb}`, async () => {
      await expectSameOnBothBackends(() =>
        tf.matMul(randomTensor(stored([], 7, 9, ta), 1), randomTensor(stored([], 9, 5, tb), 2), ta, tb),
      );
    });

    it(`rank-3 batch of 3, 6×11·11×4, transposeA=${ta} transposeB=${tb}`, async () => {
      await expectSameOnBothBackends(() =>
        tf.matMul(randomTensor(stored([3], 6, 11, ta), 3), randomTensor(stored([3], 11, 4, tb), 4), ta, tb),
      );
    });

    it(`backward-pass shapes 128×100·100×40 (the planner may swap), transposeA=${ta} transposeB=${tb}`, async () => {
      await expectSameOnBothBackends(() =>
        tf.matMul(randomTensor(stored([], 128, 100, ta), 5), randomTensor(stored([], 100, 40, tb), 6), ta, tb),
      );
    });

    it(`broadcast batches [2,1]×[1,3] (rank 4), transposeA=${ta} transposeB=${tb}`, async () => {
      await expectSameOnBothBackends(() =>
        tf.matMul(randomTensor(stored([2, 3], 5, 7, ta), 7), randomTensor(stored([1, 3], 7, 2, tb), 8), ta, tb),
      );
    });
  }

  it('broadcasts a rank-2 right operand over a rank-3 batch (one folded GEMM)', async () => {
    await expectSameOnBothBackends(() => tf.matMul(randomTensor([4, 5, 6], 9), randomTensor([6, 3], 10)));
  });

  it('broadcasts a batch-1 left operand over a batched right operand', async () => {
    await expectSameOnBothBackends(() => tf.matMul(randomTensor([1, 5, 6], 11), randomTensor([4, 3, 6], 12), false, true));
  });

  it('gives a vector product (M = 1, N = 1) and a 1×1 result', async () => {
    await expectSameOnBothBackends(() => tf.matMul(randomTensor([1, 64], 13), randomTensor([64, 1], 14)));
  });

  it('gives a correct product when one buffer is used as two differently shaped weight matrices', async () => {
    // XNNPACK caches packed weights by tensor id; a Reshape shares the id (see xnn-gemm.ts).
    await expectSameOnBothBackends(() => {
      const w = randomTensor([6, 4], 15);
      const first = tf.matMul(randomTensor([3, 6], 16), w);
      const second = tf.matMul(randomTensor([3, 4], 17), tf.reshape(w, [4, 6]));
      return [first, second];
    });
  });

  it('leaves no tensors or backend buffers behind, for every flag combination and a batch', async () => {
    await tf.setBackend('wasm');
    const a = randomTensor([2, 9, 9], 18);
    const b = randomTensor([2, 9, 9], 19);
    const before = memoryState();
    for (const [ta, tb] of flags) {
      const c = tf.matMul(a, b, ta, tb);
      expect(memoryState().tensors).toBe(before.tensors + 1);
      c.dispose();
      expect(memoryState()).toEqual(before);
    }
    tf.dispose([a, b]);
  });
});

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmBackend } from '../../../../../src-main/engine/backend/wasm/kernel-calls';
import { memoryState, randomTensor, setUpBackends } from './backends';

beforeAll(setUpBackends);

describe('Identity on wasm', () => {
  it('shares the input buffer instead of copying it, and keeps it alive until both are disposed', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as WasmBackend;
    const before = memoryState();
    const x = randomTensor([64, 32], 1);
    const expected = Array.from(x.dataSync());
    const y = tf.clone(x);
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    expect(memoryState().dataIds).toBe(before.dataIds + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual(expected);
    y.dispose();
    expect(memoryState()).toEqual(before);
  });

  it('clones string tensors with the stock kernel', async () => {
    await tf.setBackend('wasm');
    const s = tf.tensor(['a', 'bc']);
    const c = tf.clone(s);
    expect(c.arraySync()).toEqual(['a', 'bc']);
    tf.dispose([s, c]);
  });

  it('is what the engine uses to save tensors for the backward pass; gradients stay correct', async () => {
    await tf.setBackend('wasm');
    const before = memoryState();
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.square(x), x)))(tf.tensor([1, -2, 3])));
    expect(Array.from(g.dataSync())).toEqual([3, 12, 27]);
    g.dispose();
    expect(memoryState()).toEqual(before);
  });
});

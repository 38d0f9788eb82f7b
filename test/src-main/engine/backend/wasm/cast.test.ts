import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WasmBackend } from '../../../../../src-main/engine/backend/wasm/kernel-calls';
import { memoryState, setUpBackends } from './backends';

beforeAll(setUpBackends);

describe('Cast on wasm', () => {
  it('shares the buffer for a cast to the same dtype', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as WasmBackend;
    const x = tf.tensor([1.5, -2, 3]);
    const before = memoryState();
    const y = tf.cast(x, 'float32');
    expect(backend.getMemoryOffset(y.dataId)).toBe(backend.getMemoryOffset(x.dataId));
    expect(memoryState().dataIds).toBe(before.dataIds);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3]);
    y.dispose();
  });

  it('converts between dtypes like cpu; to bool, every non-zero (NaN included) is true', async () => {
    await tf.setBackend('wasm');
    const f = tf.tensor([1.7, -2.2, 0]);
    expect(Array.from(tf.tidy(() => tf.cast(tf.tensor([NaN, -0, 0.5]), 'bool')).dataSync())).toEqual([1, 0, 1]);
    const asInt = tf.cast(f, 'int32');
    const asBool = tf.cast(f, 'bool');
    const back = tf.cast(asBool, 'float32');
    expect(asInt.dtype).toBe('int32');
    expect(Array.from(asInt.dataSync())).toEqual([1, -2, 0]);
    expect(Array.from(back.dataSync())).toEqual([1, 1, 0]);
    expect(Array.from(tf.tidy(() => tf.cast(tf.tensor([-3, 0, 7], [3], 'int32'), 'bool')).dataSync())).toEqual([1, 0, 1]);
    tf.dispose([f, asInt, asBool, back]);
  });

  it('keeps the relu gradient (dy · cast(step(x))) correct and leak-free', async () => {
    await tf.setBackend('wasm');
    const before = memoryState();
    const g = tf.tidy(() => tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.relu(x), tf.tensor([1, 2, 3, 4]))))(tf.tensor([-1, 2, 0, 5])));
    expect(Array.from(g.dataSync())).toEqual([0, 2, 0, 4]);
    g.dispose();
    expect(memoryState()).toEqual(before);
  });
});

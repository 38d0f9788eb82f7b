/**
 * Test support: runs the same computation on the cpu backend (the reference) and on the wasm
 * backend with Mnemo's kernels installed, and compares the results.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { expect } from 'vitest';
import { installWasmTrainingKernels, type WasmPatchReport } from '../../../../../src-main/engine/backend/wasm/install';
import { Rng } from '../../../../../src-main/math/prng';

/** Installs the kernels and makes sure both backends are initialised. */
export async function setUpBackends(): Promise<WasmPatchReport> {
  const report = installWasmTrainingKernels();
  await tf.setBackend('cpu');
  await tf.setBackend('wasm');
  return report;
}

/** A tensor's values as a plain Float32Array (copied out of the backend). */
export type Values = Float32Array;

/**
 * Runs `compute` on the named backend inside `tidy` and returns the values of its outputs.
 * Inputs are created from `data` on that backend, so nothing crosses backends.
 */
export async function runOn(
  backend: 'cpu' | 'wasm',
  compute: () => tf.Tensor | tf.Tensor[],
): Promise<Values[]> {
  await tf.setBackend(backend);
  const outs = tf.tidy(() => {
    const r = compute();
    return Array.isArray(r) ? r : [r];
  });
  const values = outs.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(outs);
  return values;
}

/** Runs `compute` on cpu and on wasm and checks every output matches to `rtol` of its scale. */
export async function expectSameOnBothBackends(compute: () => tf.Tensor | tf.Tensor[], rtol = 1e-5, label = ''): Promise<Values[]> {
  const expected = await runOn('cpu', compute);
  const actual = await runOn('wasm', compute);
  expect(actual.length, `${label}: number of outputs`).toBe(expected.length);
  actual.forEach((a, i) => expectClose(a, expected[i] as Values, rtol, `${label} output ${i}`));
  return actual;
}

/** |a − e| ≤ rtol·max(1, max|e|) elementwise (NaN must match NaN). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number, label = ''): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let scale = 1;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i] as number));
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const a = actual[i] as number;
    if (Number.isNaN(e) || Number.isNaN(a)) {
      expect(Number.isNaN(a), `${label}: NaN mismatch at ${i}`).toBe(Number.isNaN(e));
      continue;
    }
    const d = Math.abs(a - e);
    if (d > worst) {
      worst = d;
      at = i;
    }
  }
  expect(worst, `${label}: max |diff| at index ${at} (scale ${scale})`).toBeLessThanOrEqual(rtol * scale);
}

/** `n` values uniform in [lo, hi) from a seeded stream. */
export function uniform(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const rng = new Rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * rng.uniform();
  return out;
}

/** A tensor of the given shape with seeded uniform values in [lo, hi). */
export function randomTensor(shape: number[], seed: number, lo = -1, hi = 1): tf.Tensor {
  return tf.tensor(uniform(shape.reduce((a, b) => a * b, 1), seed, lo, hi), shape);
}

/** Tensor and backend data-buffer counts, to check kernels free their intermediates. */
export function memoryState(): { tensors: number; bytes: number; dataIds: number } {
  const m = tf.memory();
  return { tensors: m.numTensors, bytes: m.numBytes, dataIds: tf.backend().numDataIds() };
}

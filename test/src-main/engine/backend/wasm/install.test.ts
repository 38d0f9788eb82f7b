import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { batchMatMul } from '../../../../../src-main/engine/backend/wasm/batch-mat-mul';
import { installWasmTrainingKernels, TRAINING_KERNELS } from '../../../../../src-main/engine/backend/wasm/install';
import { assertPatchedVersions, PATCHED_TFJS_VERSION } from '../../../../../src-main/engine/backend/wasm/version-guard';
import { expectClose, randomTensor, runOn } from './backends';

describe('assertPatchedVersions', () => {
  it('accepts exactly the patched version for both packages', () => {
    expect(PATCHED_TFJS_VERSION).toBe('4.22.0');
    expect(() => assertPatchedVersions('4.22.0', '4.22.0')).not.toThrow();
  });

  it.each([
    ['4.21.0', '4.22.0'],
    ['4.22.0', '4.23.0'],
    ['5.0.0', '5.0.0'],
    ['4.22.0-rc.0', '4.22.0'],
  ])('refuses tfjs-core %s with tfjs-backend-wasm %s, naming both versions', (core, wasm) => {
    expect(() => assertPatchedVersions(core, wasm)).toThrow(`tfjs-core ${core} and tfjs-backend-wasm ${wasm}`);
  });
});

describe('installWasmTrainingKernels', () => {
  // This file installs before the wasm backend is first initialised (the other test files install after).
  it('installs before tf.setBackend("wasm"), reporting versions and kernel names', async () => {
    const stockBatchMatMul = tf.getKernel('BatchMatMul', 'wasm');
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const report = installWasmTrainingKernels();
    expect(report).toEqual({
      tfjsVersion: '4.22.0',
      wasmVersion: '4.22.0',
      kernels: [
        'BatchMatMul', '_FusedMatMul', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'MaxPoolGrad',
        'Identity', 'Cast', 'Sum', 'Mean', 'Tanh',
      ],
    });
    const installed = tf.getKernel('BatchMatMul', 'wasm');
    expect(installed?.kernelFunc).toBe(batchMatMul);
    expect(installed?.setupFunc).toBe(stockBatchMatMul?.setupFunc);
    for (const config of TRAINING_KERNELS) expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
  });

  it('is idempotent: a second call changes nothing', () => {
    const before = TRAINING_KERNELS.map((k) => tf.getKernel(k.kernelName, 'wasm'));
    const report = installWasmTrainingKernels();
    expect(report.kernels).toHaveLength(TRAINING_KERNELS.length);
    expect(TRAINING_KERNELS.map((k) => tf.getKernel(k.kernelName, 'wasm'))).toEqual(before);
  });

  it('keeps the stock kernels it falls back to working once the backend initialises (NCHW input gradient)', async () => {
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', inputShape: [2, 3, 5, 6] } as unknown as tf.NamedAttrMap;
    const compute = () =>
      tf.engine().runKernel('Conv2DBackpropInput', { dy: randomTensor([2, 4, 5, 6], 1), filter: randomTensor([3, 3, 3, 4], 2) }, attrs) as tf.Tensor;
    const [expected] = await runOn('cpu', compute);
    const [actual] = await runOn('wasm', compute);
    expectClose(actual as Float32Array, expected as Float32Array, 1e-5, 'NCHW dx');
  });

  it('trains a matMul on wasm once the backend is active', async () => {
    const [g] = await runOn('wasm', () => tf.grad((w: tf.Tensor) => tf.sum(tf.matMul(tf.ones([2, 3]), w)))(tf.ones([3, 2])));
    expect(Array.from(g as Float32Array)).toEqual([2, 2, 2, 2, 2, 2]);
  });
});

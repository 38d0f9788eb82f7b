/**
 * BatchMatMul for the wasm backend. The stock kernel uses XNNPACK only for untransposed products
 * with batch 1 and otherwise runs a scalar loop at 1–2 GFLOP/s (ENGINE-NOTES §1(a)); every
 * backward product of a dense layer is transposed. This one always reaches XNNPACK (matmul.ts).
 */
import { BatchMatMul, type BatchMatMulAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, withScope, type WasmKernelArgs } from './kernel-calls';
import { matMulDims, runMatMul, xnnCanRun } from './matmul';

/** C = op(a)·op(b) with tfjs' BatchMatMul semantics (leading dims broadcast, flags per operand). */
export function batchMatMul(args: WasmKernelArgs<BatchMatMulAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const a = inputs['a'] as TensorInfo;
  const b = inputs['b'] as TensorInfo;
  const { transposeA, transposeB } = attrs;
  const dims = matMulDims(a, b, transposeA, transposeB);
  if (!xnnCanRun(a, b, dims)) return originalKernel(BatchMatMul)(args as never) as TensorInfo;
  return withScope(backend, (scope) => scope.keep(runMatMul(scope, a, b, transposeA, transposeB, dims)));
}

/** Registration of {@link batchMatMul} (the installer adds the stock kernel's setupFunc). */
export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: 'wasm',
  kernelFunc: batchMatMul as unknown as KernelConfig['kernelFunc'],
};

/**
 * _FusedMatMul (matmul + bias + activation) for the wasm backend. The stock kernel has the same
 * slow path as BatchMatMul for transposed or batched inputs, and there it adds the bias wrongly:
 * row i of the output gets bias[min(i·n + j, n - 1)] instead of bias[j] (cc/batch_mat_mul_impl.cc,
 * `slow_batch_matmul`). Here the product always runs on XNNPACK (matmul.ts); a bias with one value
 * per output column and the activation are applied by the same C call, exactly as the stock fast
 * path does; any other bias is added with the Add kernel and the activation run as its own kernel,
 * which is the cpu backend's order of operations (add, then activate).
 */
import { _FusedMatMul, type _FusedMatMulAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, withScope, type Scope, type WasmKernelArgs } from './kernel-calls';
import { matMulDims, runMatMul, xnnCanRun } from './matmul';
import { FUSABLE_ACTIVATION } from './xnn-gemm';

/** Whether `bias` is n values broadcast along the last axis of an output of rank `outRank`. */
export function isColumnBias(bias: TensorInfo, n: number, outRank: number): boolean {
  const rank = bias.shape.length;
  if (bias.dtype !== 'float32' || rank === 0 || rank > outRank) return false;
  return bias.shape.every((s, i) => (i === rank - 1 ? s === n : s === 1));
}

/** Applies `activation` with its own kernel (the unfused path). */
function activate(scope: Scope, x: TensorInfo, activation: string, prelu: TensorInfo | undefined, alpha: number): TensorInfo {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return scope.run('Relu', { x });
    case 'relu6':
      return scope.run('Relu6', { x });
    case 'elu':
      return scope.run('Elu', { x });
    case 'sigmoid':
      return scope.run('Sigmoid', { x });
    case 'leakyrelu':
      return scope.run('LeakyRelu', { x }, { alpha });
    case 'prelu':
      if (prelu === undefined) throw new Error(`_FusedMatMul activation 'prelu' needs preluActivationWeights`);
      return scope.run('Prelu', { x, alpha: prelu });
    default:
      throw new Error(`${activation} activation not yet supported for _FusedMatMul in the wasm backend.`);
  }
}

/** act(op(a)·op(b) + bias) with tfjs' _FusedMatMul semantics. */
export function fusedMatMul(args: WasmKernelArgs<_FusedMatMulAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const a = inputs['a'] as TensorInfo;
  const b = inputs['b'] as TensorInfo;
  const bias = (inputs['bias'] ?? undefined) as TensorInfo | undefined;
  const prelu = (inputs['preluActivationWeights'] ?? undefined) as TensorInfo | undefined;
  const { transposeA, transposeB, leakyreluAlpha } = attrs;
  const activation = (attrs.activation ?? 'linear') as string;
  if (FUSABLE_ACTIVATION[activation] === undefined) {
    throw new Error(`${activation} activation not yet supported for _FusedMatMul in the wasm backend.`);
  }
  const dims = matMulDims(a, b, transposeA, transposeB);
  if (!xnnCanRun(a, b, dims)) return originalKernel(_FusedMatMul)(args as never) as TensorInfo;
  return withScope(backend, (scope) => {
    if (bias === undefined || isColumnBias(bias, dims.n, dims.outShape.length)) {
      const epilogue = { bias, activation, preluActivationWeights: prelu, leakyreluAlpha: leakyreluAlpha ?? 0 };
      return scope.keep(runMatMul(scope, a, b, transposeA, transposeB, dims, epilogue));
    }
    const product = runMatMul(scope, a, b, transposeA, transposeB, dims);
    const biased = scope.run('Add', { a: product, b: bias });
    return scope.keep(activate(scope, biased, activation, prelu, leakyreluAlpha ?? 0));
  });
}

/** Registration of {@link fusedMatMul} (the installer adds the stock kernel's setupFunc). */
export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: 'wasm',
  kernelFunc: fusedMatMul as unknown as KernelConfig['kernelFunc'],
};

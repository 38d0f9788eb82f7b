/** Sum for the wasm backend: float32 reductions over non-innermost axes without a transpose (reduce-leading.ts). */
import { Sum, type KernelConfig, type SumAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, withScope, type WasmKernelArgs } from './kernel-calls';
import { leadingReduction, reducedShape, reduceMiddle } from './reduce-leading';

/** Σ x over `axis`; innermost and non-float32 reductions go to the stock kernel. */
export function sum(args: WasmKernelArgs<SumAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const block = x.dtype === 'float32' ? leadingReduction(x.shape, attrs.axis) : null;
  if (block === null) return originalKernel(Sum)(args as never) as TensorInfo;
  const shape = reducedShape(x.shape, attrs.axis, attrs.keepDims);
  return withScope(backend, (scope) => scope.keep(reduceMiddle(scope, x, block, shape, 1)));
}

/** Registration of {@link sum} (the installer adds the stock kernel's setupFunc). */
export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: 'wasm',
  kernelFunc: sum as unknown as KernelConfig['kernelFunc'],
};

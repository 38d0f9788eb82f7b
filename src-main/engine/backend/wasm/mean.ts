/** Mean for the wasm backend: float32 reductions over non-innermost axes without a transpose (reduce-leading.ts). */
import { Mean, type KernelConfig, type MeanAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, withScope, type WasmKernelArgs } from './kernel-calls';
import { leadingReduction, reducedShape, reduceMiddle } from './reduce-leading';

/** The mean of x over `axis`; innermost, empty and non-float32 reductions go to the stock kernel. */
export function mean(args: WasmKernelArgs<MeanAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const block = x.dtype === 'float32' ? leadingReduction(x.shape, attrs.axis) : null;
  if (block === null || block.middle === 0) return originalKernel(Mean)(args as never) as TensorInfo;
  const shape = reducedShape(x.shape, attrs.axis, attrs.keepDims);
  return withScope(backend, (scope) => scope.keep(reduceMiddle(scope, x, block, shape, 1 / block.middle)));
}

/** Registration of {@link mean} (the installer adds the stock kernel's setupFunc). */
export const meanConfig: KernelConfig = {
  kernelName: Mean,
  backendName: 'wasm',
  kernelFunc: mean as unknown as KernelConfig['kernelFunc'],
};

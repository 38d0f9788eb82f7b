/**
 * Identity for the wasm backend, sharing the input's memory instead of copying it. The engine runs
 * Identity on every tensor it saves for the backward pass (`Engine.clone`), so the stock copying
 * kernel costs one full copy per saved activation and weight in every training step. Tensors are
 * immutable and the wasm backend reference-counts data ids, so sharing is safe; it is what the cpu
 * backend's Identity does.
 */
import { Identity, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, type WasmKernelArgs } from './kernel-calls';

/** The input itself under a new reference (strings keep the stock kernel's copy). */
export function identity(args: WasmKernelArgs): TensorInfo {
  const x = args.inputs['x'] as TensorInfo;
  if (x.dtype === 'string') return originalKernel(Identity)(args as never) as TensorInfo;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}

/** Registration of {@link identity}. */
export const identityConfig: KernelConfig = {
  kernelName: Identity,
  backendName: 'wasm',
  kernelFunc: identity as unknown as KernelConfig['kernelFunc'],
};

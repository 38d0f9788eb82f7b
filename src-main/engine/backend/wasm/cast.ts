/**
 * Cast for the wasm backend. A cast to the dtype a tensor already has shares its memory instead of
 * copying it (the stock kernel always copies); the relu gradient, `dy · cast(step(x), 'float32')`,
 * runs one such cast per layer and step. A cast to bool gives 1 for every non-zero value, as the
 * cpu backend does (`notEqual(x, 0)`); the stock kernel stores the value into a Uint8Array, so −2
 * became 254. Other casts go to the stock kernel.
 */
import { Cast, type CastAttrs, type KernelConfig, type TensorInfo } from '@tensorflow/tfjs-core';
import { originalKernel, type WasmKernelArgs } from './kernel-calls';

/** x converted to `dtype`; the input itself (one more reference) when it already has that dtype. */
export function cast(args: WasmKernelArgs<CastAttrs>): TensorInfo {
  const { backend, attrs } = args;
  const x = args.inputs['x'] as TensorInfo;
  if (x.dtype === 'string' || attrs.dtype === 'string') return originalKernel(Cast)(args as never) as TensorInfo;
  if (x.dtype === attrs.dtype) {
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  }
  if (attrs.dtype !== 'bool') return originalKernel(Cast)(args as never) as TensorInfo;
  const out = backend.makeOutput(x.shape, 'bool');
  const values = backend.typedArrayFromHeap(x);
  const flags = backend.typedArrayFromHeap(out);
  for (let i = 0; i < values.length; i++) flags[i] = values[i] !== 0 ? 1 : 0;
  return out;
}

/** Registration of {@link cast}. */
export const castConfig: KernelConfig = {
  kernelName: Cast,
  backendName: 'wasm',
  kernelFunc: cast as unknown as KernelConfig['kernelFunc'],
};

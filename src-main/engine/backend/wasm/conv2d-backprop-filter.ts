/**
 * Conv2DBackpropFilter (the filter gradient of conv2d), which stock tfjs-backend-wasm 4.22 lacks,
 * so no conv net could train on wasm (tfjs#8474).
 *
 * dW[kh,kw,ci,co] = Σ_{b,oy,ox} xpad[b, kh + oy·sh, kw + ox·sw, ci] · dy[b,oy,ox,co]
 * is itself a convolution ("conv-as-correlation", ENGINE-NOTES §1(c)): with x transposed to
 * [CI,H,W,B] as the input (channels = batch) and dy transposed to [OH,OW,B,CO] as the filter,
 * a stride-1 XNNPACK Conv2D dilated by the forward stride yields [CI,KH,KW,CO]. That convolution
 * runs well below XNNPACK's GEMM speed, so stride-1 convolutions use KH·KW GEMMs over shifted views
 * instead (shifted-gemm-filter-grad.ts), and a 1×1 filter is one matrix product of the
 * (subsampled) input and dy.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { withScope, type Scope, type WasmKernelArgs } from './kernel-calls';
import { matMulDims, runMatMul } from './matmul';
import { shiftedGemmFilterGrad } from './shifted-gemm-filter-grad';
import { gatherPixels } from './spatial-copy';

type Conv2DInfo = ReturnType<typeof backend_util.computeConv2DInfo>;

/** dW of a 1×1 convolution: xsᵀ·dy, where xs holds the input pixels the filter visited. */
function pointwiseFilterGrad(scope: Scope, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  const visitsAll = strideHeight === 1 && strideWidth === 1 && top === 0 && left === 0 && outHeight === inHeight && outWidth === inWidth;
  const xs = visitsAll
    ? x
    : gatherPixels(scope, x, outHeight, outWidth, { stepH: strideHeight, stepW: strideWidth, offsetH: -top, offsetW: -left });
  const rows = batchSize * outHeight * outWidth;
  const a = scope.reshape(xs, [rows, inChannels]);
  const b = scope.reshape(dy, [rows, outChannels]);
  const product = runMatMul(scope, a, b, true, false, matMulDims(a, b, true, false));
  return scope.reshape(product, [1, 1, inChannels, outChannels]);
}

/** dW of a k×k convolution as a dilated correlation on XNNPACK; see the file comment. */
function correlationFilterGrad(scope: Scope, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { inHeight, inWidth, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
  const { top, left } = info.padInfo;
  // Rows (columns) of the padded input the forward pass read; beyond them x is never used.
  const bottom = filterHeight + (outHeight - 1) * strideHeight - top - inHeight;
  const right = filterWidth + (outWidth - 1) * strideWidth - left - inWidth;
  const used = bottom < 0 || right < 0
    ? gatherPixels(scope, x, inHeight + Math.min(bottom, 0), inWidth + Math.min(right, 0), { stepH: 1, stepW: 1, offsetH: 0, offsetW: 0 })
    : x;
  const input = scope.run('Transpose', { x: used }, { perm: [3, 1, 2, 0] });
  const kernel = scope.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const grad = scope.run(
    'Conv2D',
    { x: input, filter: kernel },
    {
      strides: [1, 1],
      pad: [[0, 0], [top, Math.max(bottom, 0)], [left, Math.max(right, 0)], [0, 0]],
      dilations: [strideHeight, strideWidth],
      dataFormat: 'NHWC',
    },
  );
  return scope.run('Transpose', { x: grad }, { perm: [1, 2, 0, 3] });
}

/** dW for conv2d with the given geometry (NHWC, float32). */
export function conv2DBackpropFilter(args: WasmKernelArgs<Conv2DBackpropFilterAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs['x'] as TensorInfo;
  const dy = inputs['dy'] as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') {
    throw new Error(`Conv2DBackpropFilter on wasm supports dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
    throw new Error(`Conv2DBackpropFilter on wasm needs float32 tensors, got x ${x.dtype} and dy ${dy.dtype}`);
  }
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides, 1, pad, dimRoundingMode, false, 'channelsLast',
  );
  return withScope(backend, (scope) => {
    if (x.shape.some((d) => d === 0) || dy.shape.some((d) => d === 0)) {
      const zeros = scope.alloc(filterShape as number[]);
      (backend.typedArrayFromHeap(zeros) as Float32Array).fill(0);
      return scope.keep(zeros);
    }
    if (info.filterHeight === 1 && info.filterWidth === 1) return scope.keep(pointwiseFilterGrad(scope, x, dy, info));
    const shifted = info.strideHeight === 1 && info.strideWidth === 1
      ? shiftedGemmFilterGrad(scope, x, dy, { ...info, padTop: info.padInfo.top, padLeft: info.padInfo.left })
      : null;
    return scope.keep(shifted ?? correlationFilterGrad(scope, x, dy, info));
  });
}

/** Registration of {@link conv2DBackpropFilter}. */
export const conv2DBackpropFilterConfig: KernelConfig = {
  kernelName: Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilter as unknown as KernelConfig['kernelFunc'],
};

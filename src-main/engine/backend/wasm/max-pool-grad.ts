/**
 * MaxPoolGrad for the wasm backend, in plain JS on the wasm heap. The stock kernel (tfjs PR #7672,
 * reusing the pool3d code) drops the gradient of every window whose maximum is negative
 * (ENGINE-NOTES §1(c)): wrong after batch norm, linear or leaky layers. This one routes each dy
 * value to the first maximum of its window in row-major order, skipping NaN and windows that hold
 * only −∞, exactly as the cpu backend does (`maxPoolPositions`, strict `>` from −∞).
 * (The wasm MaxPoolWithArgmax kernel cannot help: it starts from FLT_MIN and keeps the last maximum.)
 */
import { backend_util, MaxPoolGrad, type KernelConfig, type MaxPoolGradAttrs, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmKernelArgs } from './kernel-calls';

/** Geometry of a 2-D max pool, as computed by tfjs (`computePool2DInfo`). */
export interface PoolGeometry {
  batch: number;
  inH: number;
  inW: number;
  channels: number;
  outH: number;
  outW: number;
  strideH: number;
  strideW: number;
  filterH: number;
  filterW: number;
  padTop: number;
  padLeft: number;
}

/**
 * Adds each dy value into dx at the first maximum of its window of x (NHWC, flat arrays), the
 * element the cpu backend picks. `y` is the forward output (each window's maximum), so the search
 * stops at the first element equal to it; a window whose maximum is −∞ passes no gradient, and one
 * where no element equals y (a NaN maximum) is scanned with the cpu's strict '>' from −∞, which
 * skips NaN. dx must be zero on entry. Windows are clipped to the input.
 */
export function scatterMaxPoolGrad(x: Float32Array, y: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  const c = g.channels;
  const rowStride = g.inW * c;
  let o = 0;
  for (let b = 0; b < g.batch; b++) {
    const image = b * g.inH * rowStride;
    for (let oy = 0; oy < g.outH; oy++) {
      const y0 = Math.max(0, oy * g.strideH - g.padTop);
      const y1 = Math.min(g.inH, oy * g.strideH - g.padTop + g.filterH);
      for (let ox = 0; ox < g.outW; ox++) {
        const x0 = Math.max(0, ox * g.strideW - g.padLeft);
        const x1 = Math.min(g.inW, ox * g.strideW - g.padLeft + g.filterW);
        const corner = image + y0 * rowStride + x0 * c;
        for (let ch = 0; ch < c; ch++, o++) {
          const max = y[o] as number;
          if (max === -Infinity) continue;
          let at = -1;
          search: for (let r = y0, k0 = corner + ch; r < y1; r++, k0 += rowStride) {
            for (let q = x0, k = k0; q < x1; q++, k += c) {
              if (x[k] === max) {
                at = k;
                break search;
              }
            }
          }
          if (at < 0) at = firstStrictMax(x, corner + ch, y1 - y0, x1 - x0, rowStride, c);
          if (at >= 0) dx[at] = (dx[at] as number) + (dy[o] as number);
        }
      }
    }
  }
}

/** Index of the first element above all before it (strict '>' from −∞) in a rows×cols window, or −1. */
function firstStrictMax(x: Float32Array, start: number, rows: number, cols: number, rowStride: number, step: number): number {
  let best = -Infinity;
  let at = -1;
  for (let r = 0; r < rows; r++) {
    for (let q = 0, k = start + r * rowStride; q < cols; q++, k += step) {
      const v = x[k] as number;
      if (v > best) {
        best = v;
        at = k;
      }
    }
  }
  return at;
}

/** dx of maxPool: dy routed to the first maximum of each pooling window. */
export function maxPoolGrad(args: WasmKernelArgs<MaxPoolGradAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs['dy'] as TensorInfo;
  const input = inputs['input'] as TensorInfo;
  const output = inputs['output'] as TensorInfo;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  if (input.dtype !== 'float32' || dy.dtype !== 'float32' || output.dtype !== 'float32') {
    throw new Error(`MaxPoolGrad on wasm needs float32 tensors, got input ${input.dtype}, output ${output.dtype} and dy ${dy.dtype}`);
  }
  const info = backend_util.computePool2DInfo(
    input.shape as [number, number, number, number], filterSize, strides, 1, pad, dimRoundingMode,
  );
  const dx = backend.makeOutput(input.shape, 'float32');
  const dxValues = backend.typedArrayFromHeap(dx) as Float32Array;
  dxValues.fill(0);
  const heap = (t: TensorInfo): Float32Array => backend.typedArrayFromHeap(t) as Float32Array;
  scatterMaxPoolGrad(heap(input), heap(output), heap(dy), dxValues, {
    batch: info.batchSize,
    inH: info.inHeight,
    inW: info.inWidth,
    channels: info.inChannels,
    outH: info.outHeight,
    outW: info.outWidth,
    strideH: info.strideHeight,
    strideW: info.strideWidth,
    filterH: info.effectiveFilterHeight,
    filterW: info.effectiveFilterWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  });
  return dx;
}

/** Registration of {@link maxPoolGrad}. */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as unknown as KernelConfig['kernelFunc'],
};

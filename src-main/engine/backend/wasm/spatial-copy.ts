/**
 * Plain-JS strided copies between NHWC grids on the wasm heap, for the layout changes the
 * convolution-gradient kernels need (dilate by the stride, pad, crop, subsample). They copy whole
 * pixels (all channels at once) with `TypedArray.set`, which is far cheaper than the wasm Slice
 * kernel (it first copies the entire input out of the heap) or a PadV2 followed by a crop.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { Scope } from './kernel-calls';

/** An axis-aligned placement: source row i goes to row `offset + i·step` (same for columns). */
export interface Placement {
  stepH: number;
  stepW: number;
  offsetH: number;
  offsetW: number;
}

/** Shape of an NHWC grid. */
export interface Grid {
  batch: number;
  height: number;
  width: number;
  channels: number;
}

/**
 * Writes src's pixel (i, j) of every image to dst's pixel (offsetH + i·stepH, offsetW + j·stepW),
 * starting `start` elements into dst; pixels that land outside the destination grid are dropped.
 * dst is not cleared.
 */
export function scatterInto(src: Float32Array, from: Grid, dst: Float32Array, start: number, toH: number, toW: number, p: Placement): void {
  const { batch, height: inH, width: inW, channels } = from;
  const [i0, i1] = validRange(inH, toH, p.stepH, p.offsetH);
  const [j0, j1] = validRange(inW, toW, p.stepW, p.offsetW);
  for (let b = 0; b < batch; b++) {
    for (let i = i0; i < i1; i++) {
      const dstRow = start + ((b * toH + p.offsetH + i * p.stepH) * toW + p.offsetW) * channels;
      const srcRow = (b * inH + i) * inW * channels;
      if (p.stepW === 1) {
        dst.set(src.subarray(srcRow + j0 * channels, srcRow + j1 * channels), dstRow + j0 * channels);
        continue;
      }
      for (let j = j0; j < j1; j++) {
        const s = srcRow + j * channels;
        dst.set(src.subarray(s, s + channels), dstRow + j * p.stepW * channels);
      }
    }
  }
}

/** x's NHWC shape as a {@link Grid}. */
export function gridOf(x: TensorInfo): Grid {
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  return { batch, height, width, channels };
}

/**
 * A zero tensor [B, outH, outW, C] with x's pixel (i, j) written at (offsetH + i·stepH,
 * offsetW + j·stepW); pixels that land outside are dropped. Dilates (step > 1), pads (offset > 0
 * or a larger grid) and crops (offset < 0 or a smaller grid) in one pass.
 */
export function scatterPixels(scope: Scope, x: TensorInfo, outH: number, outW: number, p: Placement): TensorInfo {
  const from = gridOf(x);
  const out = scope.alloc([from.batch, outH, outW, from.channels]);
  const dst = scope.backend.typedArrayFromHeap(out) as Float32Array;
  dst.fill(0);
  scatterInto(scope.backend.typedArrayFromHeap(x) as Float32Array, from, dst, 0, outH, outW, p);
  return out;
}

/**
 * A tensor [B, outH, outW, C] whose pixel (i, j) is x's pixel (offsetH + i·stepH, offsetW + j·stepW),
 * or zero where that falls outside x. Subsamples (step > 1) and crops.
 */
export function gatherPixels(scope: Scope, x: TensorInfo, outH: number, outW: number, p: Placement): TensorInfo {
  const { batch, height: inH, width: inW, channels } = gridOf(x);
  const out = scope.alloc([batch, outH, outW, channels]);
  const src = scope.backend.typedArrayFromHeap(x) as Float32Array;
  const dst = scope.backend.typedArrayFromHeap(out) as Float32Array;
  const [i0, i1] = validRange(outH, inH, p.stepH, p.offsetH);
  const [j0, j1] = validRange(outW, inW, p.stepW, p.offsetW);
  if (i0 > 0 || i1 < outH || j0 > 0 || j1 < outW) dst.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let i = i0; i < i1; i++) {
      const srcRow = ((b * inH + p.offsetH + i * p.stepH) * inW + p.offsetW) * channels;
      const dstRow = (b * outH + i) * outW * channels;
      if (p.stepW === 1) {
        dst.set(src.subarray(srcRow + j0 * channels, srcRow + j1 * channels), dstRow + j0 * channels);
        continue;
      }
      for (let j = j0; j < j1; j++) {
        const s = srcRow + j * p.stepW * channels;
        dst.set(src.subarray(s, s + channels), dstRow + j * channels);
      }
    }
  }
  return out;
}

/** The indices i in [0, count) with 0 ≤ offset + i·step < limit, as a half-open range. */
export function validRange(count: number, limit: number, step: number, offset: number): [number, number] {
  const first = Math.min(count, offset >= 0 ? 0 : Math.ceil(-offset / step));
  const last = Math.min(count, Math.ceil((limit - offset) / step));
  return [first, Math.max(first, last)];
}

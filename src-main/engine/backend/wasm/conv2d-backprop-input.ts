/**
 * Conv2DBackpropInput (the input gradient of conv2d) for the wasm backend, as XNNPACK Conv2Ds.
 * The stock kernel is a naive loop (1.2 s for one MNIST-CNN layer, ENGINE-NOTES §1(c)).
 *
 * dx[b,y,x,ci] = Σ dy[b,oy,ox,co]·w[kh,kw,ci,co] over y + padTop = oy·s + kh (likewise for x).
 * ENGINE-NOTES Appendix A dilates dy by the stride and runs one stride-1 correlation with the
 * flipped filter, which multiplies s²−1 of every s² values by inserted zeros. Here the input
 * pixels are split by phase instead: the rows with (y + padTop) mod s = p only receive the taps
 * kh = p, p + s, p + 2s, …, so each of the s×s phases is a stride-1 correlation of the undilated dy
 * with a sub-filter of those taps (flipped, channel axes swapped), and its result is interleaved
 * into dx. With stride 1 there is one phase and no interleaving.
 */
import {
  backend_util,
  Conv2DBackpropInput,
  type Conv2DBackpropInputAttrs,
  type KernelConfig,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { originalKernel, withScope, type Scope, type WasmKernelArgs } from './kernel-calls';
import { gatherPixels, gridOf, scatterInto } from './spatial-copy';

/** One phase along one axis: which taps and which output (dx) lines it covers. */
export interface AxisPhase {
  /** Number of taps p, p + s, … below the filter size. */
  taps: number;
  /** Phase-grid indices [first, end) of the dx lines in this phase (dx line = index·s + p − pad). */
  first: number;
  end: number;
}

/**
 * Phase `p` of a stride-`s` axis with `filter` taps, `pad` leading padding and `size` input lines.
 * Its dx lines are y = Y·s + p − pad for Y in [first, end), and Y reads dy lines Y − taps + 1 … Y.
 */
export function axisPhase(size: number, pad: number, filter: number, stride: number, p: number): AxisPhase {
  return {
    taps: filter > p ? Math.ceil((filter - p) / stride) : 0,
    first: Math.max(0, Math.ceil((pad - p) / stride)),
    end: Math.max(0, Math.ceil((size + pad - p) / stride)),
  };
}

/**
 * The phase's sub-filter, flipped in space with its channel axes swapped:
 * out[i, j, co, ci] = w[ph + sh·(th − 1 − i), pw + sw·(tw − 1 − j), ci, co].
 */
function phaseFilter(scope: Scope, filter: TensorInfo, ph: number, pw: number, sh: number, sw: number, th: number, tw: number): TensorInfo {
  const [, kw, ci, co] = filter.shape as [number, number, number, number];
  const out = scope.alloc([th, tw, co, ci]);
  const w = scope.backend.typedArrayFromHeap(filter) as Float32Array;
  const f = scope.backend.typedArrayFromHeap(out) as Float32Array;
  let k = 0;
  for (let i = 0; i < th; i++) {
    const row = ph + sh * (th - 1 - i);
    for (let j = 0; j < tw; j++) {
      const tap = (row * kw + pw + sw * (tw - 1 - j)) * ci * co;
      for (let o = 0; o < co; o++) {
        for (let c = 0; c < ci; c++, k++) f[k] = w[tap + c * co + o] as number;
      }
    }
  }
  return out;
}

/**
 * dx lines [first, end) of one phase: a stride-1 Conv2D of dy (cropped where the padding it would
 * need is negative) with the phase filter.
 */
function phaseProduct(scope: Scope, dy: TensorInfo, w: TensorInfo, rows: AxisPhase, cols: AxisPhase): TensorInfo {
  const { height: outH, width: outW } = gridOf(dy);
  let top = rows.taps - 1 - rows.first;
  let bottom = rows.end - outH;
  let left = cols.taps - 1 - cols.first;
  let right = cols.end - outW;
  let input = dy;
  if (Math.min(top, bottom, left, right) < 0) {
    // Lines of dy that no output of this phase reads: crop them, since padding cannot be negative.
    const cropTop = Math.max(0, -top);
    const cropLeft = Math.max(0, -left);
    const h = outH - cropTop - Math.max(0, -bottom);
    const wd = outW - cropLeft - Math.max(0, -right);
    input = gatherPixels(scope, dy, h, wd, { stepH: 1, stepW: 1, offsetH: cropTop, offsetW: cropLeft });
    [top, bottom, left, right] = [top, bottom, left, right].map((p) => Math.max(0, p)) as [number, number, number, number];
  }
  return scope.run(
    'Conv2D',
    { x: input, filter: w },
    { strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dilations: [1, 1], dataFormat: 'NHWC' },
  );
}

/** dx for conv2d with the given geometry; see the file comment. */
export function conv2DBackpropInput(args: WasmKernelArgs<Conv2DBackpropInputAttrs>): TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs['dy'] as TensorInfo;
  const filter = inputs['filter'] as TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat === 'NCHW' || dy.dtype !== 'float32' || filter.dtype !== 'float32') {
    return originalKernel(Conv2DBackpropInput)(args as never) as TensorInfo;
  }
  const info = backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides, 1, pad, dimRoundingMode, false, 'channelsLast',
  );
  const { batchSize, inHeight, inWidth, inChannels, filterHeight, filterWidth, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  if (batchSize * inHeight * inWidth * inChannels === 0 || dy.shape.some((d) => d === 0)) {
    return originalKernel(Conv2DBackpropInput)(args as never) as TensorInfo;
  }

  return withScope(backend, (scope) => {
    const shape = [batchSize, inHeight, inWidth, inChannels];
    if (sh === 1 && sw === 1) {
      // One phase covering every dx pixel: its product is dx.
      const rows = axisPhase(inHeight, top, filterHeight, 1, 0);
      const cols = axisPhase(inWidth, left, filterWidth, 1, 0);
      const w = phaseFilter(scope, filter, 0, 0, 1, 1, rows.taps, cols.taps);
      return scope.keep(scope.reshape(phaseProduct(scope, dy, w, rows, cols), shape));
    }
    const dx = scope.alloc(shape);
    const dxValues = backend.typedArrayFromHeap(dx) as Float32Array;
    dxValues.fill(0);
    for (let ph = 0; ph < sh; ph++) {
      const rows = axisPhase(inHeight, top, filterHeight, sh, ph);
      if (rows.taps === 0 || rows.end <= rows.first) continue;
      for (let pw = 0; pw < sw; pw++) {
        const cols = axisPhase(inWidth, left, filterWidth, sw, pw);
        if (cols.taps === 0 || cols.end <= cols.first) continue;
        const w = phaseFilter(scope, filter, ph, pw, sh, sw, rows.taps, cols.taps);
        const product = phaseProduct(scope, dy, w, rows, cols);
        scatterInto(backend.typedArrayFromHeap(product) as Float32Array, gridOf(product), backend.typedArrayFromHeap(dx) as Float32Array, 0, inHeight, inWidth, {
          stepH: sh,
          stepW: sw,
          offsetH: rows.first * sh + ph - top,
          offsetW: cols.first * sw + pw - left,
        });
      }
    }
    return scope.keep(dx);
  });
}

/** Registration of {@link conv2DBackpropInput} (the installer adds the stock kernel's setupFunc). */
export const conv2DBackpropInputConfig: KernelConfig = {
  kernelName: Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInput as unknown as KernelConfig['kernelFunc'],
};

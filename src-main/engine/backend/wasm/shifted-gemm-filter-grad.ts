/**
 * The filter gradient of a stride-1 convolution as KH·KW plain GEMMs over shifted views, with no
 * im2col copy. Lay the zero-padded input out on a flat grid (channels-first, one row per channel)
 * and dy on the same grid (zeros where no output pixel sits). For tap (kh, kw) the input pixel under
 * output pixel j is grid element j + kh·Wg + kw, so
 *
 *   dW[kh,kw] (C×CO) = X[:, j + kh·Wg + kw] · DY[j, :]   summed over grid positions j,
 *
 * i.e. an XNNPACK GEMM whose left operand is a view of the channel rows at that offset and whose
 * right operand — the one XNNPACK packs — is the same dy grid for all taps, so it is packed once.
 * Neighbouring images (and rows) share their zero padding, so the grid is only (H + pad)·(W + pad)
 * per image; reads that run past a row or image land in the next one's leading zeros. Every channel
 * row starts with Z = (KH−1)·Wg + KW−1 zeros (and dy with Z zero rows), so a view that runs past
 * the end of its channel row reads only zeros of the next one.
 *
 * Non-finite inputs: grid positions without an output pixel multiply input values by zero, so an
 * infinite activation turns the filter-gradient entries it touches into NaN where the cpu backend
 * may give ±Inf; both are non-finite.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { Scope } from './kernel-calls';
import { gridOf, scatterInto, scatterPixels } from './spatial-copy';
import { xnnGemm } from './xnn-gemm';

/** What the shifted-GEMM form needs to know about the forward convolution (stride 1). */
export interface StrideOneConv {
  inHeight: number;
  inWidth: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  padTop: number;
  padLeft: number;
}

/**
 * Grid extent along one axis: holds every input line the convolution reads (placed after `pad`
 * zeros) and is long enough that reads past its end fall into the next line's leading zeros.
 * Null when the output would not fit (padding wider than the filter).
 */
export function gridExtent(inSize: number, pad: number, filter: number, outSize: number): number | null {
  const read = outSize + filter - 1;
  const extent = Math.max(Math.min(read, pad + inSize), read - pad);
  return outSize <= extent && pad <= filter - 1 ? extent : null;
}

/** dW [KH,KW,C,CO] of a stride-1 convolution, or null when {@link gridExtent} rules the grid out. */
export function shiftedGemmFilterGrad(scope: Scope, x: TensorInfo, dy: TensorInfo, conv: StrideOneConv): TensorInfo | null {
  const { filterHeight: kh, filterWidth: kw, padTop, padLeft } = conv;
  const gridH = gridExtent(conv.inHeight, padTop, kh, conv.outHeight);
  const gridW = gridExtent(conv.inWidth, padLeft, kw, conv.outWidth);
  if (gridH === null || gridW === null) return null;
  const { batch, channels } = gridOf(x);
  const outChannels = gridOf(dy).channels;
  const cells = batch * gridH * gridW;
  const lead = (kh - 1) * gridW + (kw - 1);
  const rowLength = lead + cells;

  // Input: [C, lead zeros + grid], then `lead` trailing zeros for the last row's overrun.
  const grid = scatterPixels(scope, x, gridH, gridW, { stepH: 1, stepW: 1, offsetH: padTop, offsetW: padLeft });
  const byChannel = scope.run('Transpose', { x: scope.reshape(grid, [cells, channels]) }, { perm: [1, 0] });
  const rows = scope.alloc([channels * rowLength + lead]);
  const rowValues = scope.backend.typedArrayFromHeap(rows) as Float32Array;
  const channelValues = scope.backend.typedArrayFromHeap(byChannel) as Float32Array;
  for (let c = 0; c < channels; c++) {
    rowValues.fill(0, c * rowLength, c * rowLength + lead);
    rowValues.set(channelValues.subarray(c * cells, (c + 1) * cells), c * rowLength + lead);
  }
  rowValues.fill(0, channels * rowLength);

  // dy: `lead` zero rows, then the grid with each output pixel at its top-left grid position.
  const dyRows = scope.alloc([rowLength, outChannels]);
  const dyValues = scope.backend.typedArrayFromHeap(dyRows) as Float32Array;
  dyValues.fill(0);
  scatterInto(scope.backend.typedArrayFromHeap(dy) as Float32Array, gridOf(dy), dyValues, lead * outChannels, gridH, gridW, {
    stepH: 1, stepW: 1, offsetH: 0, offsetW: 0,
  });

  const grad = scope.alloc([kh, kw, channels, outChannels]);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const tap = i * kw + j;
      const shifted = scope.view(rows, i * gridW + j, [channels, rowLength]);
      const slot = scope.view(grad, tap * channels * outChannels, [channels, outChannels]);
      xnnGemm(scope, shifted, dyRows, slot, channels, rowLength, outChannels);
    }
  }
  return grad;
}

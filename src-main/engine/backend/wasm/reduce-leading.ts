/**
 * Sums over a contiguous block of axes that is not innermost — the reductions of training (bias
 * gradients sum over [batch, height, width]; batch-norm moments and global average pooling reduce
 * [height, width] or [batch, height, width] and keep channels). The stock wasm Sum and Mean first
 * transpose the reduced axes innermost, a full copy of the input at ≈4 ns per element.
 *
 * Here x is viewed as an image [outer, middle, 1, inner] and XNNPACK's vectorised average pooling
 * (the stock AvgPool kernel) averages chunks of `chunk` consecutive middle rows; plain JS then adds
 * the few chunk means in float64. Each chunk is summed in float32 by XNNPACK, so the result is
 * within about √chunk·2⁻²⁴ relative of the exact sum (chunk ≈ √middle keeps that near 1e-6); when
 * middle has no usable divisor a plain-JS float64 pass over the data does the whole sum.
 */
import { util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { Scope } from './kernel-calls';

/** x viewed as [outer, middle, inner] with the middle block reduced. */
export interface ReductionBlock {
  outer: number;
  middle: number;
  inner: number;
}

/** Chunks shorter than this are not worth an AvgPool call. */
const MIN_CHUNK = 8;

/**
 * The [outer, middle, inner] view of `shape` when `axes` (any order, negatives allowed) are one
 * contiguous run that leaves at least one axis after it; null otherwise (including innermost
 * reductions, which the stock kernels already do without a transpose).
 */
export function leadingReduction(shape: readonly number[], axes: number | number[] | undefined): ReductionBlock | null {
  if (shape.length === 0) return null;
  const sorted = [...new Set(util.parseAxisParam(axes ?? shape.map((_, i) => i), [...shape]))].sort((a, b) => a - b);
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  if (last - first + 1 !== sorted.length || last === shape.length - 1) return null;
  const size = (from: number, to: number): number => util.sizeFromShape(shape.slice(from, to));
  return { outer: size(0, first), middle: size(first, last + 1), inner: size(last + 1, shape.length) };
}

/** The output shape of reducing `shape` over `axes` (kept as 1s with keepDims), as tfjs defines it. */
export function reducedShape(shape: readonly number[], axes: number | number[] | undefined, keepDims: boolean): number[] {
  const reduced = new Set(util.parseAxisParam(axes ?? shape.map((_, i) => i), [...shape]));
  return keepDims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : shape.filter((_, i) => !reduced.has(i));
}

/** The divisor of `n` closest to √n (by ratio), or 1 when that is below {@link MIN_CHUNK}. */
export function chunkSize(n: number): number {
  const root = Math.sqrt(n);
  const distance = (c: number): number => Math.abs(Math.log(c / root));
  let best = 1;
  for (let d = 1; d * d <= n; d++) {
    if (n % d !== 0) continue;
    if (distance(d) < distance(best)) best = d;
    if (distance(n / d) < distance(best)) best = n / d;
  }
  return best >= MIN_CHUNK ? best : 1;
}

/** out[o, i] = scale · Σ_m x[o, m, i], accumulated in float64. */
export function sumMiddleAxis(x: Float32Array, out: Float32Array, block: ReductionBlock, scale = 1): void {
  const { outer, middle, inner } = block;
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    let k = o * middle * inner;
    for (let m = 0; m < middle; m++) {
      for (let i = 0; i < inner; i++, k++) acc[i] = (acc[i] as number) + (x[k] as number);
    }
    const base = o * inner;
    for (let i = 0; i < inner; i++) out[base + i] = (acc[i] as number) * scale;
  }
}

/**
 * scale · Σ over the middle block of float32 `x`, into a new tensor of `outShape` (kept by the
 * caller through `scope.keep`).
 */
export function reduceMiddle(scope: Scope, x: TensorInfo, block: ReductionBlock, outShape: number[], scale: number): TensorInfo {
  const { outer, middle, inner } = block;
  const chunk = chunkSize(middle);
  const out = scope.alloc(outShape);
  if (chunk === 1) {
    sumMiddleAxis(scope.backend.typedArrayFromHeap(x) as Float32Array, scope.backend.typedArrayFromHeap(out) as Float32Array, block, scale);
    return out;
  }
  const means = scope.run(
    'AvgPool',
    { x: scope.reshape(x, [outer, middle, 1, inner]) },
    { filterSize: [chunk, 1], strides: [chunk, 1], pad: 'valid' },
  );
  const chunks = { outer, middle: middle / chunk, inner };
  sumMiddleAxis(scope.backend.typedArrayFromHeap(means) as Float32Array, scope.backend.typedArrayFromHeap(out) as Float32Array, chunks, scale * chunk);
  return out;
}

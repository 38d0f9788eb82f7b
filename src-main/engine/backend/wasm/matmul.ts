/**
 * Batched, transposed matrix products run as 2-D XNNPACK GEMMs: operands are transposed explicitly
 * (or the product is computed transposed, see matmul-plan.ts), batches are split into heap views
 * without copying, and a batch that shares one right-hand matrix is folded into a single GEMM.
 * Shared by the BatchMatMul and _FusedMatMul kernels.
 */
import { broadcast_util, util, type TensorInfo } from '@tensorflow/tfjs-core';
import type { Scope } from './kernel-calls';
import { directPlan, planMatMul, type MatMulPlan } from './matmul-plan';
import { xnnGemm, type GemmEpilogue } from './xnn-gemm';

/** Shapes of a product C = op(a)·op(b) as tfjs defines it (leading dims broadcast). */
export interface MatMulDims {
  m: number;
  k: number;
  n: number;
  batchA: number;
  batchB: number;
  batch: number;
  outShape: number[];
}

/**
 * The dimensions of `a`·`b` under the transpose flags, checked like tfjs-core's matMul.
 * Throws: when the inner dimensions differ or the batch dimensions do not broadcast.
 */
export function matMulDims(a: TensorInfo, b: TensorInfo, transposeA: boolean, transposeB: boolean): MatMulDims {
  const ar = a.shape.length;
  const br = b.shape.length;
  if (ar < 2 || br < 2) throw new Error(`matMul needs rank ≥ 2 operands, got [${a.shape}] and [${b.shape}]`);
  const dim = (shape: number[], i: number): number => shape[i] as number;
  const m = transposeA ? dim(a.shape, ar - 1) : dim(a.shape, ar - 2);
  const kA = transposeA ? dim(a.shape, ar - 2) : dim(a.shape, ar - 1);
  const kB = transposeB ? dim(b.shape, br - 1) : dim(b.shape, br - 2);
  const n = transposeB ? dim(b.shape, br - 2) : dim(b.shape, br - 1);
  if (kA !== kB) {
    throw new Error(
      `Error in matMul: inner shapes (${kA}) and (${kB}) of Tensors with shapes ${a.shape} and ${b.shape} ` +
        `and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
    );
  }
  const outer = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batchA = util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = util.sizeFromShape(b.shape.slice(0, -2));
  return { m, k: kA, n, batchA, batchB, batch: Math.max(batchA, batchB), outShape: [...outer, m, n] };
}

/** Whether the XNNPACK path can run the product at all (float32, nothing empty). */
export function xnnCanRun(a: TensorInfo, b: TensorInfo, d: MatMulDims): boolean {
  return a.dtype === 'float32' && b.dtype === 'float32' && d.m > 0 && d.n > 0 && d.k > 0 && d.batch > 0;
}

/** `x` as [batch, rows, cols] with the last two dims swapped (a copy) or reshaped (no copy). */
function operand(scope: Scope, x: TensorInfo, batch: number, rows: number, cols: number, transpose: boolean): TensorInfo {
  if (!transpose) return scope.reshape(x, [batch, rows, cols]);
  const stored = scope.reshape(x, [batch, cols, rows]);
  return scope.run('Transpose', { x: stored }, { perm: [0, 2, 1] });
}

/**
 * C = op(a)·op(b) (then the epilogue) on XNNPACK. The result, tracked by `scope`, has the broadcast
 * output shape; the caller keeps it. With an epilogue the product is never computed transposed,
 * because the bias and activation apply to C's columns.
 */
export function runMatMul(
  scope: Scope,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
  d: MatMulDims,
  epilogue?: GemmEpilogue,
): TensorInfo {
  const shape = { m: d.m, k: d.k, n: d.n, transposeA, transposeB, batchA: d.batchA, batchB: d.batchB };
  const plan: MatMulPlan = epilogue === undefined ? planMatMul(shape) : directPlan(shape);
  // Left operand L [batchL, rows, k] and packed right operand R [batchR, k, cols]; out is L·R.
  const [l, batchL, rows, r, batchR, cols] = plan.swap
    ? [operand(scope, b, d.batchB, d.n, d.k, plan.transposeB), d.batchB, d.n,
       operand(scope, a, d.batchA, d.k, d.m, plan.transposeA), d.batchA, d.m]
    : [operand(scope, a, d.batchA, d.m, d.k, plan.transposeA), d.batchA, d.m,
       operand(scope, b, d.batchB, d.k, d.n, plan.transposeB), d.batchB, d.n];
  const product = scope.alloc([d.batch, rows, cols]);
  if (batchR === 1) {
    // One GEMM: with a single R, batch = batchL and L's batches are consecutive rows.
    xnnGemm(scope, l, r, product, d.batch * rows, d.k, cols, epilogue);
  } else {
    for (let i = 0; i < d.batch; i++) {
      const li = batchL === 1 ? l : scope.view(l, (i % batchL) * rows * d.k, [rows, d.k]);
      const ri = scope.view(r, (i % batchR) * d.k * cols, [d.k, cols]);
      const oi = scope.view(product, i * rows * cols, [rows, cols]);
      xnnGemm(scope, li, ri, oi, rows, d.k, cols, epilogue);
    }
  }
  const c = plan.swap ? scope.run('Transpose', { x: product }, { perm: [0, 2, 1] }) : product;
  return scope.reshape(c, d.outShape);
}

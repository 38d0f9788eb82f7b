/**
 * Chooses how to run C = op(a)·op(b) on XNNPACK's fully-connected operator, the only fast GEMM the
 * tfjs wasm binary exports. That operator computes L[m,k]·R[k,n] with both operands row-major and
 * not transposed, and packs R (its "weights") into its own layout on first use of each tensor id.
 * In training every weight matrix, activation and gradient is a fresh tensor, so R is packed on
 * every call: packing costs several times more per element than the wasm Transpose kernel
 * (ENGINE-NOTES §1(a), "fresh-b"). Two orders are possible:
 *
 * - direct: L = op(a), R = op(b), out = C;
 * - swapped: L = op(b)ᵀ, R = op(a)ᵀ, out = Cᵀ, then transposed back.
 *
 * A stored operand already in the needed layout costs nothing; otherwise it is transposed
 * explicitly. The plan minimises modelled data movement (transposed + packed elements); the GEMM
 * itself costs the same either way.
 */

/** Relative cost per element of the wasm Transpose kernel (measured 1.5–5 ns, shape-dependent). */
export const TRANSPOSE_COST = 1;
/** Relative cost per element of XNNPACK weight packing (measured 4–6 ns, about 3 transposes). */
export const PACK_COST = 3;

/** The problem: op(a) is [batchA×] M×K, op(b) is [batchB×] K×N. */
export interface MatMulShape {
  m: number;
  k: number;
  n: number;
  transposeA: boolean;
  transposeB: boolean;
  /** How many distinct matrices a and b hold (1 when broadcast over the output batch). */
  batchA: number;
  batchB: number;
}

/** How to run one matmul on the XNNPACK GEMM. */
export interface MatMulPlan {
  /** Compute Cᵀ = op(b)ᵀ·op(a)ᵀ and transpose it, instead of C directly. */
  swap: boolean;
  /** Transpose the stored a explicitly before the GEMM. */
  transposeA: boolean;
  /** Transpose the stored b explicitly before the GEMM. */
  transposeB: boolean;
  /** Modelled cost in {@link TRANSPOSE_COST} units. */
  cost: number;
}

/** The direct plan: transpose whichever operand is stored transposed, pack op(b). */
export function directPlan(s: MatMulShape): MatMulPlan {
  const aElems = s.batchA * s.m * s.k;
  const bElems = s.batchB * s.k * s.n;
  const cost = (s.transposeA ? aElems : 0) * TRANSPOSE_COST + (s.transposeB ? bElems : 0) * TRANSPOSE_COST + bElems * PACK_COST;
  return { swap: false, transposeA: s.transposeA, transposeB: s.transposeB, cost };
}

/** The swapped plan: operands stored transposed are used as they are, the output is transposed. */
export function swappedPlan(s: MatMulShape): MatMulPlan {
  const aElems = s.batchA * s.m * s.k;
  const bElems = s.batchB * s.k * s.n;
  const outElems = Math.max(s.batchA, s.batchB) * s.m * s.n;
  const cost =
    (s.transposeA ? 0 : aElems) * TRANSPOSE_COST +
    (s.transposeB ? 0 : bElems) * TRANSPOSE_COST +
    aElems * PACK_COST +
    outElems * TRANSPOSE_COST;
  return { swap: true, transposeA: !s.transposeA, transposeB: !s.transposeB, cost };
}

/**
 * The cheaper of the direct and swapped plans. A product without transposes always runs directly:
 * there the packed operand is usually a weight matrix that XNNPACK keeps packed across calls with
 * the same tensor (evaluation, PGD's inner steps), which the model cannot see.
 */
export function planMatMul(s: MatMulShape): MatMulPlan {
  const direct = directPlan(s);
  if (!s.transposeA && !s.transposeB) return direct;
  const swapped = swappedPlan(s);
  return swapped.cost < direct.cost ? swapped : direct;
}

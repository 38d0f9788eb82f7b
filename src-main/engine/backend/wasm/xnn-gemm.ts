/**
 * One 2-D product on XNNPACK's fully-connected operator, reached through the wasm binary's exported
 * `_FusedMatMul` C entry point. Its XNNPACK branch runs only for untransposed rank-3 inputs with
 * batch 1; every other call falls back to a scalar loop at 1–2 GFLOP/s (ENGINE-NOTES §1(a)), so
 * callers arrange the operands to hit this branch.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { cFunction, shapeBytes, type Scope } from './kernel-calls';

/** Activation codes of the C enum `FusableActivation` (tfjs-backend-wasm cc/fusable_activations.h). */
export const FUSABLE_ACTIVATION: Readonly<Record<string, number>> = {
  linear: 0,
  relu: 1,
  relu6: 2,
  prelu: 3,
  leakyrelu: 4,
  sigmoid: 5,
  elu: 6,
};

/** What the C entry point applies to the product: bias (one value per column), then activation. */
export interface GemmEpilogue {
  /** A tensor of exactly n values, added to every row. */
  bias?: TensorInfo;
  /** A key of {@link FUSABLE_ACTIVATION}. */
  activation: string;
  preluActivationWeights?: TensorInfo;
  leakyreluAlpha?: number;
}

const FUSED_MAT_MUL_ARGS = [
  'number', 'array', 'number', // a id, a shape, a rank
  'number', 'array', 'number', // b id, b shape, b rank
  'number', 'number', // transpose a, transpose b
  'number', 'number', 'number', 'number', // activation, bias id, prelu weights id, leakyrelu alpha
  'number', // out id
];

/**
 * XNNPACK caches one operator per (weights id, bias id, activation) and never looks at the shape
 * again. A Reshape shares its input's id, so the same id could reach it as a different k×n matrix
 * and silently reuse the wrong packed weights; remember the shape each id was packed as.
 */
const packedAs = new WeakMap<object, string>();

/**
 * out[rows, n] = act(l[rows, k] · r[k, n] + bias) on XNNPACK.
 *
 * Args: `l`, `r`, `out` — float32 tensors (or views) holding at least rows·k, k·n and rows·n
 * values, row-major; `epilogue` — optional bias and activation, fused by the C entry point.
 * The packed form of `r` stays cached by XNNPACK until `r` is disposed.
 */
export function xnnGemm(
  scope: Scope,
  l: TensorInfo,
  r: TensorInfo,
  out: TensorInfo,
  rows: number,
  k: number,
  n: number,
  epilogue?: GemmEpilogue,
): void {
  const shapeKey = `${k}x${n}`;
  const seen = packedAs.get(r.dataId);
  let weights = r;
  if (seen === undefined) packedAs.set(r.dataId, shapeKey);
  else if (seen !== shapeKey) weights = scope.view(r, 0, [k, n]);

  const activation = epilogue?.activation ?? 'linear';
  const code = FUSABLE_ACTIVATION[activation];
  if (code === undefined) throw new Error(`Unknown fused activation '${activation}' for _FusedMatMul on wasm`);
  const biasId = epilogue?.bias === undefined ? 0 : scope.id(epilogue.bias);
  const preluId = epilogue?.preluActivationWeights === undefined ? 0 : scope.id(epilogue.preluActivationWeights);
  const fusedMatMul = cFunction(scope.backend, '_FusedMatMul', FUSED_MAT_MUL_ARGS);
  fusedMatMul(
    scope.id(l), shapeBytes([1, rows, k]), 3,
    scope.id(weights), shapeBytes([1, k, n]), 3,
    0, 0,
    code, biasId, preluId, epilogue?.leakyreluAlpha ?? 0,
    scope.id(out),
  );
}

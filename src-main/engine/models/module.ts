/**
 * The building blocks of Mnemo's models: modules that own named parameters and apply tfjs ops.
 * We use our own small module system rather than tfjs-layers because the training methods need
 * what layers hide: the gradient with respect to inputs (PGD), all parameters perturbed jointly
 * (SAM), BatchNorm statistics updated on chosen passes only, and per-sample taps (DP-SGD).
 */
import type { Tensor, Variable } from '../tf';

/** A BatchNorm running-statistics update computed in a forward pass, applied after the step. */
export interface StatUpdate {
  apply(): void;
}

/**
 * Per-sample gradient taps for DP-SGD's clipping (ENGINE-NOTES §2.4). Before the forward pass the
 * caller creates, for every parametric layer, a zero "probe" shaped like the layer's output; each
 * layer adds its probe to its output and records its input. The gradient of the summed loss with
 * respect to a probe is that layer's per-sample backprop δ, from one backward pass.
 */
export interface TapSet {
  probe(layer: ParametricModule): Tensor;
  /** Keeps the layer's input (the caller disposes it after the step). */
  record(layer: ParametricModule, input: Tensor): void;
}

export interface ForwardContext {
  /** Training mode: BatchNorm normalises with batch statistics. */
  training: boolean;
  /** Whether BatchNorm records running-statistics updates in this pass (SAM's second pass does not). */
  updateStats: boolean;
  /** Collected running-statistics updates, applied by the caller once the step's gradients exist. */
  statUpdates: StatUpdate[];
  /** Overrides BatchNorm's momentum: 1/(n+1) on the n-th batch gives the cumulative average (SWA's recompute). */
  statMomentum?: number;
  /** When set, parametric layers record their inputs and add probes to their outputs. */
  taps?: TapSet;
}

/** A named trainable parameter. */
export interface Param {
  name: string;
  variable: Variable;
}

export interface Module {
  readonly name: string;
  /** Output shape per sample (no batch dimension). */
  readonly outputShape: number[];
  apply(x: Tensor, ctx: ForwardContext): Tensor;
  /** Trainable parameters, in a stable order. */
  params(): Param[];
  /** Non-trainable state (BatchNorm running statistics), in a stable order. */
  buffers(): Param[];
}

/**
 * A layer whose per-sample gradient norms and clipped gradient sums can be computed from its input
 * and the backprop δ at its output (ghost clipping for dense layers; exact per-sample products for
 * convolutions).
 */
export interface ParametricModule extends Module {
  /** ‖g_i‖² summed over this layer's parameters, per sample: shape [B]. */
  perSampleGradNormSq(input: Tensor, delta: Tensor): Tensor;
  /** Σ_i c_i g_i for every parameter, given δ already scaled by c per sample. */
  clippedGradients(input: Tensor, scaledDelta: Tensor): Map<Variable, Tensor>;
}

export function isParametric(module: Module): module is ParametricModule {
  return typeof (module as ParametricModule).perSampleGradNormSq === 'function';
}

/** A fresh context for a forward pass. */
export function forwardContext(training: boolean, updateStats = training): ForwardContext {
  return { training, updateStats, statUpdates: [] };
}

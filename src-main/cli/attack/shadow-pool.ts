/**
 * Adapters from separate shadow and target arrays (Song & Mittal's setting: different records, so no
 * shared sample index) to the library's pool API, which assumes every model sees the same samples.
 *
 * The shadow's records form a 2-model pool: model 0 is the shadow, model 1 a stand-in target (a copy
 * of the shadow) that the library leaves out of every shadow statistic; only what the library chooses
 * on model 0 (a threshold, training records) is used, and it is applied to the real target here.
 */
import { evaluateAttack, type TargetEvaluation } from '../../attacks/evaluate';
import type { Roc } from '../../attacks/roc';
import type { ModelPool } from '../../attacks/shadow-split';
import { short, type OutputOptions } from './report';

/** The pool over the shadow's records (model 0 = shadow, model 1 = stand-in target). */
export function shadowPool(membership: Uint8Array): ModelPool {
  return { keep: twice(membership), models: 2, samples: membership.length, target: 1 };
}

/** `[values, values]`: a per-model array of the shadow pool. */
export function twice<T extends Uint8Array | Float64Array>(values: T): T {
  const out = new (values.constructor as new (length: number) => T)(values.length * 2);
  out.set(values, 0);
  out.set(values, values.length);
  return out;
}

/** Metrics of a global-threshold sweep over the target's values (ROC, AUC, TPR@FPR). */
export type SweepMetrics = Omit<TargetEvaluation, 'roc' | 'naturalAccuracy' | 'robustAccuracy' | 'target' | 'nExcluded'>;

/**
 * The ROC metrics of the target's member scores against its membership (SCIENCE.md §4), through
 * evaluateAttack on a one-model pool, so they match lira/rmia's per-target metrics field for field.
 */
export function targetSweep(scores: Float64Array, membership: Uint8Array, output: OutputOptions): { metrics: SweepMetrics; roc: Roc } {
  const evaluation = evaluateAttack({
    keep: membership,
    models: 1,
    samples: membership.length,
    targets: [0],
    scoreFor: () => scores,
    fprs: output.fprs,
    rule: output.rule,
    maxRocPoints: output.rocPoints,
  });
  const { roc, naturalAccuracy: _n, robustAccuracy: _r, target: _t, nExcluded: _x, ...metrics } = evaluation.targets[0]!;
  return { metrics, roc };
}

/** Warnings for requested FPRs below the sweep's FPR floor 1/N_neg (SCIENCE.md §4.3). */
export function sweepFlags(name: string, metrics: SweepMetrics): string[] {
  return metrics.tpr
    .filter((point) => point.belowFloor)
    .map((point) => `${name}: TPR@FPR ${point.fpr} lies below the FPR floor 1/N_neg = ${short(metrics.fprFloor)}: there it is the TPR at zero false positives`);
}

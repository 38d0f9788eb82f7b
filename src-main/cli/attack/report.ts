/**
 * The output of `mnemo attack`: one JSON document on stdout (ROC arrays left out), the ROC curves as
 * CSV with `--roc FILE`, and the flags that warn about the FPR floor (SCIENCE.md §4.3).
 */
import fs from 'node:fs';
import type { Evaluation, PooledEvaluation, TargetEvaluation } from '../../attacks/evaluate';
import type { Roc, TprRule } from '../../attacks/roc';
import { choiceFlag, fprFlag, intFlag } from './flags';

/** How metrics are read and where the output goes. */
export interface OutputOptions {
  fprs: number[];
  rule: TprRule;
  /** `--roc FILE`: CSV of the curves. */
  rocFile: string | undefined;
  /** Vertices kept per curve (evaluate.ts `maxRocPoints`). */
  rocPoints: number;
  compact: boolean;
}

/** The output flags shared by every subcommand. */
export interface OutputFlags {
  fpr?: string;
  rule?: string;
  roc?: string;
  'roc-points'?: string;
  compact?: boolean;
}

/** Reads the shared output flags. Throws UsageError for a bad value. */
export function outputOptions(flags: OutputFlags): OutputOptions {
  return {
    fprs: fprFlag(flags.fpr),
    rule: choiceFlag(flags.rule, '--rule', ['strict', 'le'] as const, 'strict'),
    rocFile: flags.roc,
    rocPoints: intFlag(flags['roc-points'], '--roc-points', 512, 4),
    compact: flags.compact ?? false,
  };
}

/** A target's metrics without the ROC arrays and the accuracies that imported arrays cannot have. */
export function targetMetrics(t: TargetEvaluation): Omit<TargetEvaluation, 'roc' | 'naturalAccuracy' | 'robustAccuracy'> {
  const { roc: _roc, naturalAccuracy: _natural, robustAccuracy: _robust, ...rest } = t;
  return rest;
}

/** The pooled metrics without the ROC arrays. */
export function pooledMetrics(p: PooledEvaluation): Omit<PooledEvaluation, 'roc'> {
  const { roc: _roc, ...rest } = p;
  return rest;
}

/** The summary without the accuracies that imported arrays cannot have. */
export function summaryMetrics(e: Evaluation): Omit<Evaluation['summary'], 'naturalAccuracy' | 'robustAccuracy'> {
  const { naturalAccuracy: _natural, robustAccuracy: _robust, ...rest } = e.summary;
  return rest;
}

/** A rate with 3 significant digits, without trailing zeros (0.00004, 3.33e-7). */
export function short(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/**
 * Warnings for requested FPRs below 1/N_neg, where TPR@FPR is really TPR at zero false positives
 * (SCIENCE.md §4.3), per target (named by `label`) and for the pooled curve.
 */
export function floorFlags(evaluation: Evaluation, fprs: readonly number[], label: (target: number) => string = (t) => `target ${t}`): string[] {
  const flags: string[] = [];
  fprs.forEach((fpr, f) => {
    const below = evaluation.targets.filter((t) => t.tpr[f]!.belowFloor);
    const parts: string[] = [];
    if (below.length > 0) {
      const floors = [...new Set(below.map((t) => short(t.fprFloor)))].join(', ');
      parts.push(`${below.map((t) => label(t.target)).join(', ')} (floor ${floors})`);
    }
    if (evaluation.pooled.tpr[f]!.belowFloor) parts.push(`the pooled ROC (floor ${short(evaluation.pooled.fprFloor)})`);
    if (parts.length > 0) {
      flags.push(`TPR@FPR ${fpr} lies below the FPR floor 1/N_neg of ${parts.join(' and ')}: there it is the TPR at zero false positives`);
    }
  });
  if (evaluation.targets.length === 1) flags.push('a single target: the std over targets is undefined (null)');
  return flags;
}

/** Writes ROC curves as CSV `curve,fpr,tpr,threshold,tp,fp` (threshold `inf` at the origin). */
export async function writeRocCsv(file: string, curves: ReadonlyArray<[string, Roc]>): Promise<void> {
  const lines = ['curve,fpr,tpr,threshold,tp,fp'];
  for (const [name, roc] of curves) {
    for (let k = 0; k < roc.fpr.length; k++) {
      const threshold = roc.thresholds[k]!;
      const shown = threshold === Infinity ? 'inf' : threshold === -Infinity ? '-inf' : String(threshold);
      lines.push(`${name},${roc.fpr[k]},${roc.tpr[k]},${shown},${roc.tp[k]},${roc.fp[k]}`);
    }
  }
  await fs.promises.writeFile(file, `${lines.join('\n')}\n`);
}

/** Prints the result as JSON: typed arrays as lists, non-finite numbers as null. */
export function printJson(result: unknown, compact: boolean): void {
  const replacer = (_key: string, value: unknown) => (ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value);
  console.log(JSON.stringify(result, replacer, compact ? undefined : 2));
}

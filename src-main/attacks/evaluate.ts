/**
 * Leave-one-out evaluation of a membership-inference attack over several target models
 * (SCIENCE.md §3.5, §4): per-target ROC metrics with Clopper–Pearson intervals, mean ± std over
 * targets, and a pooled ROC (all targets' scores concatenated, as the LiRA reference does with several
 * targets) for very low FPRs.
 */
import type { MeanStd, TprAt } from '../../src-shared/analysis';
import { Rng } from '../math/prng';
import { clopperPearson } from './clopper-pearson';
import { assertKeep } from './masks';
import {
  auc,
  balancedAccuracy,
  downsampleRoc,
  fprFloor,
  logLogAuc,
  rocCurve,
  tprAtFpr,
  type Roc,
  type TprRule,
} from './roc';

/** Which models are attacked: the first `count`, or `count` drawn with `seed`. */
export interface TargetSelection {
  /** Default 8 (capped at the number of models when left at the default). */
  count?: number;
  /** Default 'first'. */
  pick?: 'first' | 'seeded';
  /** Seed of the 'seeded' draw (default 0). */
  seed?: number;
}

/** Inputs of {@link evaluateAttack}. */
export interface EvaluateOptions {
  /** M × N membership, `keep[m * N + i] = 1` when model m trained on sample i. */
  keep: Uint8Array;
  models: number;
  samples: number;
  /** Explicit model indices, or a {@link TargetSelection} (default: the first 8). */
  targets?: ReadonlyArray<number> | TargetSelection;
  /** The attack: N member scores for one target (larger = member; NaN = not scored, excluded). */
  scoreFor: (target: number) => Float64Array;
  /** FPRs to read TPR at (default 1 %, 0.1 %, 0.001 %). */
  fprs?: ReadonlyArray<number>;
  /** Default 'strict' (LiRA reference). */
  rule?: TprRule;
  /** Confidence of the Clopper–Pearson TPR intervals (default 0.95). */
  confidence?: number;
  /** Per model, 1 where it classifies sample i correctly (natural accuracy on its OUT samples). */
  correct?: ReadonlyArray<Uint8Array>;
  /** Per model, 1 where it classifies sample i correctly under attack (robust accuracy). */
  robustCorrect?: ReadonlyArray<Uint8Array>;
  /** Vertices kept per plotted ROC (default 512). */
  maxRocPoints?: number;
}

/** One target's metrics. */
export interface TargetEvaluation {
  target: number;
  auc: number;
  balancedAccuracy: number;
  /** DeMem's log–log "AUROC" (not the ROC AUC; see `logLogAuc` in roc.ts). */
  logLogAuc: number;
  nMembers: number;
  nNonMembers: number;
  /** Samples without a score (NaN), left out of every metric. */
  nExcluded: number;
  fprFloor: number;
  tpr: TprAt[];
  /** Accuracy of the target model on its OUT samples; null when not given. */
  naturalAccuracy: number | null;
  robustAccuracy: number | null;
  /** The ROC, downsampled for plotting. */
  roc: Roc;
}

/** Mean ± std over targets of every per-target metric. */
export interface EvaluationSummary {
  auc: MeanStd;
  balancedAccuracy: MeanStd;
  logLogAuc: MeanStd;
  tpr: Array<{ fpr: number } & MeanStd>;
  naturalAccuracy: MeanStd | null;
  robustAccuracy: MeanStd | null;
}

/** Metrics of the pooled ROC over all targets. */
export interface PooledEvaluation {
  auc: number;
  balancedAccuracy: number;
  logLogAuc: number;
  nMembers: number;
  nNonMembers: number;
  fprFloor: number;
  tpr: TprAt[];
  roc: Roc;
}

/** Result of {@link evaluateAttack}. */
export interface Evaluation {
  targets: TargetEvaluation[];
  summary: EvaluationSummary;
  pooled: PooledEvaluation;
}

/**
 * The target models of a leave-one-out evaluation.
 *
 * Returns ascending model indices. Throws RangeError when an explicit count exceeds the models.
 */
export function selectTargets(models: number, selection: TargetSelection = {}): number[] {
  const count = selection.count ?? Math.min(8, models);
  if (!Number.isInteger(count) || count < 1 || count > models) {
    throw new RangeError(`targets.count must be an integer in 1..${models}, got ${count}`);
  }
  if ((selection.pick ?? 'first') === 'first') return Array.from({ length: count }, (_, m) => m);
  const order = new Rng(selection.seed ?? 0).permutation(models);
  return Array.from(order.subarray(0, count)).sort((a, b) => a - b);
}

/** Mean and sample std (ddof 1). */
export function meanStd(values: ReadonlyArray<number>): MeanStd {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const squares = values.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN, n };
}

function tprPoints(roc: Roc, fprs: ReadonlyArray<number>, rule: TprRule, confidence: number): TprAt[] {
  return fprs.map((fpr) => {
    const at = tprAtFpr(roc, fpr, rule);
    return {
      fpr,
      tpr: at.tpr,
      threshold: at.threshold,
      achievedFpr: at.achievedFpr,
      belowFloor: at.belowFloor,
      ci: clopperPearson(at.tp, roc.positives, confidence),
    };
  });
}

/** Accuracy of model `target` on its OUT samples, or null when no correctness was given. */
function outAccuracy(
  correct: ReadonlyArray<Uint8Array> | undefined,
  field: string,
  keep: Uint8Array,
  target: number,
  samples: number,
): number | null {
  if (!correct) return null;
  const row = correct[target];
  if (!row || row.length !== samples) {
    throw new RangeError(`${field}[${target}] must have length ${samples}, got ${row ? row.length : 'nothing'}`);
  }
  let hits = 0;
  let total = 0;
  for (let i = 0; i < samples; i++) {
    if (keep[target * samples + i]) continue;
    hits += row[i]!;
    total++;
  }
  return total > 0 ? hits / total : NaN;
}

/**
 * Runs `scoreFor` on each target and measures how well its scores separate the target's members.
 *
 * Returns per-target metrics, their mean ± std (ddof 1) and the pooled ROC.
 * Throws RangeError on bad shapes, targets or score lengths (naming the target).
 */
export function evaluateAttack(options: EvaluateOptions): Evaluation {
  const { keep, models, samples, scoreFor } = options;
  assertKeep(keep, models, samples);
  const fprs = options.fprs ?? [0.01, 0.001, 0.00001];
  const rule = options.rule ?? 'strict';
  const confidence = options.confidence ?? 0.95;
  const maxRocPoints = options.maxRocPoints ?? 512;
  const targets = Array.isArray(options.targets)
    ? [...(options.targets as ReadonlyArray<number>)]
    : selectTargets(models, (options.targets ?? {}) as TargetSelection);
  targets.forEach((t, k) => {
    if (!Number.isInteger(t) || t < 0 || t >= models) {
      throw new RangeError(`targets[${k}] = ${t} is not a model in 0..${models - 1}`);
    }
  });
  if (targets.length === 0) throw new RangeError('evaluateAttack needs at least one target');

  const pooledScores = new Float64Array(targets.length * samples);
  const pooledLabels = new Uint8Array(targets.length * samples);
  const pooledMask = new Uint8Array(targets.length * samples);
  const perTarget = targets.map((target, k): TargetEvaluation => {
    const scores = scoreFor(target);
    if (scores.length !== samples) {
      throw new RangeError(`scoreFor(${target}) returned ${scores.length} scores, expected ${samples}`);
    }
    const labels = keep.subarray(target * samples, (target + 1) * samples);
    const mask = new Uint8Array(samples);
    let excluded = 0;
    for (let i = 0; i < samples; i++) {
      if (Number.isNaN(scores[i]!)) excluded++;
      else mask[i] = 1;
    }
    pooledScores.set(scores, k * samples);
    pooledLabels.set(labels, k * samples);
    pooledMask.set(mask, k * samples);
    const roc = rocCurve(scores, labels, mask);
    return {
      target,
      auc: auc(roc),
      balancedAccuracy: balancedAccuracy(roc),
      logLogAuc: logLogAuc(roc),
      nMembers: roc.positives,
      nNonMembers: roc.negatives,
      nExcluded: excluded,
      fprFloor: fprFloor(roc),
      tpr: tprPoints(roc, fprs, rule, confidence),
      naturalAccuracy: outAccuracy(options.correct, 'correct', keep, target, samples),
      robustAccuracy: outAccuracy(options.robustCorrect, 'robustCorrect', keep, target, samples),
      roc: downsampleRoc(roc, maxRocPoints),
    };
  });

  const pooledRoc = rocCurve(pooledScores, pooledLabels, pooledMask);
  const summaryOf = (pick: (t: TargetEvaluation) => number) => meanStd(perTarget.map(pick));
  return {
    targets: perTarget,
    summary: {
      auc: summaryOf((t) => t.auc),
      balancedAccuracy: summaryOf((t) => t.balancedAccuracy),
      logLogAuc: summaryOf((t) => t.logLogAuc),
      tpr: fprs.map((fpr, f) => ({ fpr, ...summaryOf((t) => t.tpr[f]!.tpr) })),
      naturalAccuracy: options.correct ? summaryOf((t) => t.naturalAccuracy!) : null,
      robustAccuracy: options.robustCorrect ? summaryOf((t) => t.robustAccuracy!) : null,
    },
    pooled: {
      auc: auc(pooledRoc),
      balancedAccuracy: balancedAccuracy(pooledRoc),
      logLogAuc: logLogAuc(pooledRoc),
      nMembers: pooledRoc.positives,
      nNonMembers: pooledRoc.negatives,
      fprFloor: fprFloor(pooledRoc),
      tpr: tprPoints(pooledRoc, fprs, rule, confidence),
      roc: downsampleRoc(pooledRoc, maxRocPoints),
    },
  };
}

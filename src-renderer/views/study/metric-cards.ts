/**
 * The headline numbers of a study as cards: natural and robust accuracy over models, LiRA's TPR at
 * each requested FPR and AUC over targets, and DP-SGD's ε. Each says what it is measured over, and
 * flags what cannot be trusted (a TPR below the FPR resolution, a vacuous ε).
 */
import type { AttackResult, MeanStd } from '../../../src-shared/analysis';
import type { RobustEvalConfig } from '../../../src-shared/config/evaluation';
import { formatFpr, formatMeanStd } from '../../../src-shared/format';
import type { StudyDetail } from '../../../src-shared/studies';
import type { StudyAnalysisView } from '../../../src-shared/views';

export interface MetricCard {
  key: string;
  label: string;
  value: string;
  /** What the value is measured over, or how. */
  sub: string;
  /** A warning to show with the value (below resolution, vacuous). */
  flag: string | null;
  /** Tooltip: the definition, with units. */
  title: string;
}

/** Above this ε the guarantee says nothing useful (e^ε bounds the likelihood ratio). */
export const VACUOUS_EPSILON = 1e3;

/** "8/255" when the value is a whole number of 1/255 steps, else a short decimal. */
export function formatPixelBudget(value: number): string {
  const steps = value * 255;
  return Math.abs(steps - Math.round(steps)) < 1e-6 && Math.round(steps) > 0 ? `${Math.round(steps)}/255` : String(Number(value.toPrecision(3)));
}

/** The PGD attack the robust accuracy is measured under, e.g. "PGD-20 L∞ ε = 8/255, step 2/255". */
export function describePgd(robust: RobustEvalConfig): string {
  const norm = robust.norm === 'linf' ? 'L∞' : 'L2';
  const restarts = robust.restarts > 1 ? `, ${robust.restarts} restarts` : '';
  return `PGD-${robust.steps} ${norm} ε = ${formatPixelBudget(robust.epsilon)}, step ${formatPixelBudget(robust.stepSize)}${robust.randomStart ? ', random start' : ''}${restarts}`;
}

/** A MeanStd that crossed JSON (NaN as null) back to numbers, or null when it has no mean. */
function meanStd(value: MeanStd | null | undefined): MeanStd | null {
  if (!value || typeof value.mean !== 'number' || !Number.isFinite(value.mean)) return null;
  return { mean: value.mean, std: typeof value.std === 'number' ? value.std : NaN, n: value.n };
}

const over = (value: MeanStd | null, unit: string): string => (value ? `mean ± std over ${value.n} ${unit}${value.n === 1 ? '' : 's'}` : 'not measured yet');

/** How many targets report the TPR at `fpr` below the FPR floor (at zero false positives). */
export function belowFloorCount(attack: AttackResult, fpr: number): { below: number; of: number } {
  let below = 0;
  let of = 0;
  for (const target of attack.targets) {
    const at = target.tpr.find((t) => Math.abs(t.fpr - fpr) <= 1e-12 * Math.max(1, fpr));
    if (!at) continue;
    of++;
    if (at.belowFloor) below++;
  }
  return { below, of };
}

/**
 * The metric cards of a study.
 * Args: detail — 'studies.get'; analysis — 'studies.analysis' (null before it has run: the stored
 *   summary is shown instead).
 */
export function metricCards(detail: StudyDetail, analysis: StudyAnalysisView | null): MetricCard[] {
  const cards: MetricCard[] = [];
  const summary = detail.summary;
  const natural = meanStd(analysis?.accuracy?.natural ?? summary?.naturalAccuracy);
  cards.push({
    key: 'natural',
    label: 'Natural accuracy',
    value: natural ? `${formatMeanStd(natural, { percent: true })} %` : '—',
    sub: over(natural, 'model'),
    flag: null,
    title: 'Accuracy of each model on the samples it never trained on (%), mean ± std over models.',
  });

  const robustConfig = detail.config.robust;
  const robust = meanStd(analysis?.accuracy?.robust ?? summary?.robustAccuracy);
  cards.push({
    key: 'robust',
    label: 'Robust accuracy',
    value: robust ? `${formatMeanStd(robust, { percent: true })} %` : '—',
    sub: robustConfig.enabled ? `${describePgd(robustConfig)}; ≤ ${robustConfig.maxSamples} samples per model` : 'robust evaluation is off for this study',
    flag: null,
    title: `Accuracy under the PGD attack on each model's unseen samples (%), mean ± std over models. ${robustConfig.enabled ? describePgd(robustConfig) : ''}`.trim(),
  });

  const lira = analysis?.attacks.find((a) => a.kind === 'lira') ?? null;
  const fprs = lira ? lira.summary.tpr.map((t) => t.fpr) : detail.config.attacks.fprs;
  for (const fpr of fprs) {
    const value = meanStd(lira ? lira.summary.tpr.find((t) => t.fpr === fpr) : summary?.tpr[String(fpr)]);
    const floor = lira ? belowFloorCount(lira, fpr) : { below: 0, of: 0 };
    const flag =
      floor.below === 0 ? null : floor.below === floor.of ? 'below resolution (FPR < 1/N_neg): the TPR at zero false positives' : `below resolution for ${floor.below} of ${floor.of} targets`;
    cards.push({
      key: `tpr-${fpr}`,
      label: `LiRA TPR @ ${formatFpr(fpr)} FPR`,
      value: value ? `${formatMeanStd(value, { percent: true, digits: 2 })} %` : '—',
      sub: over(value, 'target'),
      flag,
      title: `Share of the target's members LiRA finds while flagging at most ${formatFpr(fpr)} of its non-members (%), mean ± std over target models.`,
    });
  }

  const auc = meanStd(lira?.summary.auc ?? summary?.auc);
  cards.push({
    key: 'auc',
    label: 'LiRA AUC',
    value: auc ? formatMeanStd(auc, { digits: 3 }) : '—',
    sub: over(auc, 'target'),
    flag: null,
    title: 'Area under the ROC curve of LiRA (0.5 is chance), mean ± std over target models.',
  });

  const update = detail.config.method.update;
  if (update.kind === 'dp-sgd') {
    const epsilon = summary?.epsilon ?? null;
    const delta = summary?.delta ?? update.delta;
    const finite = typeof epsilon === 'number' && Number.isFinite(epsilon);
    cards.push({
      key: 'epsilon',
      label: 'DP-SGD ε',
      value: finite ? (epsilon < 100 ? epsilon.toFixed(2) : epsilon.toExponential(2)) : '—',
      sub: `at δ = ${delta}; σ = ${update.noiseMultiplier}, C = ${update.clipNorm}${update.sampling === 'fixed' ? '; fixed batches are outside the accountant’s assumptions' : ''}`,
      flag: finite && epsilon > VACUOUS_EPSILON ? 'vacuous: above 10³ the bound says nothing' : null,
      title: 'The largest ε over the models from the RDP accountant (Poisson sampling), at the method’s δ.',
    });
  }
  return cards;
}

/** What the CLI prints of studies: the results table (accuracy and leakage, mean ± std), memorization and influence. */
import type { InfluenceResult, MemorizationResult, StudySummary } from '../../src-shared/analysis';
import { methodLabel } from '../../src-shared/config/method';
import { formatFpr, formatMeanStd } from '../../src-shared/format';
import type { StudyRecord } from '../store';
import { renderTable } from './table';

/** One row per study: natural and robust accuracy, TPR at each FPR, AUC (LiRA unless configured otherwise). */
export function resultsTable(studies: StudyRecord[]): string {
  const fprs = [...new Set(studies.flatMap((s) => s.config.attacks.fprs.filter((f) => f >= 0.001)))].sort((a, b) => b - a);
  const header = ['Study', 'Method', 'Status', 'Natural acc %', 'Robust acc %', ...fprs.map((f) => `TPR@${formatFpr(f)} FPR %`), 'AUC', 'ε'];
  const rows = studies.map((study) => {
    const summary = study.summary as unknown as StudySummary | null;
    return [
      study.name,
      methodLabel(study.config.method, study.config.training),
      study.status,
      formatMeanStd(summary?.naturalAccuracy, { percent: true }),
      formatMeanStd(summary?.robustAccuracy, { percent: true }),
      ...fprs.map((f) => formatMeanStd(summary?.tpr[String(f)], { percent: true, digits: 2 })),
      formatMeanStd(summary?.auc),
      summary?.epsilon === null || summary?.epsilon === undefined ? '—' : summary.epsilon > 1e3 ? 'vacuous (> 10^3)' : summary.epsilon.toFixed(2),
    ];
  });
  return renderTable(header, rows);
}

/** The same results as JSON for scripts. */
export function resultsJson(studies: StudyRecord[]): unknown {
  return studies.map((s) => ({ id: s.id, name: s.name, method: methodLabel(s.config.method, s.config.training), status: s.status, error: s.error, durationSeconds: s.durationSeconds, summary: s.summary }));
}

/**
 * A study's memorization estimates: their spread, DeMem Fig. 1's leakage and accuracy per
 * memorization bin, and the most memorised samples (by position in the study's population).
 */
export function memorizationText(result: MemorizationResult, mem: Float32Array | null, top = 10): string {
  const lines = [
    `Memorization (${result.label}, ${result.models} models): mean ${result.mean.toFixed(3)}; ${result.highlyMemorized} samples above 0.25; ${result.undefinedCount} without an estimate`,
    '',
    renderTable(
      ['Memorization', 'Samples', `LiRA TPR@${formatFpr(result.fpr)} FPR %`, 'OUT acc %'],
      result.bins
        .filter((b) => b.count > 0)
        .map((b) => [
          b.bin === 0 ? 'mem ≤ 0' : `(${b.lower.toFixed(2)}, ${b.upper.toFixed(2)}]`,
          String(b.count),
          formatMeanStd(b.tpr, { percent: true, digits: 2 }),
          Number.isFinite(b.outAccuracy) ? (b.outAccuracy * 100).toFixed(1) : '—',
        ]),
    ),
  ];
  if (mem) {
    const order = [...mem.keys()].filter((i) => Number.isFinite(mem[i]!)).sort((a, b) => mem[b]! - mem[a]!);
    lines.push('', `Most memorised: ${order.slice(0, top).map((i) => `#${i} (${mem[i]!.toFixed(2)})`).join(', ')}`);
  }
  return lines.join('\n');
}

/** Held-out accuracy per influence-entropy bucket (bucket 1 = lowest entropy, the atypical points). */
export function influenceText(result: InfluenceResult): string {
  return [
    `Influence-entropy buckets (${result.testPoints} held-out points, threshold ${result.threshold}, entropy over ${result.entropyOver}; ${result.noInfluencer} without an influencer):`,
    '',
    renderTable(
      ['Bucket', 'Points', 'Accuracy %'],
      result.buckets.map((b) => [String(b.bucket), String(b.count), Number.isFinite(b.accuracy) ? (b.accuracy * 100).toFixed(1) : '—']),
    ),
  ].join('\n');
}

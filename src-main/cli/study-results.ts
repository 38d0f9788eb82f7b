/** The results table of studies: accuracy and leakage, each mean ± std over models or targets. */
import type { StudySummary } from '../../src-shared/analysis';
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
      methodLabel(study.config.method),
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
  return studies.map((s) => ({ id: s.id, name: s.name, method: methodLabel(s.config.method), status: s.status, error: s.error, durationSeconds: s.durationSeconds, summary: s.summary }));
}

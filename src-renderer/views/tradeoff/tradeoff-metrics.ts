/**
 * What the trade-off plot can show: privacy metrics (TPR at each FPR the studies report, AUC, DP ε;
 * lower leaks less) against utility metrics (natural or robust accuracy; higher is better), read
 * from each completed study's summary as mean ± std; the method families that colour the points;
 * the CSV of what is plotted.
 */
import type { MeanStd, StudySummary } from '../../../src-shared/analysis';
import { formatFpr } from '../../../src-shared/format';
import type { StudyRow } from '../../../src-shared/studies';
import type { Sweep } from './sweeps';

export interface MetricDef {
  id: string;
  label: string;
  /** Values are fractions shown as percentages. */
  percent: boolean;
  get: (summary: StudySummary) => MeanStd | null;
}

const finiteMean = (m: MeanStd | null | undefined): MeanStd | null => (m && Number.isFinite(m.mean) ? m : null);

/**
 * The privacy metrics the rows can show: TPR at every FPR found in their summaries (largest FPR
 * first), then AUC, then DP ε where any study has one.
 */
export function privacyMetrics(rows: readonly StudyRow[]): MetricDef[] {
  const fprs = new Set<string>();
  let anyEpsilon = false;
  for (const row of rows) {
    for (const key of Object.keys(row.summary?.tpr ?? {})) fprs.add(key);
    if (row.summary?.epsilon !== null && row.summary?.epsilon !== undefined) anyEpsilon = true;
  }
  const tprs = [...fprs]
    .filter((k) => Number.isFinite(Number(k)))
    .sort((a, b) => Number(b) - Number(a))
    .map((key): MetricDef => ({ id: `tpr@${key}`, label: `TPR at ${formatFpr(Number(key))} FPR`, percent: true, get: (s) => finiteMean(s.tpr[key]) }));
  const auc: MetricDef = { id: 'auc', label: 'Attack AUC', percent: false, get: (s) => finiteMean(s.auc) };
  const epsilon: MetricDef = {
    id: 'epsilon',
    label: 'DP ε',
    percent: false,
    get: (s) => (s.epsilon === null || !Number.isFinite(s.epsilon) ? null : { mean: s.epsilon, std: Number.NaN, n: 1 }),
  };
  return [...tprs, auc, ...(anyEpsilon ? [epsilon] : [])];
}

export const UTILITY_METRICS: MetricDef[] = [
  { id: 'natural', label: 'Natural accuracy', percent: true, get: (s) => finiteMean(s.naturalAccuracy) },
  { id: 'robust', label: 'Robust accuracy', percent: true, get: (s) => finiteMean(s.robustAccuracy) },
];

/** The default privacy metric: TPR at 0.1% FPR where the studies report it, else the first. */
export function defaultPrivacyMetric(metrics: readonly MetricDef[]): MetricDef | undefined {
  return metrics.find((m) => m.id === 'tpr@0.001') ?? metrics[0];
}

const OBJECTIVES: Record<string, string> = { erm: 'ERM', 'pgd-at': 'PGD-AT', trades: 'TRADES' };
const UPDATES: Record<string, string> = { sam: 'SAM', asam: 'ASAM', sharpreg: 'SharpReg', 'dp-sgd': 'DP-SGD' };

/**
 * The method family of a study (objective + update + DeMem, without parameter values), which
 * colours its point: "ERM", "PGD-AT + DeMem", "DP-SGD + PGD-AT", "SAM".
 */
export function methodFamily(params: Readonly<Record<string, number | string>>): string {
  const objective = OBJECTIVES[String(params.objective)] ?? String(params.objective ?? 'ERM');
  const update = params.update && params.update !== 'plain' ? (UPDATES[String(params.update)] ?? String(params.update)) : null;
  const parts = update ? [update, ...(objective === 'ERM' ? [] : [objective])] : [objective];
  if (params.lambda !== undefined) parts.push('DeMem');
  return parts.join(' + ');
}

/** Ten colours that stay apart in both themes (Tableau 10). */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** A colour per family, assigned in name order so a family keeps its colour as studies come and go. */
export function familyColours(families: Iterable<string>): Map<string, string> {
  return new Map([...new Set(families)].sort().map((f, i) => [f, PALETTE[i % PALETTE.length]!]));
}

export interface TradeoffPoint {
  id: string;
  name: string;
  methodLabel: string;
  family: string;
  /** Privacy (leakage). */
  x: number;
  xStd: number | null;
  /** Utility. */
  y: number;
  yStd: number | null;
  pinned: boolean;
}

const stdOrNull = (m: MeanStd): number | null => (Number.isFinite(m.std) ? m.std : null);

/** The plotted points: completed studies that have both metrics. */
export function tradeoffPoints(rows: readonly StudyRow[], privacy: MetricDef, utility: MetricDef): TradeoffPoint[] {
  return rows.flatMap((row) => {
    if (row.status !== 'completed' || !row.summary) return [];
    const x = privacy.get(row.summary);
    const y = utility.get(row.summary);
    if (!x || !y) return [];
    return [{ id: row.id, name: row.name, methodLabel: row.methodLabel, family: methodFamily(row.params), x: x.mean, xStd: stdOrNull(x), y: y.mean, yStd: stdOrNull(y), pinned: row.pinned }];
  });
}

/** The ids of points inside a rectangle of data coordinates (corners in any order, edges included). */
export function pointsInRect(points: readonly TradeoffPoint[], x0: number, x1: number, y0: number, y1: number): string[] {
  const [xl, xh] = x0 <= x1 ? [x0, x1] : [x1, x0];
  const [yl, yh] = y0 <= y1 ? [y0, y1] : [y1, y0];
  return points.filter((p) => p.x >= xl && p.x <= xh && p.y >= yl && p.y <= yh).map((p) => p.id);
}

/** The swept values of a study, as "DeMem λ = 0.2" phrases. */
export function sweepPhrases(id: string, sweeps: readonly Sweep[]): string[] {
  return sweeps.flatMap((s) => {
    const at = s.ids.indexOf(id);
    return at < 0 ? [] : [`${s.label} = ${s.values[at]}`];
  });
}

/** The table behind the plot (for its CSV): both metrics with their std, the frontier flag and the sweeps. */
export function tradeoffTable(
  points: readonly TradeoffPoint[],
  privacy: MetricDef,
  utility: MetricDef,
  frontier: readonly string[],
  sweeps: readonly Sweep[],
  selected: readonly string[],
): { header: string[]; rows: Array<Array<string | number | null>> } {
  const onFrontier = new Set(frontier);
  const chosen = new Set(selected);
  return {
    header: ['study_id', 'name', 'method', 'family', 'privacy_metric', 'privacy_mean', 'privacy_std', 'utility_metric', 'utility_mean', 'utility_std', 'pareto', 'sweeps', 'pinned', 'selected'],
    rows: points.map((p) => [
      p.id,
      p.name,
      p.methodLabel,
      p.family,
      privacy.id,
      p.x,
      p.xStd,
      utility.id,
      p.y,
      p.yStd,
      onFrontier.has(p.id) ? 1 : 0,
      sweepPhrases(p.id, sweeps).join('; '),
      p.pinned ? 1 : 0,
      chosen.has(p.id) ? 1 : 0,
    ]),
  };
}

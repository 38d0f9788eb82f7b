/**
 * The columns of the studies table: what each shows, sorts and filters on. Metrics come from the
 * study's summary as mean ± std over its target models (formatMeanStd), accuracies and TPRs in
 * percent; a DP ε beyond 10³ promises nothing and says so.
 */
import type { MeanStd } from '../../../src-shared/analysis';
import { formatDuration, formatFpr, formatMeanStd } from '../../../src-shared/format';
import type { StudyRow } from '../../../src-shared/studies';
import { formatNumberValue } from '../../components/form/form-values';
import type { Column } from '../../components/table/table-model';

/** Above this ε a DP guarantee is vacuous (e^ε exceeds any meaningful bound). */
export const VACUOUS_EPSILON = 1e3;

/** A DP ε as shown: "4.63", "vacuous (> 10^3)", or "—" when the method is not DP. */
export function formatEpsilon(epsilon: number | null | undefined): string {
  if (epsilon === null || epsilon === undefined || Number.isNaN(epsilon)) return '—';
  if (epsilon > VACUOUS_EPSILON) return 'vacuous (> 10^3)';
  return Number(epsilon.toPrecision(3)).toString();
}

/** A method parameter as shown: multiples of 1/255 as "8/255", others as they are. */
export function formatParam(value: number | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : formatNumberValue(value, { fraction: true });
}

/** "2024-05-01 14:03" in local time; the ISO text when it is not a date. */
export function formatCreated(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The summary key of an FPR, as the analysis writes it (String(0.001) = "0.001"). */
export const fprKey = (fpr: number): string => String(fpr);

const meanOf = (m: MeanStd | null | undefined): number | null => (m && Number.isFinite(m.mean) ? m.mean : null);

function metricColumn(
  id: string,
  label: string,
  title: string,
  get: (row: StudyRow) => MeanStd | null | undefined,
  options: { percent: boolean; digits?: number; width: number },
): Column<StudyRow> {
  const { percent, digits, width } = options;
  const scale = percent ? 100 : 1;
  return {
    id,
    label,
    title,
    align: 'right',
    width,
    value: (row) => meanOf(get(row)),
    numeric: (row) => {
      const mean = meanOf(get(row));
      return mean === null ? null : mean * scale;
    },
    text: (row) => formatMeanStd(get(row), { percent, ...(digits === undefined ? {} : { digits }) }),
  };
}

/** The method parameters of `row.params` with a column each: key, symbol, meaning. */
const PARAMS: Array<[key: string, label: string, title: string]> = [
  ['lambda', 'λ', 'DeMem λ: weight of the batch variance of adversarial losses'],
  ['beta', 'β', 'TRADES β'],
  ['rho', 'ρ', 'SAM / ASAM / SharpReg radius ρ'],
  ['sigma', 'σ', 'DP-SGD noise multiplier σ'],
  ['clipNorm', 'C', 'DP-SGD clipping norm C'],
  ['epsilon', 'ε', 'Training PGD ε (inputs in [0, 1])'],
  ['steps', 'steps', 'Training PGD steps'],
  ['sharpLambda', 'λ SR', 'SharpReg λ'],
  ['gamma', 'γ', 'SharpReg γ'],
];

/** The key parameters in a few words: "λ 0.2 · ε 8/255 · steps 2". */
export function formatParams(params: Readonly<Record<string, number | string>>): string {
  return PARAMS.filter(([key]) => params[key] !== undefined)
    .map(([key, label]) => `${label} ${formatParam(params[key])}`)
    .join(' · ');
}

function paramColumn(key: string, label: string, title: string): Column<StudyRow> {
  const get = (row: StudyRow) => row.params[key];
  return {
    id: key,
    label,
    title,
    align: 'right',
    width: 64,
    hiddenByDefault: true,
    value: (row) => get(row) ?? null,
    numeric: (row) => {
      const v = get(row);
      return typeof v === 'number' ? v : null;
    },
    text: (row) => formatParam(get(row)),
  };
}

/** The order in which statuses sort: what needs attention first. */
const STATUS_ORDER: Record<StudyRow['status'], number> = { running: 0, queued: 1, interrupted: 2, failed: 3, cancelled: 4, completed: 5 };

/**
 * Every column of the studies table.
 * Args: tprFpr, the FPR of the TPR column (0.001 by default: TPR at 0.1% FPR).
 */
export function studyColumns(tprFpr = 0.001): Array<Column<StudyRow>> {
  const key = fprKey(tprFpr);
  return [
    { id: 'name', label: 'Name', width: 145, value: (r) => r.name, text: (r) => r.name },
    { id: 'method', label: 'Method', width: 160, value: (r) => r.methodLabel, text: (r) => r.methodLabel },
    {
      id: 'status',
      label: 'Status',
      width: 140,
      value: (r) => STATUS_ORDER[r.status] * 1e6 + (r.modelsTotal ? r.modelsDone / r.modelsTotal : 0),
      text: (r) => `${r.status} ${r.modelsDone}/${r.modelsTotal}`,
      numeric: (r) => (r.modelsTotal ? (100 * r.modelsDone) / r.modelsTotal : null),
      title: 'Status and models trained (filter by status, or by percent done with >50)',
    },
    metricColumn('natural', 'Natural %', 'Natural accuracy: on samples the model did not train on, mean ± std over models, %', (r) => r.summary?.naturalAccuracy, { percent: true, width: 100 }),
    metricColumn('robust', 'Robust %', 'Robust accuracy: under the study’s PGD attack, mean ± std over models, %', (r) => r.summary?.robustAccuracy, { percent: true, width: 100 }),
    metricColumn('tpr', `TPR@${formatFpr(tprFpr)}`, `Membership-inference TPR at ${formatFpr(tprFpr)} FPR (LiRA by default), mean ± std over targets, %`, (r) => r.summary?.tpr[key], { percent: true, digits: 2, width: 108 }),
    metricColumn('auc', 'AUC', 'Membership-inference ROC AUC, mean ± std over targets', (r) => r.summary?.auc, { percent: false, width: 116 }),
    {
      id: 'dpEpsilon',
      label: 'ε (DP)',
      title: 'DP-SGD: the largest ε over the models at the method’s δ',
      align: 'right',
      width: 80,
      value: (r) => r.summary?.epsilon ?? null,
      numeric: (r) => r.summary?.epsilon ?? null,
      text: (r) => formatEpsilon(r.summary?.epsilon),
    },
    {
      id: 'params',
      label: 'Parameters',
      title: 'The method’s key parameters (each also has its own column, hidden at first)',
      width: 140,
      value: (r) => formatParams(r.params) || null,
      text: (r) => formatParams(r.params),
    },
    { id: 'dataset', label: 'Dataset', width: 90, value: (r) => r.datasetId, text: (r) => r.datasetId },
    { id: 'model', label: 'Model', width: 70, value: (r) => r.modelKind, text: (r) => r.modelKind },
    ...PARAMS.map(([param, label, title]) => paramColumn(param, label, title)),
    { id: 'created', label: 'Created', width: 130, value: (r) => r.createdAt, text: (r) => formatCreated(r.createdAt) },
    {
      id: 'duration',
      label: 'Duration',
      align: 'right',
      width: 100,
      value: (r) => r.durationSeconds,
      numeric: (r) => r.durationSeconds,
      text: (r) => formatDuration(r.durationSeconds),
      title: 'Wall-clock time of the run (seconds in filters)',
    },
    { id: 'tags', label: 'Tags', width: 150, value: (r) => r.tags.join(', ') || null, text: (r) => r.tags.join(', ') },
    { id: 'notes', label: 'Notes', width: 200, hiddenByDefault: true, value: (r) => r.notes || null, text: (r) => r.notes },
    { id: 'id', label: 'Id', width: 120, hiddenByDefault: true, value: (r) => r.id, text: (r) => r.id },
  ];
}

/** What the search box matches: name, tags, notes and method. */
export function studySearchText(row: StudyRow): string {
  return `${row.name} ${row.tags.join(' ')} ${row.notes} ${row.methodLabel}`;
}

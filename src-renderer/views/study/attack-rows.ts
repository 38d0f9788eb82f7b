/** The table of every attack of a study: AUC, TPR at each FPR, attack accuracy, each mean ± std over targets, with the notes. */
import type { AttackResult, MeanStd } from '../../../src-shared/analysis';
import { formatFpr, formatMeanStd } from '../../../src-shared/format';

export interface AttackRow {
  kind: AttackResult['kind'];
  label: string;
  auc: MeanStd;
  tpr: Array<MeanStd | null>;
  /** The attack's own decision rule, where it has one; else null. */
  attackAccuracy: MeanStd | null;
  balancedAccuracy: MeanStd;
  targets: number;
  notes: string[];
}

/** The display order of attacks (the strongest-known first, as the papers report them). */
const ORDER = ['lira', 'rmia', 'loss', 'confidence', 'entropy', 'modified-entropy', 'correctness', 'label-only', 'noise', 'nn'];

/** Every FPR any attack reports, largest first (1%, 0.1%, …). */
export function attackFprs(attacks: readonly AttackResult[]): number[] {
  const all = new Set<number>();
  for (const a of attacks) for (const t of a.summary.tpr) all.add(t.fpr);
  return [...all].sort((a, b) => b - a);
}

/** One row per attack, in ORDER; the TPR columns follow `fprs`. */
export function attackRows(attacks: readonly AttackResult[], fprs: readonly number[]): AttackRow[] {
  return [...attacks]
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
    .map((a) => ({
      kind: a.kind,
      label: a.label,
      auc: a.summary.auc,
      tpr: fprs.map((f) => a.summary.tpr.find((t) => t.fpr === f) ?? null),
      attackAccuracy: a.summary.attackAccuracy,
      balancedAccuracy: a.summary.balancedAccuracy,
      targets: a.targets.length,
      notes: a.notes,
    }));
}

const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The rows as CSV columns: every mean and std apart, so a spreadsheet can use them. */
export function attackCsv(rows: readonly AttackRow[], fprs: readonly number[]): { header: string[]; rows: Array<Array<string | number | null>> } {
  const header = [
    'attack',
    'label',
    'targets',
    'auc_mean',
    'auc_std',
    ...fprs.flatMap((f) => [`tpr_at_${f}_mean`, `tpr_at_${f}_std`]),
    'attack_accuracy_mean',
    'attack_accuracy_std',
    'balanced_accuracy_mean',
    'balanced_accuracy_std',
    'notes',
  ];
  return {
    header,
    rows: rows.map((r) => [
      r.kind,
      r.label,
      r.targets,
      num(r.auc.mean),
      num(r.auc.std),
      ...r.tpr.flatMap((t) => [num(t?.mean), num(t?.std)]),
      num(r.attackAccuracy?.mean),
      num(r.attackAccuracy?.std),
      num(r.balancedAccuracy.mean),
      num(r.balancedAccuracy.std),
      r.notes.join('; '),
    ]),
  };
}

/** Column titles for the TPR columns, e.g. "TPR @ 0.1% FPR". */
export const tprTitle = (fpr: number): string => `TPR @ ${formatFpr(fpr)} FPR`;

/** A cell: "93.4 ± 0.6" in percent, or the AUC as a fraction. */
export const cell = (value: MeanStd | null, percent: boolean): string => formatMeanStd(value, percent ? { percent: true, digits: 2 } : { digits: 3 });

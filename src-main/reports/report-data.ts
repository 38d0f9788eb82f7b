/** What a report reads of a study: its record, summary and analyses. */
import type { AccuracySummary, AttackKind, AttackResult, InfluenceResult, MeanStd, MemorizationResult, StudySummary } from '../../src-shared/analysis';
import type { Store, StudyRecord } from '../store';

export interface StudyData {
  study: StudyRecord;
  summary: StudySummary;
  accuracy: AccuracySummary | null;
  attacks: Map<AttackKind, AttackResult>;
  memorization: MemorizationResult | null;
  influence: InfluenceResult | null;
  store: Store;
}

/** Loads a completed study's results. */
export function studyData(store: Store, study: StudyRecord): StudyData {
  const analyses = store.analyses.list(study.id);
  const find = <T>(kind: string) => (analyses.find((a) => a.kind === kind)?.result as T | undefined) ?? null;
  const attacks = new Map<AttackKind, AttackResult>();
  for (const a of analyses) {
    const result = a.result as AttackResult;
    if (result && typeof result === 'object' && 'targets' in result && 'kind' in result) attacks.set(result.kind, result);
  }
  return {
    study,
    summary: study.summary as unknown as StudySummary,
    accuracy: find<AccuracySummary>('accuracy'),
    attacks,
    memorization: find<MemorizationResult>('memorization'),
    influence: find<InfluenceResult>('influence'),
    store,
  };
}

/** TPR of LiRA (or the headline attack) at `fpr`, mean ± std over targets. */
export function tprAt(data: StudyData, fpr: number): MeanStd | null {
  return data.summary?.tpr[String(fpr)] ?? null;
}

/** The best single-query attack: the threshold or NN attack with the highest mean accuracy (the SAM paper's "DSQ"). */
export function bestSingleQuery(data: StudyData): { kind: AttackKind; accuracy: MeanStd } | null {
  let best: { kind: AttackKind; accuracy: MeanStd } | null = null;
  for (const kind of ['loss', 'confidence', 'entropy', 'modified-entropy', 'nn'] as const) {
    const accuracy = data.attacks.get(kind)?.summary.attackAccuracy;
    if (accuracy && (!best || accuracy.mean > best.accuracy.mean)) best = { kind, accuracy };
  }
  return best;
}

/** The label-only attack's accuracy (noise robustness for binary features, augmentations for images). */
export function labelOnlyAccuracy(data: StudyData): MeanStd | null {
  return data.attacks.get('noise')?.summary.attackAccuracy ?? data.attacks.get('label-only')?.summary.attackAccuracy ?? null;
}

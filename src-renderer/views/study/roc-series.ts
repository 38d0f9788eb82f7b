/**
 * Which ROC curves the study page draws for an attack: alone, every target (thin) and the pooled
 * curve; compared with other studies, one pooled curve per study. Also splits an attack's scores by
 * membership for the histograms.
 */
import type { AttackKind, AttackResult } from '../../../src-shared/analysis';
import type { StudyAnalysisView } from '../../../src-shared/views';
import type { RocCurveInput } from '../../plots/roc';

export interface StudyAnalysisEntry {
  id: string;
  name: string;
  color: string;
  analysis: StudyAnalysisView | null;
}

export type ColoredRoc = RocCurveInput & { color: string };

/**
 * The curves for `attack`. Args: studies — this study first, then the compared ones.
 * Returns: the curves, and the compared studies that have no result for this attack.
 */
export function rocSeries(attack: AttackKind, studies: readonly StudyAnalysisEntry[]): { curves: ColoredRoc[]; missing: string[] } {
  const [own, ...others] = studies;
  if (!own) return { curves: [], missing: [] };
  const missing: string[] = [];
  if (others.length === 0) {
    const result = own.analysis?.attacks.find((a) => a.kind === attack);
    if (!result) return { curves: [], missing: [own.name] };
    const targets: ColoredRoc[] = result.targets.map((t) => ({
      key: `target-${t.target}`,
      label: `target ${t.target}`,
      kind: 'target',
      fpr: t.roc.fpr,
      tpr: t.roc.tpr,
      auc: t.auc,
      fprFloor: t.fprFloor,
      operating: t.tpr,
      color: own.color,
    }));
    const pooled = pooledCurve(result, 'pooled', `pooled over ${result.targets.length} target${result.targets.length === 1 ? '' : 's'}`, own.color);
    return { curves: [...targets, pooled], missing };
  }
  const curves: ColoredRoc[] = [];
  for (const study of studies) {
    const result = study.analysis?.attacks.find((a) => a.kind === attack);
    if (!result) {
      missing.push(study.name);
      continue;
    }
    curves.push(pooledCurve(result, study.id, study.name, study.color));
  }
  return { curves, missing };
}

/** An attack's pooled ROC (all targets' scores together) as a curve. */
function pooledCurve(result: AttackResult, key: string, label: string, color: string): ColoredRoc {
  const { roc, auc, fprFloor, tpr } = result.pooled;
  return { key, label, kind: 'pooled', fpr: roc.fpr, tpr: roc.tpr, auc, fprFloor, operating: tpr, color };
}

/**
 * An attack's scores split into members and non-members of the target (scores may be null where
 * the attack has no value).
 * @throws RangeError when the two arrays differ in length.
 */
export function splitByMembership(scores: ReadonlyArray<number | null>, member: readonly number[]): { members: Array<number | null>; nonMembers: Array<number | null> } {
  if (scores.length !== member.length) throw new RangeError(`${scores.length} scores but ${member.length} membership flags`);
  const members: Array<number | null> = [];
  const nonMembers: Array<number | null> = [];
  for (let i = 0; i < scores.length; i++) (member[i] === 1 ? members : nonMembers).push(scores[i] ?? null);
  return { members, nonMembers };
}

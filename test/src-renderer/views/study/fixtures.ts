/** Small, hand-made study records for the view-model tests (shapes as the bridge sends them). */
import type { AttackResult, TprAt } from '../../../../src-shared/analysis';
import { StudyConfigSchema } from '../../../../src-shared/config/study';
import type { StudyDetail } from '../../../../src-shared/studies';
import type { StudyAnalysisView } from '../../../../src-shared/views';

const tprAt = (fpr: number, tpr: number, belowFloor: boolean): TprAt => ({ fpr, tpr, threshold: 1, achievedFpr: belowFloor ? 0 : fpr, belowFloor, ci: [0, 1] });

export function attack(kind: AttackResult['kind'], label: string, over: Partial<AttackResult> = {}): AttackResult {
  const target = (t: number, below: boolean) => ({
    target: t,
    auc: 0.6,
    balancedAccuracy: 0.55,
    logLogAuc: 0.3,
    nMembers: 100,
    nNonMembers: 500,
    nExcluded: 0,
    fprFloor: 0.002,
    tpr: [tprAt(0.01, 0.05, false), tprAt(0.001, 0.01, false), tprAt(0.00001, 0.002, below)],
    roc: { fpr: [0, 0.5, 1], tpr: [0, 0.6, 1] },
  });
  return {
    kind,
    label,
    options: {},
    targets: [target(0, true), target(1, true)],
    summary: {
      auc: { mean: 0.6, std: 0.01, n: 2 },
      balancedAccuracy: { mean: 0.55, std: 0.02, n: 2 },
      logLogAuc: { mean: 0.3, std: 0.01, n: 2 },
      tpr: [
        { fpr: 0.01, mean: 0.05, std: 0.004, n: 2 },
        { fpr: 0.001, mean: 0.01, std: 0.002, n: 2 },
        { fpr: 0.00001, mean: 0.002, std: 0.001, n: 2 },
      ],
      attackAccuracy: null,
    },
    pooled: { auc: 0.6, balancedAccuracy: 0.55, nMembers: 200, nNonMembers: 1000, fprFloor: 0.001, tpr: [tprAt(0.01, 0.05, false)], roc: { fpr: [0, 1], tpr: [0, 1] } },
    notes: [],
    ...over,
  };
}

export function detail(configOver: Record<string, unknown> = {}, over: Partial<StudyDetail> = {}): StudyDetail {
  const config = StudyConfigSchema.parse({
    name: 'fixture',
    dataset: { id: 'digits', limit: 300, heldOut: 40 },
    model: { kind: 'mlp', hidden: [16] },
    robust: { steps: 2, maxSamples: 20 },
    ...configOver,
  });
  return {
    id: 's1',
    name: 'fixture',
    datasetId: 'digits',
    modelKind: 'mlp',
    methodLabel: 'ERM',
    params: {},
    status: 'completed',
    error: null,
    modelsDone: 4,
    modelsTotal: 4,
    summary: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    durationSeconds: 12,
    tags: [],
    notes: '',
    archived: false,
    pinned: false,
    config,
    design: null,
    backend: 'wasm',
    backendVersions: null,
    appVersion: '0.1.0',
    models: [],
    log: [],
    ...over,
  };
}

export function analysis(attacks: AttackResult[]): StudyAnalysisView {
  return {
    design: null,
    accuracy: {
      natural: { mean: 0.934, std: 0.006, n: 4 },
      robust: { mean: 0.41, std: 0.02, n: 4 },
      train: { mean: 0.99, std: 0.001, n: 4 },
      perModel: [],
    },
    attacks,
    memorization: null,
    influence: null,
  };
}

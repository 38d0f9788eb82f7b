/** Study rows for the view-model tests, with every field filled and overrides where a test needs them. */
import type { StudySummary } from '../../../../src-shared/analysis';
import type { StudyRow } from '../../../../src-shared/studies';

export const ms = (mean: number, std: number, n = 4) => ({ mean, std, n });

export function summary(overrides: Partial<StudySummary> = {}): StudySummary {
  return {
    naturalAccuracy: ms(0.9, 0.01),
    robustAccuracy: ms(0.4, 0.02),
    attack: 'lira',
    auc: ms(0.6, 0.03),
    tpr: { '0.01': ms(0.05, 0.01), '0.001': ms(0.012, 0.004), '0.00001': ms(0.001, 0.001) },
    epsilon: null,
    delta: null,
    ...overrides,
  };
}

export function row(overrides: Partial<StudyRow> = {}): StudyRow {
  return {
    id: 'id-1',
    name: 'Study',
    datasetId: 'digits',
    modelKind: 'mlp',
    methodLabel: 'ERM',
    params: { objective: 'erm', update: 'plain' },
    status: 'completed',
    error: null,
    modelsDone: 4,
    modelsTotal: 4,
    summary: summary(),
    createdAt: '2025-01-02T03:04:05.000Z',
    startedAt: '2025-01-02T03:04:06.000Z',
    finishedAt: '2025-01-02T03:05:06.000Z',
    durationSeconds: 61,
    tags: [],
    notes: '',
    archived: false,
    pinned: false,
    ...overrides,
  };
}

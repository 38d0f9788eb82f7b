import { describe, expect, it } from 'vitest';
import {
  defaultPrivacyMetric,
  familyColours,
  methodFamily,
  PALETTE,
  pointsInRect,
  privacyMetrics,
  sweepPhrases,
  tradeoffPoints,
  tradeoffTable,
  UTILITY_METRICS,
} from '../../../../src-renderer/views/tradeoff/tradeoff-metrics';
import { ms, row, summary } from '../studies/study-fixtures';

const rows = [
  row({ id: 'a', name: 'ERM', summary: summary({ auc: ms(0.62, 0.02), naturalAccuracy: ms(0.95, 0.01) }) }),
  row({ id: 'b', name: 'DP', params: { objective: 'erm', update: 'dp-sgd', sigma: 1, clipNorm: 1 }, summary: summary({ epsilon: 4.6, delta: 1e-5, robustAccuracy: null }) }),
  row({ id: 'c', name: 'Running', status: 'running', summary: null }),
];
const auc = () => privacyMetrics(rows).find((m) => m.id === 'auc')!;
const natural = UTILITY_METRICS[0]!;

describe('trade-off metrics', () => {
  it('offers TPR at every FPR the summaries hold (largest first), AUC, and ε where a study has one', () => {
    const metrics = privacyMetrics(rows);
    expect(metrics.map((m) => m.id)).toEqual(['tpr@0.01', 'tpr@0.001', 'tpr@0.00001', 'auc', 'epsilon']);
    expect(metrics.map((m) => m.label)).toEqual(['TPR at 1% FPR', 'TPR at 0.1% FPR', 'TPR at 0.001% FPR', 'Attack AUC', 'DP ε']);
    expect(defaultPrivacyMetric(metrics)?.id).toBe('tpr@0.001');
    expect(privacyMetrics([rows[0]!]).map((m) => m.id)).not.toContain('epsilon');
  });

  it('plots completed studies that have both metrics, with mean and std', () => {
    const points = tradeoffPoints(rows, auc(), natural);
    expect(points.map((p) => [p.id, p.x, p.xStd, p.y, p.yStd])).toEqual([
      ['a', 0.62, 0.02, 0.95, 0.01],
      ['b', 0.6, 0.03, 0.9, 0.01],
    ]);
    const epsilon = privacyMetrics(rows).find((m) => m.id === 'epsilon')!;
    expect(tradeoffPoints(rows, epsilon, natural).map((p) => [p.id, p.x, p.xStd])).toEqual([['b', 4.6, null]]);
    expect(tradeoffPoints(rows, auc(), UTILITY_METRICS[1]!).map((p) => p.id)).toEqual(['a']);
  });

  it('names method families without parameter values', () => {
    expect(methodFamily({ objective: 'erm', update: 'plain' })).toBe('ERM');
    expect(methodFamily({ objective: 'pgd-at', update: 'plain', lambda: 0.2 })).toBe('PGD-AT + DeMem');
    expect(methodFamily({ objective: 'pgd-at', update: 'dp-sgd', sigma: 1 })).toBe('DP-SGD + PGD-AT');
    expect(methodFamily({ objective: 'erm', update: 'sam', rho: 0.05 })).toBe('SAM');
    expect(methodFamily({ objective: 'trades', update: 'sharpreg' })).toBe('SharpReg + TRADES');
  });

  it('gives each family a stable colour', () => {
    const colours = familyColours(['SAM', 'ERM', 'SAM', 'DP-SGD']);
    expect([...colours]).toEqual([
      ['DP-SGD', PALETTE[0]],
      ['ERM', PALETTE[1]],
      ['SAM', PALETTE[2]],
    ]);
  });

  it('finds the points in a brushed rectangle, edges included, corners in any order', () => {
    const points = tradeoffPoints(rows, auc(), natural);
    expect(pointsInRect(points, 0.7, 0.61, 0.9, 1)).toEqual(['a']);
    expect(pointsInRect(points, 0.6, 0.62, 0.9, 0.95)).toEqual(['a', 'b']);
    expect(pointsInRect(points, 0, 0.1, 0, 1)).toEqual([]);
  });

  it('tabulates the plotted points with the frontier, the sweeps and the selection', () => {
    const points = tradeoffPoints(rows, auc(), natural);
    const sweeps = [{ parameter: 'method.update.noiseMultiplier', label: 'DP σ', ids: ['x', 'b'], values: [0.5, 1] }];
    expect(sweepPhrases('b', sweeps)).toEqual(['DP σ = 1']);
    const table = tradeoffTable(points, auc(), natural, ['b'], sweeps, ['a']);
    expect(table.header).toEqual(['study_id', 'name', 'method', 'family', 'privacy_metric', 'privacy_mean', 'privacy_std', 'utility_metric', 'utility_mean', 'utility_std', 'pareto', 'sweeps', 'pinned', 'selected']);
    expect(table.rows).toEqual([
      ['a', 'ERM', 'ERM', 'ERM', 'auc', 0.62, 0.02, 'natural', 0.95, 0.01, 0, '', 0, 1],
      ['b', 'DP', 'ERM', 'DP-SGD', 'auc', 0.6, 0.03, 'natural', 0.9, 0.01, 1, 'DP σ = 1', 0, 0],
    ]);
  });
});

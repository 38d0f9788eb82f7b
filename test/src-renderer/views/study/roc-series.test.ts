import { describe, expect, it } from 'vitest';
import { rocSeries, splitByMembership } from '../../../../src-renderer/views/study/roc-series';
import { analysis, attack } from './fixtures';

describe('rocSeries', () => {
  it('alone: one thin curve per target and the pooled curve, with their operating points', () => {
    const lira = attack('lira', 'LiRA');
    const { curves, missing } = rocSeries('lira', [{ id: 's1', name: 'A', color: '#111', analysis: analysis([lira]) }]);
    expect(missing).toEqual([]);
    expect(curves.map((c) => [c.key, c.kind])).toEqual([
      ['target-0', 'target'],
      ['target-1', 'target'],
      ['pooled', 'pooled'],
    ]);
    expect(curves[2]).toMatchObject({ fpr: lira.pooled.roc.fpr, tpr: lira.pooled.roc.tpr, auc: 0.6, fprFloor: 0.001, operating: lira.pooled.tpr, color: '#111' });
    expect(curves[0]!.fprFloor).toBe(0.002);
    expect(curves[2]!.label).toBe('pooled over 2 targets');
  });

  it('compared: one pooled curve per study, naming the studies without this attack', () => {
    const { curves, missing } = rocSeries('nn', [
      { id: 's1', name: 'A', color: '#111', analysis: analysis([attack('nn', 'NN')]) },
      { id: 's2', name: 'B', color: '#222', analysis: analysis([attack('lira', 'LiRA')]) },
      { id: 's3', name: 'C', color: '#333', analysis: null },
      { id: 's4', name: 'D', color: '#444', analysis: analysis([attack('nn', 'NN')]) },
    ]);
    expect(curves.map((c) => [c.key, c.label, c.kind, c.color])).toEqual([
      ['s1', 'A', 'pooled', '#111'],
      ['s4', 'D', 'pooled', '#444'],
    ]);
    expect(missing).toEqual(['B', 'C']);
  });

  it('has nothing to draw without the attack', () => {
    expect(rocSeries('rmia', [{ id: 's1', name: 'A', color: '#111', analysis: analysis([]) }])).toEqual({ curves: [], missing: ['A'] });
    expect(rocSeries('rmia', [])).toEqual({ curves: [], missing: [] });
  });
});

describe('splitByMembership', () => {
  it('splits scores by the membership flags, keeping nulls for the histogram to drop', () => {
    expect(splitByMembership([0.5, null, 2, 3], [1, 1, 0, 0])).toEqual({ members: [0.5, null], nonMembers: [2, 3] });
    expect(() => splitByMembership([1], [1, 0])).toThrow(/1 scores but 2 membership flags/);
  });
});

import { describe, expect, it } from 'vitest';
import { decadeTicks, logRocView, type RocCurveInput } from '../../../src-renderer/plots/roc';

const curve = (over: Partial<RocCurveInput> = {}): RocCurveInput => ({
  key: 'pooled',
  label: 'pooled',
  kind: 'pooled',
  // 1,000 non-members: the floor is 1e-3.
  fpr: [0, 0, 0.001, 0.01, 0.5, 1],
  tpr: [0, 0.02, 0.05, 0.2, 0.8, 1],
  auc: 0.7,
  fprFloor: 0.001,
  operating: [
    { fpr: 0.01, tpr: 0.2, belowFloor: false },
    { fpr: 0.001, tpr: 0.05, belowFloor: false },
    { fpr: 0.00001, tpr: 0.02, belowFloor: true },
  ],
  ...over,
});

describe('logRocView', () => {
  it('pins FPR = 0 to the left edge, drops the origin (a log axis has no zero), and counts them', () => {
    const view = logRocView([curve()]);
    expect(view.min).toBe(0.001);
    const [c] = view.curves;
    // (0,0) has no place; (0,0.02) → (min,0.02): the members found at zero false positives sit on the left edge.
    expect(c!.points[0]).toEqual([0.001, 0.02]);
    expect(c!.points[1]).toEqual([0.001, 0.05]);
    expect(c!.points.at(-1)).toEqual([1, 1]);
    expect(c!.pinned).toBe(2);
    for (const [x, y] of c!.points) {
      expect(x).toBeGreaterThanOrEqual(view.min);
      expect(y).toBeGreaterThanOrEqual(view.min);
    }
  });

  it('takes the decade below the smallest positive value or floor as the minimum of both axes', () => {
    const view = logRocView([curve({ fpr: [0, 0.0004, 1], tpr: [0, 0.3, 1], fprFloor: 0.0004 })]);
    expect(view.min).toBe(1e-4);
    expect(view.chance).toEqual([[1e-4, 1e-4], [1, 1]]);
    expect(decadeTicks(view.min)).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
  });

  it('never goes below the lowest allowed minimum', () => {
    const view = logRocView([curve({ fpr: [0, 1e-9, 1], tpr: [0, 1e-9, 1], fprFloor: 1e-9 })], { lowest: 1e-6 });
    expect(view.min).toBe(1e-6);
    expect(view.curves[0]!.points).toEqual([[1, 1]]);
  });

  it('pins TPR = 0 at a positive FPR to the bottom edge', () => {
    const view = logRocView([curve({ fpr: [0, 0.01, 1], tpr: [0, 0, 1], fprFloor: 0.01, operating: [] })]);
    expect(view.min).toBe(0.001);
    expect(view.curves[0]!.points).toEqual([[0.01, 0.001], [1, 1]]);
  });

  it('draws near-equal floors (targets with slightly different N_neg) as one line at the coarsest', () => {
    const view = logRocView([1 / 900, 1 / 910, 1 / 880].map((fprFloor, t) => curve({ key: `t${t}`, kind: 'target', fprFloor })));
    expect(view.floors).toEqual([{ fpr: 1 / 880, curves: ['t2', 't0', 't1'] }]);
  });

  it('draws the floor 1/N_neg once per distinct value, with the curves it belongs to', () => {
    const view = logRocView([
      curve({ key: 't0', kind: 'target', fprFloor: 0.002 }),
      curve({ key: 't1', kind: 'target', fprFloor: 0.002 }),
      curve({ key: 'pooled', fprFloor: 0.001 }),
    ]);
    expect(view.floors).toEqual([
      { fpr: 0.002, curves: ['t0', 't1'] },
      { fpr: 0.001, curves: ['pooled'] },
    ]);
  });

  it('marks the pooled curves at 0.1% and 1% FPR with their reported TPR', () => {
    const view = logRocView([curve({ key: 't0', kind: 'target' }), curve()]);
    expect(view.markers).toEqual([
      { curve: 'pooled', fpr: 0.001, tpr: 0.05, y: 0.05, belowFloor: false },
      { curve: 'pooled', fpr: 0.01, tpr: 0.2, y: 0.2, belowFloor: false },
    ]);
  });

  it('pins a zero TPR marker to the minimum but keeps the reported value', () => {
    const view = logRocView([curve({ operating: [{ fpr: 0.001, tpr: 0, belowFloor: true }] })]);
    expect(view.markers).toEqual([{ curve: 'pooled', fpr: 0.001, tpr: 0, y: view.min, belowFloor: true }]);
  });

  it('removes consecutive duplicate points and skips non-finite ones', () => {
    const view = logRocView([curve({ fpr: [0, 0.5, 0.5, NaN, 1], tpr: [0, 0.6, 0.6, 0.5, 1] })]);
    expect(view.curves[0]!.points).toEqual([[0.5, 0.6], [1, 1]]);
  });

  it('refuses a curve whose FPR and TPR lengths differ, naming it', () => {
    expect(() => logRocView([curve({ key: 'lira t3', fpr: [0, 1], tpr: [1] })])).toThrow(/"lira t3": 2 FPR values but 1 TPR values/);
  });
});

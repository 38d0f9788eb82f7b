import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auc,
  balancedAccuracy,
  downsampleRoc,
  fprFloor,
  logLogAuc,
  rocCurve,
  tprAtFpr,
} from '../../../src-main/attacks/roc';

const close = (actual: Float64Array, expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, k) => expect(Math.abs(actual[k]! - e)).toBeLessThan(1e-15));
};

describe('ROC test vector (SCIENCE.md §4.2)', () => {
  const scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.5, 0.4, 0.3, 0.2, 0.1];
  const labels = [1, 1, 0, 1, 0, 1, 0, 0, 1, 0];
  const roc = rocCurve(scores, labels);

  it('builds the sklearn curve with (0, 0) first', () => {
    close(roc.fpr, [0, 0, 0, 0.2, 0.2, 0.4, 0.4, 0.6, 0.8, 0.8, 1]);
    close(roc.tpr, [0, 0.2, 0.4, 0.4, 0.6, 0.6, 0.8, 0.8, 0.8, 1, 1]);
    expect(roc.thresholds[0]).toBe(Infinity);
    expect(Array.from(roc.thresholds.subarray(1))).toEqual(scores);
  });

  it('gives AUC 0.72, balanced accuracy 0.70 and both TPR@FPR conventions', () => {
    expect(auc(roc)).toBeCloseTo(0.72, 14);
    expect(balancedAccuracy(roc)).toBeCloseTo(0.7, 14);
    const strict = tprAtFpr(roc, 0.2);
    expect(strict.tpr).toBeCloseTo(0.4, 14);
    expect(strict.threshold).toBe(0.8);
    expect(strict.tp).toBe(2);
    expect(tprAtFpr(roc, 0.2, 'le').tpr).toBeCloseTo(0.6, 14);
    expect(tprAtFpr(roc, 0.2, 'le').threshold).toBe(0.6);
  });

  it('flags FPRs below 1/N_neg and reads TPR at zero false positives there', () => {
    expect(fprFloor(roc)).toBe(0.2);
    const low = tprAtFpr(roc, 0.01);
    expect(low.belowFloor).toBe(true);
    expect(low.tpr).toBeCloseTo(0.4, 14);
    expect(tprAtFpr(roc, 0).tpr).toBe(0);
    expect(tprAtFpr(roc, 0.2).belowFloor).toBe(false);
  });
});

describe('ROC properties', () => {
  const data = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 })
    .filter((rows) => rows.some(([, l]) => l === 1) && rows.some(([, l]) => l === 0));

  it('AUC equals the Mann–Whitney statistic with ties counted ½', () => {
    fc.assert(
      fc.property(data, (rows) => {
        const scores = rows.map(([s]) => s);
        const labels = rows.map(([, l]) => l);
        let wins = 0;
        let pairs = 0;
        rows.forEach(([sp, lp]) => {
          if (lp !== 1) return;
          rows.forEach(([sn, ln]) => {
            if (ln !== 0) return;
            pairs++;
            wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
          });
        });
        expect(auc(rocCurve(scores, labels))).toBeCloseTo(wins / pairs, 12);
      }),
    );
  });

  it('reversing the scores gives 1 − AUC; tied groups are one vertex', () => {
    fc.assert(
      fc.property(data, (rows) => {
        const scores = rows.map(([s]) => s);
        const labels = rows.map(([, l]) => l);
        const roc = rocCurve(scores, labels);
        expect(auc(rocCurve(scores.map((s) => -s), labels))).toBeCloseTo(1 - auc(roc), 12);
        expect(roc.fpr.length).toBe(new Set(scores).size + 1);
        expect(roc.fpr[roc.fpr.length - 1]).toBe(1);
        expect(roc.tpr[roc.tpr.length - 1]).toBe(1);
      }),
    );
  });

  it('honours the mask and rejects NaN scores or a single class', () => {
    const roc = rocCurve([0.9, 0.1, 0.5, Number.NaN], [1, 0, 0, 1], [1, 1, 0, 0]);
    expect([roc.positives, roc.negatives]).toEqual([1, 1]);
    expect(auc(roc)).toBe(1);
    expect(() => rocCurve([0.1, Number.NaN], [1, 0])).toThrow(/scores\[1\] is NaN/);
    expect(() => rocCurve([0.1, 0.2], [1, 1])).toThrow(/2 members and 0 non-members/);
  });
});

describe('logLogAuc (DeMem "AUROC", not the ROC AUC)', () => {
  it('is ≈ 1 for a perfect attack', () => {
    const roc = rocCurve([3, 2, 1, 0], [1, 1, 0, 0]);
    const top = Math.log10(1 + 1e-5) + 5;
    expect(logLogAuc(roc)).toBeCloseTo((top * top) / 25, 12);
  });

  it('matches DeMem’s right-endpoint sum over untied samples (including the last one)', () => {
    const scores = [0.95, 0.9, 0.8, 0.7, 0.65, 0.6, 0.5, 0.4, 0.3, 0.2];
    const labels = [1, 0, 1, 1, 0, 1, 0, 0, 1, 0];
    let tp = 0;
    let fp = 0;
    let area = 0;
    let previous = Math.log10(1e-5);
    labels.forEach((l) => {
      if (l) tp++;
      else fp++;
      const x = Math.log10(fp / 5 + 1e-5);
      area += (x - previous) * (Math.log10(tp / 5 + 1e-5) + 5);
      previous = x;
    });
    expect(logLogAuc(rocCurve(scores, labels))).toBeCloseTo(area / 25, 14);
  });
});

describe('downsampleRoc', () => {
  it('keeps a subset of vertices with the ends, the low-FPR steps and whole risers', () => {
    const n = 20_000;
    const scores = Array.from({ length: n }, (_, i) => Math.sin(i * 7.1) + (i % 2) * 0.5);
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const roc = rocCurve(scores, labels);
    const small = downsampleRoc(roc, 200);
    expect(small.fpr.length).toBeLessThanOrEqual(200);
    expect(small.fpr[0]).toBe(0);
    expect(small.fpr[small.fpr.length - 1]).toBe(1);
    // Every kept point is a vertex of the original curve, in order.
    let k = 0;
    for (let r = 0; r < small.fpr.length; r++) {
      while (roc.thresholds[k] !== small.thresholds[r]) k++;
      expect(roc.fpr[k]).toBe(small.fpr[r]);
      expect(roc.tpr[k]).toBe(small.tpr[r]);
    }
    // TPR at the smallest FPRs survives exactly.
    for (const t of [1e-4, 1e-3, 1e-2]) expect(tprAtFpr(small, t, 'le').tpr).toBe(tprAtFpr(roc, t, 'le').tpr);
    expect(downsampleRoc(small, 500)).toBe(small);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { medianInPlace, selectKth, trimmedMeanInPlace } from '../../../src-main/attacks/order-statistics';

const values = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 });

describe('order statistics', () => {
  it('selectKth partitions around the k-th smallest, within the given range only', () => {
    fc.assert(
      fc.property(values, fc.nat(), (xs, seed) => {
        const k = seed % xs.length;
        const a = Float64Array.from([999, ...xs, -999]);
        const v = selectKth(a, 1, xs.length + 1, k);
        const sorted = [...xs].sort((p, q) => p - q);
        expect(v).toBe(sorted[k]);
        expect(a[0]).toBe(999);
        expect(a[xs.length + 1]).toBe(-999);
        for (let i = 1; i <= k; i++) expect(a[i]).toBeLessThanOrEqual(v);
        for (let i = k + 2; i <= xs.length; i++) expect(a[i]).toBeGreaterThanOrEqual(v);
      }),
    );
  });

  it('median and trimmed mean match the sorted definitions (numpy / scipy.stats.trim_mean)', () => {
    fc.assert(
      fc.property(values, (xs) => {
        const sorted = [...xs].sort((p, q) => p - q);
        const n = xs.length;
        const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        expect(medianInPlace(Float64Array.from(xs), 0, n)).toBe(median);
        const drop = Math.floor(0.2 * n);
        const middle = sorted.slice(drop, n - drop);
        const trimmed = trimmedMeanInPlace(Float64Array.from(xs), 0, n, 0.2);
        expect(trimmed).toBeCloseTo(middle.reduce((s, v) => s + v, 0) / middle.length, 6);
      }),
    );
  });

  it('handles known small cases and empty ranges', () => {
    expect(medianInPlace(Float64Array.from([3, 1, 2, 10]), 0, 4)).toBe(2.5);
    expect(trimmedMeanInPlace(Float64Array.from([100, 1, 2, 3, 4, -50, 5, 6, 7, 8]), 0, 10, 0.2)).toBe(4.5);
    expect(medianInPlace(new Float64Array(3), 1, 1)).toBeNaN();
    expect(trimmedMeanInPlace(new Float64Array(3), 0, 0, 0.2)).toBeNaN();
  });
});

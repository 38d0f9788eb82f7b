import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centralRange, sharedHistogram } from '../../../src-renderer/plots/histogram';

describe('sharedHistogram', () => {
  it('bins two groups over the same round edges that cover both', () => {
    const h = sharedHistogram([[0.05, 0.15, 0.15, 0.95], [0.5, 1]], 10);
    expect(h.edges).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(h.counts[0]).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    // 0.5 opens its bin; 1, the largest value, falls in the last (right-closed) bin.
    expect(h.counts[1]).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(h.totals).toEqual([4, 2]);
  });

  it('drops null, NaN and infinities and counts them per group', () => {
    const h = sharedHistogram([[1, null, NaN, 2], [Infinity, -Infinity, 3]], 4);
    expect(h.dropped).toEqual([2, 2]);
    expect(h.totals).toEqual([2, 1]);
    expect(h.counts.map((c) => c.reduce((a, b) => a + b, 0))).toEqual([2, 1]);
  });

  it('keeps an empty group as zero counts over the other groups\' edges', () => {
    const h = sharedHistogram([[], [-3, 4]], 7);
    expect(h.edges[0]).toBeLessThanOrEqual(-3);
    expect(h.edges.at(-1)).toBeGreaterThanOrEqual(4);
    expect(h.counts[0]!.every((c) => c === 0)).toBe(true);
    expect(h.counts[0]).toHaveLength(h.edges.length - 1);
  });

  it('has no edges when no group has a value', () => {
    expect(sharedHistogram([[null], []])).toEqual({ edges: [], counts: [[], []], totals: [0, 0], dropped: [1, 0], clamped: [0, 0] });
  });

  it('puts identical values in one unit-wide bin', () => {
    const h = sharedHistogram([[2, 2], [2]]);
    expect(h.edges).toEqual([1.5, 2.5]);
    expect(h.counts).toEqual([[2], [1]]);
  });

  it('still bins spans near the float resolution, where round edges do not exist', () => {
    for (const values of [[1, 1 + 2.3e-16], [0, 5e-324], [1e5, 1e5 + 1e-10]]) {
      const h = sharedHistogram([values], 10);
      expect(h.edges[0]).toBe(values[0]);
      expect(h.edges.at(-1)).toBe(values[1]);
      expect(h.counts[0]!.reduce((a, b) => a + b, 0)).toBe(2);
    }
  });

  it('bins a given range and counts the values beyond it in the end bins', () => {
    const h = sharedHistogram([[-50, 0.05, 0.5, 0.95, 80], [0.55]], 10, [0, 1]);
    expect(h.edges).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(h.counts[0]).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 2]);
    expect(h.clamped).toEqual([2, 0]);
    expect(h.totals).toEqual([5, 1]);
    expect(() => sharedHistogram([[1]], 10, [2, 1])).toThrow(/range \[2, 1\] is not an interval/);
  });

  it('finds the central share of all groups together, ignoring missing values', () => {
    const a = Array.from({ length: 101 }, (_, i) => i);
    const [lo, hi] = centralRange([a.slice(0, 50), [...a.slice(50), null, NaN]], 0.9)!;
    expect(lo).toBeCloseTo(5, 9);
    expect(hi).toBeCloseTo(95, 9);
    expect(centralRange([[3, 3, 3, 7]], 0.5)).toEqual([3, 4]);
    // An empty central span falls back to the full extent.
    expect(centralRange([[3, 3, 3, 3, 7]], 0.5)).toEqual([3, 7]);
    expect(centralRange([[null], []])).toBeNull();
  });

  it('refuses a bin count that is not a positive whole number', () => {
    expect(() => sharedHistogram([[1]], 0)).toThrow(/bins must be a positive whole number, not 0/);
  });

  it('counts every finite value once, inside its bin, for any data (property)', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null), fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 60 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 50 }), (groups, bins) => {
        const h = sharedHistogram(groups, bins);
        groups.forEach((values, g) => {
          const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
          expect(h.totals[g]).toBe(finite.length);
          expect(h.dropped[g]).toBe(values.length - finite.length);
          if (h.edges.length === 0) return;
          expect(h.counts[g]!.reduce((a, b) => a + b, 0)).toBe(finite.length);
          expect(h.counts[g]).toHaveLength(h.edges.length - 1);
          for (const v of finite) {
            expect(v).toBeGreaterThanOrEqual(h.edges[0]!);
            expect(v).toBeLessThanOrEqual(h.edges.at(-1)!);
          }
        });
        for (let i = 1; i < h.edges.length; i++) expect(h.edges[i]!).toBeGreaterThan(h.edges[i - 1]!);
      }),
      { numRuns: 500 },
    );
  });
});

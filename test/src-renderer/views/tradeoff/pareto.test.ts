import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates, paretoFrontier, type ParetoPoint } from '../../../../src-renderer/views/tradeoff/pareto';

const p = (id: string, privacy: number, utility: number): ParetoPoint => ({ id, privacy, utility });

describe('paretoFrontier', () => {
  it('keeps the studies nothing beats on both leakage and utility, ordered by leakage', () => {
    const points = [p('erm', 0.3, 0.95), p('pgd', 0.2, 0.85), p('demem', 0.05, 0.8), p('worse', 0.25, 0.8), p('dp', 0.01, 0.5)];
    expect(paretoFrontier(points)).toEqual(['dp', 'demem', 'pgd', 'erm']);
  });

  it('keeps exact duplicates of a frontier point, in input order', () => {
    expect(paretoFrontier([p('b', 0.1, 0.9), p('a', 0.1, 0.9), p('c', 0.2, 0.8)])).toEqual(['b', 'a']);
  });

  it('drops a point tied on one axis and worse on the other', () => {
    // Same leakage, less utility: dominated. Same utility, more leakage: dominated.
    expect(paretoFrontier([p('a', 0.1, 0.9), p('b', 0.1, 0.8), p('c', 0.2, 0.9)])).toEqual(['a']);
  });

  it('skips points with a missing coordinate and handles the empty and single cases', () => {
    expect(paretoFrontier([p('nan', Number.NaN, 1), p('inf', 0, Number.POSITIVE_INFINITY), p('ok', 0.5, 0.5)])).toEqual(['ok']);
    expect(paretoFrontier([])).toEqual([]);
    expect(paretoFrontier([p('only', 1, 0)])).toEqual(['only']);
  });

  it('equals the brute-force definition (property)', () => {
    const value = fc.integer({ min: 0, max: 6 }).map((v) => v / 6);
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 30 }), (pairs) => {
        const points = pairs.map(([x, y], i) => p(String(i), x, y));
        const expected = points.filter((a) => !points.some((b) => dominates(b, a)));
        const frontier = paretoFrontier(points);
        expect([...frontier].sort()).toEqual(expected.map((e) => e.id).sort());
        // Along the frontier, more leakage buys strictly more utility (ties only between duplicates).
        const byId = new Map(points.map((q) => [q.id, q]));
        for (let i = 1; i < frontier.length; i++) {
          const a = byId.get(frontier[i - 1]!)!;
          const b = byId.get(frontier[i]!)!;
          expect(a.privacy < b.privacy ? a.utility < b.utility : a.privacy === b.privacy && a.utility === b.utility).toBe(true);
        }
      }),
    );
  });
});

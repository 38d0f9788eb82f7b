import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { navigate, revealRow, visibleRange } from '../../../../src-renderer/components/virtual/window';

describe('visibleRange', () => {
  it('covers the viewport plus the overscan, within the rows', () => {
    expect(visibleRange(0, 100, 20, 1000, 2)).toEqual({ start: 0, end: 7 });
    expect(visibleRange(410, 100, 20, 1000, 2)).toEqual({ start: 18, end: 28 });
    expect(visibleRange(19_990, 100, 20, 1000, 2)).toEqual({ start: 997, end: 1000 });
    expect(visibleRange(0, 100, 20, 0)).toEqual({ start: 0, end: 0 });
  });

  it('always includes every row that intersects the viewport (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 5000 }), (top, view, h, n) => {
        const { start, end } = visibleRange(top, view, h, n, 0);
        expect(start).toBeGreaterThanOrEqual(0);
        expect(end).toBeLessThanOrEqual(n);
        for (let i = Math.floor(top / h); i < Math.min(n, Math.ceil((top + view) / h)); i++) {
          expect(i).toBeGreaterThanOrEqual(start);
          expect(i).toBeLessThan(end);
        }
      }),
    );
  });
});

describe('revealRow', () => {
  it('scrolls the least needed to show a row, or not at all', () => {
    expect(revealRow(5, 0, 100, 20)).toBe(20);
    expect(revealRow(2, 0, 100, 20)).toBeNull();
    expect(revealRow(1, 60, 100, 20)).toBe(20);
  });
});

describe('navigate', () => {
  it('moves with arrows, pages and Home/End, clamped to the rows', () => {
    expect(navigate('ArrowDown', -1, 10, 5)).toBe(0);
    expect(navigate('ArrowDown', 9, 10, 5)).toBe(9);
    expect(navigate('ArrowUp', 0, 10, 5)).toBe(0);
    expect(navigate('PageDown', 3, 10, 5)).toBe(8);
    expect(navigate('PageUp', 3, 10, 5)).toBe(0);
    expect(navigate('End', 3, 10, 5)).toBe(9);
    expect(navigate('Home', 3, 10, 5)).toBe(0);
    expect(navigate('Enter', 3, 10, 5)).toBeNull();
    expect(navigate('ArrowDown', -1, 0, 5)).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moveActive, rowWindow, scrollToRow } from '../../../../src-renderer/components/table/virtual-window';

describe('rowWindow', () => {
  it('renders the visible rows plus the overscan', () => {
    expect(rowWindow(0, 340, 34, 10_000, 6)).toEqual({ start: 0, end: 16, offsetTop: 0, totalHeight: 340_000 });
    expect(rowWindow(3400, 340, 34, 10_000, 6)).toEqual({ start: 94, end: 116, offsetTop: 94 * 34, totalHeight: 340_000 });
  });

  it('clamps at the end and for empty lists', () => {
    expect(rowWindow(1e9, 340, 34, 100, 2)).toEqual({ start: 88, end: 100, offsetTop: 88 * 34, totalHeight: 3400 });
    expect(rowWindow(0, 340, 34, 0)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(rowWindow(0, 0, 34, 5, 0)).toEqual({ start: 0, end: 1, offsetTop: 0, totalHeight: 170 });
  });

  it('always covers the viewport and renders a bounded number of rows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 10, max: 60 }), fc.integer({ min: 1, max: 100_000 }), (scroll, viewport, rowHeight, count) => {
        const w = rowWindow(scroll, viewport, rowHeight, count, 4);
        const top = Math.min(scroll, Math.max(0, count * rowHeight - viewport));
        expect(w.start * rowHeight).toBeLessThanOrEqual(top);
        expect(Math.min(count * rowHeight, w.end * rowHeight)).toBeGreaterThanOrEqual(Math.min(count * rowHeight, top + viewport));
        expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(viewport / rowHeight) + 1 + 8);
      }),
    );
  });
});

describe('scrollToRow', () => {
  it('scrolls as little as needed to show the row', () => {
    expect(scrollToRow(0, 340, 34, 3)).toBe(0);
    expect(scrollToRow(0, 340, 34, 10)).toBe(34);
    expect(scrollToRow(680, 340, 34, 5)).toBe(170);
  });
});

describe('moveActive', () => {
  it('moves with the arrow, page and home/end keys, clamped', () => {
    expect(moveActive(-1, 'ArrowDown', 5, 10)).toBe(0);
    expect(moveActive(-1, 'ArrowUp', 5, 10)).toBe(0);
    expect(moveActive(4, 'ArrowDown', 5, 10)).toBe(4);
    expect(moveActive(2, 'ArrowUp', 5, 10)).toBe(1);
    expect(moveActive(0, 'PageDown', 100, 10)).toBe(9);
    expect(moveActive(50, 'PageUp', 100, 10)).toBe(41);
    expect(moveActive(50, 'Home', 100, 10)).toBe(0);
    expect(moveActive(5, 'End', 100, 10)).toBe(99);
    expect(moveActive(5, 'Enter', 100, 10)).toBeNull();
    expect(moveActive(0, 'ArrowDown', 0, 10)).toBeNull();
  });
});

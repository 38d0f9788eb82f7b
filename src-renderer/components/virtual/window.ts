/**
 * The arithmetic of a virtualised list of fixed-height rows: which rows to render for a scroll
 * position, how far to scroll to reveal a row, and where the keyboard moves the active row.
 */

/**
 * The rows [start, end) that intersect the viewport, widened by `overscan` rows on each side.
 * Args: scrollTop and viewport height in pixels; rowHeight > 0; rowCount ≥ 0.
 */
export function visibleRange(scrollTop: number, viewport: number, rowHeight: number, rowCount: number, overscan = 6): { start: number; end: number } {
  if (rowCount <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(scrollTop, 0) / rowHeight);
  const last = Math.ceil((Math.max(scrollTop, 0) + Math.max(viewport, 0)) / rowHeight);
  return { start: Math.max(0, Math.min(first - overscan, rowCount)), end: Math.min(rowCount, Math.max(last + overscan, 0)) };
}

/**
 * The scrollTop that brings row `index` fully into view with the least movement, or null when it is
 * already visible.
 */
export function revealRow(index: number, scrollTop: number, viewport: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return null;
}

/**
 * The active row after a navigation key (ArrowUp/Down, PageUp/Down, Home, End), or null for any
 * other key. With no active row (−1) the first move lands on the first row.
 */
export function navigate(key: string, active: number, rowCount: number, pageRows: number): number | null {
  if (rowCount <= 0) return null;
  const clamp = (i: number) => Math.max(0, Math.min(rowCount - 1, i));
  const page = Math.max(1, pageRows);
  switch (key) {
    case 'ArrowDown':
      return active < 0 ? 0 : clamp(active + 1);
    case 'ArrowUp':
      return active < 0 ? 0 : clamp(active - 1);
    case 'PageDown':
      return clamp((active < 0 ? 0 : active) + page);
    case 'PageUp':
      return clamp((active < 0 ? 0 : active) - page);
    case 'Home':
      return 0;
    case 'End':
      return rowCount - 1;
    default:
      return null;
  }
}

/**
 * Which rows of a fixed-row-height list are on screen: a virtual table renders only those (plus a
 * few above and below so fast scrolling does not show blanks), whatever the number of rows.
 */

export interface RowWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
  /** Space above the first rendered row, in pixels. */
  offsetTop: number;
  /** Height of every row together, in pixels. */
  totalHeight: number;
}

/**
 * The rows to render for a scroll position.
 * Args: scrollTop and viewportHeight in pixels; rowHeight > 0; count rows; overscan extra rows each side.
 */
export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): RowWindow {
  const totalHeight = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const top = Math.max(0, Math.min(scrollTop, Math.max(0, totalHeight - viewportHeight)));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(viewportHeight, 0)) / rowHeight);
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, Math.max(last, first + 1) + overscan);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}

/**
 * The scroll position that brings row `index` fully into view, moving as little as possible
 * (unchanged when it is already visible).
 */
export function scrollToRow(scrollTop: number, viewportHeight: number, rowHeight: number, index: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The active row after a navigation key, clamped to the rows; null for keys that do not move it. */
export function moveActive(active: number, key: string, count: number, pageRows: number): number | null {
  if (count === 0) return null;
  const page = Math.max(1, pageRows - 1);
  const from = active < 0 ? -1 : active;
  const target =
    key === 'ArrowDown' ? from + 1 : key === 'ArrowUp' ? (from < 0 ? 0 : from - 1) : key === 'PageDown' ? from + page : key === 'PageUp' ? from - page : key === 'Home' ? 0 : key === 'End' ? count - 1 : null;
  return target === null ? null : Math.min(count - 1, Math.max(0, target));
}

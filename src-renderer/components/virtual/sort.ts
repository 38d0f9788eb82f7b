/** Sorting large column tables by index permutation (the columns themselves never move). */

export type SortDirection = 'asc' | 'desc';

/**
 * The row order that sorts rows 0…n−1 by `value(i)`: stable (equal values keep their row order),
 * missing values (null, NaN) last in either direction, numbers before strings.
 * Returns: an Int32Array permutation (order[k] is the row shown k-th).
 */
export function sortOrder(n: number, value: (row: number) => number | string | null, direction: SortDirection): Int32Array {
  const keys = Array.from({ length: n }, (_, i) => value(i));
  const sign = direction === 'asc' ? 1 : -1;
  const rank = (v: number | string | null): number => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? 2 : typeof v === 'string' ? 1 : 0);
  const compare = (a: number, b: number): number => {
    const ka = keys[a] as number | string | null;
    const kb = keys[b] as number | string | null;
    const ra = rank(ka);
    const rb = rank(kb);
    if (ra !== rb) return ra - rb;
    if (ra === 0 && ka !== kb) return sign * ((ka as number) - (kb as number));
    if (ra === 1 && ka !== kb) return sign * (ka as string).localeCompare(kb as string);
    return a - b;
  };
  // Rows often arrive already in order (by position): one pass instead of a sort.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = compare(i - 1, i) < 0;
  if (sorted) return Int32Array.from({ length: n }, (_, i) => i);
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort(compare);
  return Int32Array.from(order);
}

/** The inverse permutation: where each row is shown (inverse[row] = k when order[k] = row). */
export function inverseOrder(order: Int32Array): Int32Array {
  const inverse = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) inverse[order[k]!] = k;
  return inverse;
}

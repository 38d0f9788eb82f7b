/**
 * Order statistics on a range of a scratch buffer, in expected linear time and without allocation:
 * the location estimates of LiRA (median) and RMIA (trimmed mean). The functions reorder the range.
 */

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/**
 * Rearranges `a[lo..hi)` so that `a[lo + k]` holds its k-th smallest value (0-based), everything
 * before it is ≤ and everything after is ≥ (quickselect, median-of-three pivot); returns that value.
 */
export function selectKth(a: Float64Array, lo: number, hi: number, k: number): number {
  const target = lo + k;
  let left = lo;
  let right = hi - 1;
  while (right - left >= 16) {
    const mid = (left + right) >>> 1;
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (target <= j) right = j;
    else if (target >= i) left = i;
    else return a[target]!;
  }
  insertionSort(a, left, right);
  return a[target]!;
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}

/** Median of `a[lo..hi)` (mean of the two middle values for an even count; NaN when empty). */
export function medianInPlace(a: Float64Array, lo: number, hi: number): number {
  const n = hi - lo;
  if (n <= 0) return NaN;
  const half = n >>> 1;
  const upper = selectKth(a, lo, hi, half);
  if (n % 2 === 1) return upper;
  let lower = -Infinity;
  for (let i = lo; i < lo + half; i++) if (a[i]! > lower) lower = a[i]!;
  return 0.5 * (lower + upper);
}

/**
 * Trimmed mean of `a[lo..hi)`: drops `floor(cut · n)` values at each end, averages the rest
 * (as scipy.stats.trim_mean, used by the RMIA research configs). NaN when empty.
 */
export function trimmedMeanInPlace(a: Float64Array, lo: number, hi: number, cut: number): number {
  const n = hi - lo;
  if (n <= 0) return NaN;
  const drop = Math.floor(cut * n);
  const keepFrom = lo + drop;
  const keepTo = hi - drop;
  if (drop > 0) {
    selectKth(a, lo, hi, drop);
    selectKth(a, keepFrom, hi, keepTo - keepFrom - 1);
  }
  let sum = 0;
  for (let i = keepFrom; i < keepTo; i++) sum += a[i]!;
  return sum / (keepTo - keepFrom);
}

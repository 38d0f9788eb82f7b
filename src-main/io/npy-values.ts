/**
 * Checked conversions of decoded `.npy` arrays into the typed arrays the attacks take: 0/1 masks,
 * class labels and floating-point values. Every failure is a {@link FormatError} naming the array
 * (a file, or a label such as "--keep keep.npy") and the first offending element.
 */
import { FormatError } from './format-error';
import type { NpyArray } from './npy';

/** numpy's repr of a shape: `(3,)`, `(2, 3)`, `()`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Element `k` as a number (int64 data decode to BigInt arrays unless converted at read time). */
function valueAt(array: NpyArray, k: number): number {
  return Number(array.data[k]!);
}

/** Row-major index → "[i, j]" for messages. */
function indexText(shape: readonly number[], flat: number): string {
  const parts: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    parts.unshift(size > 0 ? rest % size : 0);
    rest = size > 0 ? Math.floor(rest / size) : 0;
  }
  return `[${parts.join(', ')}]`;
}

/**
 * A membership mask: any numeric dtype (numpy bool `|b1` is the usual one) whose values are 0 or 1.
 *
 * Args: `array` decoded array; `label` names it in errors.
 * Returns a fresh Uint8Array of 0/1 in C order.
 * Throws FormatError naming the first value that is not 0 or 1.
 */
export function binaryValues(array: NpyArray, label: string): Uint8Array {
  const out = new Uint8Array(array.data.length);
  for (let k = 0; k < out.length; k++) {
    const v = valueAt(array, k);
    if (v !== 0 && v !== 1) {
      throw new FormatError({ file: label, expected: 'only 0/1 (or False/True) values', found: `${v} at ${indexText(array.shape, k)}` });
    }
    out[k] = v;
  }
  return out;
}

/**
 * Class labels: integers ≥ 0 of any integer dtype (floats holding whole numbers are accepted too).
 *
 * Returns a fresh Int32Array. Throws FormatError naming the first negative or fractional value.
 */
export function labelValues(array: NpyArray, label: string): Int32Array {
  const out = new Int32Array(array.data.length);
  for (let k = 0; k < out.length; k++) {
    const v = valueAt(array, k);
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
      throw new FormatError({ file: label, expected: 'class labels (integers >= 0)', found: `${v} at ${indexText(array.shape, k)}` });
    }
    out[k] = v;
  }
  return out;
}

/**
 * Floating-point values: `<f4`/`<f8` data as they are (no copy), integer data converted to float64.
 *
 * Throws FormatError for bool data (a mask where numbers were expected).
 */
export function floatValues(array: NpyArray, label: string): Float32Array | Float64Array {
  if (array.data instanceof Float32Array || array.data instanceof Float64Array) return array.data;
  if (array.dtype === 'b1') {
    throw new FormatError({ file: label, expected: 'numbers (float32 or float64)', found: `a bool array of shape ${shapeText(array.shape)}` });
  }
  const out = new Float64Array(array.data.length);
  for (let k = 0; k < out.length; k++) out[k] = valueAt(array, k);
  return out;
}

/**
 * The shape without the length-1 axes at the given positions (e.g. LiRA's `N × 1 × A × K` → `N × A × K`),
 * or null when one of those axes is not of length 1.
 */
export function dropUnitAxes(shape: readonly number[], axes: readonly number[]): number[] | null {
  if (axes.some((axis) => shape[axis] !== 1)) return null;
  return shape.filter((_, d) => !axes.includes(d));
}

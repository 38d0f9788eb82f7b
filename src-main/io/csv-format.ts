/**
 * How one CSV cell is written. Numbers are written as bare numbers (never quoted, never escaped):
 * float32 as the shortest decimal that reads back to the same float32 (Math.fround(0.1) → "0.1"),
 * float64 as JavaScript's shortest round-trip form, NaN as an empty cell, ±∞ as "Infinity" /
 * "-Infinity" (read by Python, pandas, R and JavaScript alike), −0 as "-0". Text that a spreadsheet
 * would run as a formula gets a leading apostrophe (OWASP "CSV injection").
 */

export type CsvKind = 'float32' | 'float64' | 'int' | 'text';

function nonFinite(value: number): string | null {
  if (Number.isNaN(value)) return '';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  return null;
}

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/** True when the float32 `v` has an all-zero fraction: its rounding interval is narrower below it than above. */
function isPowerOfTwo(v: number): boolean {
  f32[0] = v;
  return (f32Bits[0]! & 0x7fffff) === 0;
}

/**
 * The p-significant-digit decimal that reads back (Number, then Math.fround) to the float32 `v`,
 * or null when there is none. toPrecision gives the nearest p-digit decimal; when it misses, the
 * next one on the other side is farther away and misses too, because the rounding interval around
 * `v` is symmetric — except at powers of two, where the interval below is half as wide, so there
 * both neighbours are tried.
 */
function roundTripAt(v: number, p: number): number | null {
  const nearest = Number(v.toPrecision(p));
  if (Math.fround(nearest) === v) return nearest;
  if (!isPowerOfTwo(v)) return null;
  const [mantissa, exponent] = v.toExponential(p - 1).split('e') as [string, string];
  const m = Number(mantissa.replace('.', ''));
  const e = Number(exponent) - (p - 1);
  const candidates = [m - 1, m + 1].map((digits) => Number(`${digits}e${e}`));
  // Rounded up to a power of ten: the p-digit decimal just below it has one more digit after the point.
  if (Math.abs(m) === 10 ** (p - 1)) candidates.push(Number(`${Math.sign(m) * (10 ** p - 1)}e${e - 1}`));
  return candidates.find((c) => Math.fround(c) === v) ?? null;
}

/**
 * The shortest decimal that parses (Number, then Math.fround) back to the float32 `value`, in
 * JavaScript's number syntax (Math.fround(0.1) → "0.1", not "0.10000000149011612"). Whether some
 * p-digit decimal reads back is monotone in p (append a zero) and p = 9 always suffices for
 * float32, so the digit count is found by bisection.
 */
export function formatFloat32(value: number): string {
  const v = Math.fround(value);
  const special = nonFinite(v);
  if (special !== null) return special;
  let lo = 1;
  let hi = 9;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (roundTripAt(v, mid) === null) lo = mid + 1;
    else hi = mid;
  }
  // The double nearest that decimal prints as itself (or shorter), and still reads back to v.
  return String(roundTripAt(v, lo) ?? v);
}

/** A float64 in JavaScript's shortest round-trip form (NaN → empty, ±∞ → ±Infinity). */
export function formatFloat64(value: number): string {
  return nonFinite(value) ?? String(value);
}

/**
 * A whole number.
 * Throws RangeError naming `where` for a non-integer (NaN is an empty cell).
 */
export function formatInt(value: number, where: string): string {
  if (Number.isNaN(value)) return '';
  if (!Number.isInteger(value)) throw new RangeError(`${where} is ${value}, not a whole number`);
  return Object.is(value, -0) ? '0' : String(value);
}

/** First characters that make Excel, LibreOffice, Google Sheets or Numbers evaluate a cell (ASCII and full-width forms). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** Text with a leading apostrophe when it would start a spreadsheet formula. */
export function escapeText(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}

/**
 * A cell for a loosely typed value (config fields, metrics): numbers as float64, booleans as
 * true/false, strings escaped, arrays and objects as (escaped) JSON text, null/undefined empty.
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return formatFloat64(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'bigint') return value.toString();
  return escapeText(JSON.stringify(value));
}

/**
 * Arrays named on the `mnemo attack` command line: a `.npy` file, or one array of a `.npz` archive
 * (`FILE.npz:KEY`, or `FILE.npz` when it holds a single array). Every problem becomes a
 * {@link UsageError} that names the flag and the file, and for shapes the expected and found shape.
 */
import { FormatError } from '../../io/format-error';
import { listNpz, readNpz } from '../../io/npz';
import { readNpy, type NpyArray } from '../../io/npy';
import { binaryValues, floatValues, labelValues, shapeText } from '../../io/npy-values';
import { UsageError } from '../args';

/** An array with the flag and file it came from. */
export interface FlagArray {
  flag: string;
  /** The file as given (with `:KEY` for an npz entry). */
  file: string;
  array: NpyArray;
}

/** "--flag file", the prefix of every message about this array. */
export function origin(input: FlagArray): string {
  return `${input.flag} ${input.file}`;
}

/** A UsageError "--flag file: expected …, found shape (…)". */
export function shapeError(input: FlagArray, expected: string): UsageError {
  return new UsageError(`${origin(input)}: expected ${expected}, found shape ${shapeText(input.array.shape)}`);
}

function fromFormatError(flag: string, spec: string, error: unknown): never {
  if (error instanceof FormatError) throw new UsageError(`${flag} ${error.file === undefined ? `${spec}: ` : ''}${error.message}`);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') throw new UsageError(`${flag} ${spec}: no such file`);
  if (code === 'EISDIR') throw new UsageError(`${flag} ${spec}: is a folder, not a .npy or .npz file`);
  throw error;
}

async function readNpzEntry(flag: string, spec: string, file: string, key: string | undefined): Promise<NpyArray> {
  const keys = await listNpz(file);
  const chosen = key ?? (keys.length === 1 ? keys[0] : undefined);
  if (chosen === undefined || !keys.includes(chosen)) {
    const held = keys.length ? `it holds ${keys.join(', ')}` : 'it holds no array';
    throw new UsageError(`${flag} ${spec}: ${key === undefined ? 'name one array as FILE.npz:KEY' : `no array "${key}"`}; ${held}`);
  }
  return (await readNpz(file, { only: [chosen], int64: 'float64' })).get(chosen)!;
}

/**
 * Reads the array a flag names. int64 data are converted to float64 (exact below 2^53).
 *
 * Throws UsageError for a missing file, a malformed file or a missing npz key.
 */
export async function loadArray(flag: string, spec: string): Promise<FlagArray> {
  const npz = /^(.*\.npz)(?::([^\\/:]+))?$/i.exec(spec);
  try {
    const array = npz ? await readNpzEntry(flag, spec, npz[1]!, npz[2]) : await readNpy(spec, { int64: 'float64' });
    return { flag, file: spec, array };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return fromFormatError(flag, spec, error);
  }
}

/** Reads the array when the flag is set. */
export async function loadOptional(flag: string, spec: string | undefined): Promise<FlagArray | undefined> {
  return spec === undefined ? undefined : loadArray(flag, spec);
}

function convert<T>(input: FlagArray, fn: (array: NpyArray, label: string) => T): T {
  try {
    return fn(input.array, origin(input));
  } catch (error) {
    if (error instanceof FormatError) throw new UsageError(error.message);
    throw error;
  }
}

/** The values as a 0/1 mask (bool or integer dtype). */
export function binaryOf(input: FlagArray): Uint8Array {
  return convert(input, binaryValues);
}

/** The values as class labels (integers ≥ 0). */
export function labelsOf(input: FlagArray): Int32Array {
  return convert(input, labelValues);
}

/** The values as floats (float32/float64 kept, integers converted). */
export function floatsOf(input: FlagArray): Float32Array | Float64Array {
  return convert(input, floatValues);
}

/** Throws a shape error unless the array is 1-D of length `length` (any length when undefined). */
export function vectorOf(input: FlagArray, length: number | undefined, what: string): number {
  const s = input.array.shape;
  if (s.length !== 1 || (length !== undefined && s[0] !== length)) {
    throw shapeError(input, `${what} of shape (${length ?? 'N'},)`);
  }
  return s[0]!;
}

/**
 * Checks that every value lies in [lo, hi] (and is not NaN), naming the first one outside.
 *
 * Throws UsageError "--flag file: expected …, found v at [i]" with `hint` appended.
 */
export function checkRange(input: FlagArray, values: ArrayLike<number>, lo: number, hi: number, what: string, hint = ''): void {
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!(v >= lo && v <= hi)) {
      throw new UsageError(`${origin(input)}: expected ${what} in [${lo}, ${hi}], found ${v} at flat index ${k}${hint}`);
    }
  }
}

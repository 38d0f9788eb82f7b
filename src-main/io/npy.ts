/**
 * NumPy `.npy` arrays (format versions 1.0, 2.0 and 3.0, numpy.lib.format / NEP 1): decode from bytes
 * or a file, encode byte-identically to numpy 2.x `np.save` for C-order little-endian arrays.
 *
 * Supported dtypes (little-endian or byte-order-free): `<f4 <f8 |i1 <i2 <i4 <i8 |u1 <u2 <u4 <u8 |b1`.
 * Each decodes to the matching typed array; `|b1` decodes to a Uint8Array of 0/1. int64/uint64 decode
 * to BigInt64Array/BigUint64Array by default; `{ int64: 'float64' }` or `{ int64: 'int32' }` converts
 * them (and then `dtype` says `f8` / `i4`) after checking every value fits exactly, else throws.
 * Big-endian data, `fortran_order: True`, object, string, complex and structured dtypes are refused
 * with a FormatError naming the file and the descr. Hosts are assumed little-endian (all Electron targets).
 */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import { FormatError } from './format-error';
import { formatHeader, parsePyLiteral, type PyValue } from './npy-header';
import { fileSource, type RandomAccessSource } from './random-access';

export type NpyDtype = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'u8' | 'b1';
export type NpyData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

export interface NpyArray {
  /** The dtype of `data` (after any int64 conversion). `b1` data is a Uint8Array of 0/1. */
  dtype: NpyDtype;
  /** C-order shape; `[]` for a 0-d array (one element). */
  shape: number[];
  data: NpyData;
}

/** An array to encode; `shape` defaults to `[data.length]`, `dtype` to the typed array's own (`b1` must be asked for). */
export interface NpyInput {
  data: NpyData;
  shape?: readonly number[];
  dtype?: NpyDtype;
}

export interface DecodeNpyOptions {
  /** How to return int64/uint64 arrays: BigInt arrays (default) or checked conversions. */
  int64?: 'bigint' | 'float64' | 'int32';
  /** File name for error messages. */
  file?: string;
}

type TypedArrayConstructor = { new (length: number): NpyData; readonly BYTES_PER_ELEMENT: number };

const DTYPES: Record<NpyDtype, { ctor: TypedArrayConstructor; descr: string }> = {
  f4: { ctor: Float32Array, descr: '<f4' },
  f8: { ctor: Float64Array, descr: '<f8' },
  i1: { ctor: Int8Array, descr: '|i1' },
  i2: { ctor: Int16Array, descr: '<i2' },
  i4: { ctor: Int32Array, descr: '<i4' },
  i8: { ctor: BigInt64Array, descr: '<i8' },
  u1: { ctor: Uint8Array, descr: '|u1' },
  u2: { ctor: Uint16Array, descr: '<u2' },
  u4: { ctor: Uint32Array, descr: '<u4' },
  u8: { ctor: BigUint64Array, descr: '<u8' },
  b1: { ctor: Uint8Array, descr: '|b1' },
};

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
const SUPPORTED = Object.values(DTYPES).map((d) => d.descr).join(' ');

/** Maps a descr such as '<f4' or '|u1' to a supported dtype, or throws naming it. */
function dtypeFromDescr(descr: PyValue, file: string | undefined): NpyDtype {
  if (typeof descr !== 'string') {
    throw new FormatError({
      file,
      expected: `a simple dtype (${SUPPORTED}); structured dtypes are not supported`,
      found: `descr ${JSON.stringify(descr)}`,
    });
  }
  const match = /^([<>|=])([fiub])(\d+)$/.exec(descr);
  const key = match ? (`${match[2]}${match[3]}` as NpyDtype) : undefined;
  if (!match || key === undefined || !(key in DTYPES)) {
    throw new FormatError({ file, expected: `a supported dtype (${SUPPORTED})`, found: `descr '${descr}'` });
  }
  if (match[1] === '>' && DTYPES[key].ctor.BYTES_PER_ELEMENT > 1) {
    throw new FormatError({ file, expected: `little-endian data (${SUPPORTED})`, found: `big-endian descr '${descr}'` });
  }
  return key;
}

interface Preamble {
  dataOffset: number;
  dtype: NpyDtype;
  shape: number[];
  count: number;
}

/** Reads the magic, version and header length; returns the header's byte range. */
function parsePrefix(head: Uint8Array, file: string | undefined): { version: number; headerStart: number; headerLength: number } {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) {
    throw new FormatError({
      file,
      offset: 0,
      expected: 'the .npy magic \\x93NUMPY',
      found: JSON.stringify(buf.subarray(0, 6).toString('latin1')),
    });
  }
  const version = buf[6] ?? 0;
  if (version === 1) return { version, headerStart: 10, headerLength: buf.readUInt16LE(8) };
  if (version === 2 || version === 3) {
    if (buf.length < 12) throw new FormatError({ file, offset: buf.length, expected: 'a 4-byte header length' });
    return { version, headerStart: 12, headerLength: buf.readUInt32LE(8) };
  }
  throw new FormatError({ file, offset: 6, expected: '.npy format version 1, 2 or 3', found: `version ${version}.${buf[7]}` });
}

/** Parses the header dict text into dtype and shape. */
function parseHeaderText(text: string, headerStart: number, file: string | undefined): Pick<Preamble, 'dtype' | 'shape' | 'count'> {
  let dict: PyValue;
  try {
    dict = parsePyLiteral(text);
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    throw new FormatError({ file, offset: headerStart, expected: error.expected, found: error.found });
  }
  if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
    throw new FormatError({ file, offset: headerStart, expected: 'a header dict', found: JSON.stringify(text.slice(0, 40)) });
  }
  const { descr, fortran_order: fortran, shape } = dict;
  const dtype = dtypeFromDescr(descr ?? null, file);
  if (fortran !== false) {
    throw new FormatError({
      file,
      offset: headerStart,
      expected: "'fortran_order': False (C order)",
      found: `${JSON.stringify(fortran)} for descr '${String(descr)}'`,
    });
  }
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0)) {
    throw new FormatError({ file, offset: headerStart, expected: 'a shape tuple of non-negative integers', found: JSON.stringify(shape) });
  }
  const dims = shape as number[];
  const count = dims.reduce((a, b) => a * b, 1);
  if (!Number.isSafeInteger(count)) {
    throw new FormatError({
      file,
      offset: headerStart,
      expected: 'an array of fewer than 2^53 elements',
      found: `shape ${JSON.stringify(dims)}`,
    });
  }
  return { dtype, shape: dims, count };
}

function parsePreamble(bytes: Uint8Array, file: string | undefined): Preamble {
  const prefix = parsePrefix(bytes, file);
  const end = prefix.headerStart + prefix.headerLength;
  if (bytes.length < end) {
    throw new FormatError({
      file,
      offset: bytes.length,
      expected: `a ${prefix.headerLength}-byte header ending at byte ${end}`,
      found: 'the end of the data',
    });
  }
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + prefix.headerStart, prefix.headerLength);
  const text = header.toString(prefix.version === 3 ? 'utf8' : 'latin1');
  return { dataOffset: end, ...parseHeaderText(text, prefix.headerStart, file) };
}

/** Checks bools are 0/1 and applies the int64 conversion option. */
function finish(array: NpyArray, options: DecodeNpyOptions, dataOffset: number): NpyArray {
  const { file } = options;
  if (array.dtype === 'b1') {
    const bytes = array.data as Uint8Array;
    const bad = bytes.findIndex((v) => v > 1);
    if (bad >= 0) throw new FormatError({ file, offset: dataOffset + bad, expected: 'a bool byte 0 or 1', found: String(bytes[bad]) });
  }
  const mode = options.int64 ?? 'bigint';
  if ((array.dtype !== 'i8' && array.dtype !== 'u8') || mode === 'bigint') return array;
  const source = array.data as BigInt64Array | BigUint64Array;
  const toFloat = mode === 'float64';
  const [lo, hi] = toFloat ? [-(2n ** 53n), 2n ** 53n] : [-(2n ** 31n), 2n ** 31n - 1n];
  const target = toFloat ? new Float64Array(source.length) : new Int32Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const value = source[i] as bigint;
    if (value < lo || value > hi) {
      throw new FormatError({
        file,
        offset: dataOffset + i * 8,
        expected: `an ${array.dtype === 'i8' ? 'int64' : 'uint64'} that fits ${mode} exactly (element ${i})`,
        found: String(value),
      });
    }
    target[i] = Number(value);
  }
  return { dtype: toFloat ? 'f8' : 'i4', shape: array.shape, data: target };
}

/**
 * Decodes a `.npy` file's bytes. The data are copied into a fresh, aligned typed array.
 * Throws: FormatError (bad magic or version, unsupported descr, fortran order, truncated or excess data).
 */
export function decodeNpy(bytes: Uint8Array, options: DecodeNpyOptions = {}): NpyArray {
  const { file } = options;
  const pre = parsePreamble(bytes, file);
  const { ctor } = DTYPES[pre.dtype];
  const byteLength = pre.count * ctor.BYTES_PER_ELEMENT;
  const available = bytes.length - pre.dataOffset;
  if (available !== byteLength) {
    throw new FormatError({
      file,
      offset: Math.min(bytes.length, pre.dataOffset + byteLength),
      expected: `${byteLength} data bytes for shape ${JSON.stringify(pre.shape)} of ${DTYPES[pre.dtype].descr} after the ${pre.dataOffset}-byte header`,
      found: `${available}${available < byteLength ? ' (truncated)' : ''}`,
    });
  }
  const data = new ctor(pre.count);
  new Uint8Array(data.buffer).set(bytes.subarray(pre.dataOffset, pre.dataOffset + byteLength));
  return finish({ dtype: pre.dtype, shape: pre.shape, data }, options, pre.dataOffset);
}

/** A byte range of a random-access source that holds one `.npy` file (a whole file, or a stored zip entry). */
export interface NpyRange {
  src: RandomAccessSource;
  start: number;
  length: number;
}

/**
 * Reads a `.npy` held in a byte range, streaming the data straight into the typed array (no second copy).
 * Args: `onRawBytes` sees the file's exact bytes before any int64 conversion (for checksums).
 * Throws: FormatError as decodeNpy.
 */
export async function readNpyRange(
  range: NpyRange,
  options: DecodeNpyOptions & { onRawBytes?: (preamble: Uint8Array, data: Uint8Array) => void } = {},
): Promise<NpyArray> {
  const { file } = options;
  const { src, start, length } = range;
  const prefix = parsePrefix(await src.read(start, Math.min(length, 12)), file);
  const headerEnd = prefix.headerStart + prefix.headerLength;
  const head = await src.read(start, Math.min(length, headerEnd));
  const pre = parsePreamble(head, file);
  const { ctor } = DTYPES[pre.dtype];
  const byteLength = pre.count * ctor.BYTES_PER_ELEMENT;
  const available = length - pre.dataOffset;
  if (available !== byteLength) {
    throw new FormatError({
      file,
      offset: Math.min(length, pre.dataOffset + byteLength),
      expected: `${byteLength} data bytes for shape ${JSON.stringify(pre.shape)} of ${DTYPES[pre.dtype].descr} after the ${pre.dataOffset}-byte header`,
      found: `${available}${available < byteLength ? ' (truncated)' : ''}`,
    });
  }
  const data = new ctor(pre.count);
  const got = await src.readInto(start + pre.dataOffset, new Uint8Array(data.buffer));
  if (got < byteLength) throw new FormatError({ file, offset: pre.dataOffset + got, expected: `${byteLength - got} more data bytes` });
  options.onRawBytes?.(head.subarray(0, pre.dataOffset), new Uint8Array(data.buffer));
  return finish({ dtype: pre.dtype, shape: pre.shape, data }, options, pre.dataOffset);
}

/**
 * Reads a `.npy` file without buffering it whole (files over 2 GiB work).
 * Throws: FormatError as decodeNpy, naming the file; fs errors for a missing file.
 */
export async function readNpy(file: string, options: Omit<DecodeNpyOptions, 'file'> = {}): Promise<NpyArray> {
  const src = await fileSource(file);
  try {
    return await readNpyRange({ src, start: 0, length: src.size }, { ...options, file });
  } finally {
    await src.close();
  }
}

/** The dtype that a typed array encodes to by default. */
export function dtypeOf(data: NpyData): NpyDtype {
  if (data instanceof Float32Array) return 'f4';
  if (data instanceof Float64Array) return 'f8';
  if (data instanceof Int8Array) return 'i1';
  if (data instanceof Int16Array) return 'i2';
  if (data instanceof Int32Array) return 'i4';
  if (data instanceof BigInt64Array) return 'i8';
  if (data instanceof Uint16Array) return 'u2';
  if (data instanceof Uint32Array) return 'u4';
  if (data instanceof BigUint64Array) return 'u8';
  return 'u1';
}

/**
 * The `.npy` preamble (magic, version, header length, padded header) for an array, as numpy 2.x writes it.
 * Args: `version` 1 (default; switched to 2, like numpy, only when the header exceeds 65535 bytes) or 2.
 * Throws: RangeError when the shape does not match the data length or the dtype does not match the typed array.
 */
export function encodeNpyPreamble(array: NpyInput, options: { version?: 1 | 2 } = {}): Buffer {
  const dtype = array.dtype ?? dtypeOf(array.data);
  const shape = array.shape ? [...array.shape] : [array.data.length];
  const count = shape.reduce((a, b) => a * b, 1);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0) || count !== array.data.length) {
    throw new RangeError(`encodeNpy: shape ${JSON.stringify(shape)} holds ${count} elements but the data has ${array.data.length}`);
  }
  const expected = dtype === 'b1' ? 'u1' : dtype;
  if (dtypeOf(array.data) !== expected) {
    throw new RangeError(
      `encodeNpy: dtype ${dtype} needs a ${DTYPES[dtype].ctor.name}, got ${array.data.constructor.name}`,
    );
  }
  if (dtype === 'b1' && (array.data as Uint8Array).some((v) => v > 1)) throw new RangeError('encodeNpy: b1 data must be 0 or 1');
  let version = options.version ?? 1;
  let header = formatHeader(DTYPES[dtype].descr, shape, version === 1 ? 10 : 12);
  if (version === 1 && header.length > 0xffff) {
    version = 2;
    header = formatHeader(DTYPES[dtype].descr, shape, 12);
  }
  const prefix = Buffer.alloc(version === 1 ? 10 : 12);
  MAGIC.copy(prefix, 0);
  prefix[6] = version;
  prefix[7] = 0;
  if (version === 1) prefix.writeUInt16LE(header.length, 8);
  else prefix.writeUInt32LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1')]);
}

function dataBytes(array: NpyInput): Buffer {
  return Buffer.from(array.data.buffer, array.data.byteOffset, array.data.byteLength);
}

/**
 * Encodes an array as `.npy` bytes, identical to numpy 2.x `np.save` output for the same C-order array.
 * Throws: RangeError as encodeNpyPreamble.
 */
export function encodeNpy(array: NpyInput, options: { version?: 1 | 2 } = {}): Buffer {
  return Buffer.concat([encodeNpyPreamble(array, options), dataBytes(array)]);
}

/** Writes an array to a `.npy` file (see encodeNpy), streaming the data without a combined copy. */
export async function writeNpy(file: string, array: NpyInput, options: { version?: 1 | 2 } = {}): Promise<void> {
  const preamble = encodeNpyPreamble(array, options);
  const handle = await fs.promises.open(file, 'w');
  try {
    await handle.write(preamble);
    const body = dataBytes(array);
    for (let done = 0; done < body.length; ) {
      const { bytesWritten } = await handle.write(body, done, Math.min(1 << 30, body.length - done));
      done += bytesWritten;
    }
  } finally {
    await handle.close();
  }
}

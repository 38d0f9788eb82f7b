/**
 * Typed arrays as BLOBs: the array's bytes exactly, little-endian (every Electron target is), with
 * the dtype and element count kept in their own columns so a reader gets the same typed array back.
 */
import { Buffer } from 'node:buffer';
import os from 'node:os';
import { CorruptDataError } from './errors';

export type ArrayDtype = 'u8' | 'u16' | 'i32' | 'f32' | 'f64';
export type StoredArray = Uint8Array | Uint16Array | Int32Array | Float32Array | Float64Array;

type Ctor = { new (length: number): StoredArray; new (buffer: ArrayBuffer, offset: number, length: number): StoredArray; readonly BYTES_PER_ELEMENT: number };

const CTORS: Record<ArrayDtype, Ctor> = {
  u8: Uint8Array as unknown as Ctor,
  u16: Uint16Array as unknown as Ctor,
  i32: Int32Array as unknown as Ctor,
  f32: Float32Array as unknown as Ctor,
  f64: Float64Array as unknown as Ctor,
};

/** Bytes per element of a dtype. */
export function dtypeSize(dtype: ArrayDtype): number {
  return CTORS[dtype].BYTES_PER_ELEMENT;
}

/**
 * The dtype of a typed array.
 * Throws TypeError naming `what` for any other kind of array (Int8Array, Uint32Array, plain arrays…).
 */
export function dtypeOf(data: unknown, what: string): ArrayDtype {
  if (data instanceof Uint8Array) return 'u8';
  if (data instanceof Uint16Array) return 'u16';
  if (data instanceof Int32Array) return 'i32';
  if (data instanceof Float32Array) return 'f32';
  if (data instanceof Float64Array) return 'f64';
  const kind = data === null ? 'null' : typeof data === 'object' ? (data as object).constructor?.name ?? 'object' : typeof data;
  throw new TypeError(`${what} is a ${kind}; the store keeps Uint8Array, Uint16Array, Int32Array, Float32Array or Float64Array`);
}

function assertLittleEndian(): void {
  if (os.endianness() !== 'LE') throw new Error('The store writes typed arrays as little-endian bytes and needs a little-endian host.');
}

/** The array's bytes, without copying, for binding as a BLOB. */
export function encodeArray(data: StoredArray): Buffer {
  assertLittleEndian();
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The typed array stored in `bytes`, in a buffer of its own (safe to transfer to a worker).
 * Args: `dtype` and `length` from the row; `where` names the array for errors.
 * Throws CorruptDataError naming `where` when the byte count does not match dtype × length.
 */
export function decodeArray(bytes: Uint8Array, dtype: ArrayDtype, length: number, where: string): StoredArray {
  assertLittleEndian();
  const ctor = CTORS[dtype];
  if (!ctor) throw new CorruptDataError(`${where} has unknown dtype "${dtype}"`);
  const expected = length * ctor.BYTES_PER_ELEMENT;
  if (bytes.byteLength !== expected) {
    throw new CorruptDataError(`${where} holds ${bytes.byteLength} bytes; its row says ${length} × ${dtype} = ${expected} bytes`);
  }
  // A view is enough when the bytes own their whole, aligned buffer; otherwise copy, so a consumer
  // that transfers `.buffer` never takes (or exposes) memory that is not this array's.
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === expected && bytes.buffer instanceof ArrayBuffer) {
    return new ctor(bytes.buffer, 0, length);
  }
  const copy = new ctor(length);
  new Uint8Array(copy.buffer).set(bytes);
  return copy;
}

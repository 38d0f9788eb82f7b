/**
 * Model weight files: self-describing, written atomically, verified on read.
 *
 * Format (version 1), all integers little-endian:
 *   bytes 0–7    magic "MNEMOWTS"
 *   bytes 8–11   uint32 format version (1)
 *   bytes 12–15  uint32 H, the byte length of the header that follows
 *   16 … 16+H    UTF-8 JSON {"dtype":"float32","byteOrder":"little","tensors":[{"name","shape"},…]},
 *                padded with spaces so the data starts on a 16-byte boundary
 *   16+H … end   every tensor's float32 values, little-endian, C order, in header order
 * The file is exactly 16 + H + 4·Σ∏shape bytes; its SHA-256 is kept in the database.
 */
import { Buffer } from 'node:buffer';
import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { CorruptDataError } from './errors';

/** Weights as plain arrays, the same shape as the engine's NamedWeights. */
export interface WeightsData {
  names: string[];
  shapes: number[][];
  values: Float32Array[];
}

export const WEIGHTS_MAGIC = 'MNEMOWTS';
export const WEIGHTS_FORMAT_VERSION = 1;
const PREFIX_BYTES = 16;
const ALIGN = 16;

interface WeightsHeader {
  dtype: 'float32';
  byteOrder: 'little';
  tensors: Array<{ name: string; shape: number[] }>;
}

/** What a written file is: its SHA-256 (hex) and size, recorded in `models`. */
export interface WrittenWeights {
  sha256: string;
  bytes: number;
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Checks names, shapes and value counts agree.
 * Throws RangeError naming the first bad tensor.
 */
export function validateWeights(weights: WeightsData): void {
  const { names, shapes, values } = weights;
  if (shapes.length !== names.length || values.length !== names.length) {
    throw new RangeError(`weights have ${names.length} names, ${shapes.length} shapes and ${values.length} value arrays`);
  }
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name.length === 0) throw new RangeError(`weight ${i} has no name`);
    if (seen.has(name)) throw new RangeError(`weight "${name}" appears twice`);
    seen.add(name);
    const shape = shapes[i]!;
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new RangeError(`weight "${name}" has shape [${shape}]; dimensions must be whole numbers ≥ 0`);
    const value = values[i]!;
    if (!(value instanceof Float32Array)) throw new RangeError(`weight "${name}" is not a Float32Array`);
    if (value.length !== elementCount(shape)) throw new RangeError(`weight "${name}" has shape [${shape}] but ${value.length} values`);
  });
}

/** The 16-byte prefix and padded JSON header of a weights file. */
function encodeHeader(weights: WeightsData): Buffer {
  const header: WeightsHeader = {
    dtype: 'float32',
    byteOrder: 'little',
    tensors: weights.names.map((name, i) => ({ name, shape: [...weights.shapes[i]!] })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const padded = Math.ceil((PREFIX_BYTES + json.length) / ALIGN) * ALIGN - PREFIX_BYTES;
  const out = Buffer.alloc(PREFIX_BYTES + padded, 0x20);
  out.write(WEIGHTS_MAGIC, 0, 'latin1');
  out.writeUInt32LE(WEIGHTS_FORMAT_VERSION, 8);
  out.writeUInt32LE(padded, 12);
  json.copy(out, PREFIX_BYTES);
  return out;
}

/** The pieces of a weights file in order (header, then each tensor's bytes, not copied). */
function fileChunks(weights: WeightsData): Buffer[] {
  return [encodeHeader(weights), ...weights.values.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength))];
}

/** The whole file in memory (tests and small models; {@link writeWeightsFile} streams). */
export function encodeWeights(weights: WeightsData): Buffer {
  validateWeights(weights);
  return Buffer.concat(fileChunks(weights));
}

/** fsyncs a directory so a rename or a new entry in it survives a power loss (not possible on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `weights` to `file` atomically: into a temporary file in the same folder, fsync, rename
 * over `file`, fsync the folder (and any folder this call created). A crash leaves either the old
 * file, the new one, or a stray temporary (removed by the orphan sweep), never half a file.
 *
 * Returns the file's SHA-256 and size.
 * Throws RangeError for inconsistent weights; file-system errors (ENOSPC…) after removing the
 * temporary file.
 */
export async function writeWeightsFile(file: string, weights: WeightsData): Promise<WrittenWeights> {
  validateWeights(weights);
  const dir = path.dirname(file);
  const firstCreated = await fsp.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await fsp.open(temp, 'wx');
  try {
    try {
      for (const chunk of fileChunks(weights)) {
        for (let offset = 0; offset < chunk.length; ) {
          const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset, bytes + offset);
          offset += bytesWritten;
        }
        hash.update(chunk);
        bytes += chunk.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dir);
  if (firstCreated) {
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      await syncDirectory(d);
      if (d === path.dirname(firstCreated) || d === path.dirname(d)) break;
    }
  }
  return { sha256: hash.digest('hex'), bytes };
}

function parseHeader(bytes: Uint8Array, file: string): { header: WeightsHeader; dataStart: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < PREFIX_BYTES || buf.toString('latin1', 0, 8) !== WEIGHTS_MAGIC) {
    throw new CorruptDataError(`${file} is not a Mnemo weights file (no "${WEIGHTS_MAGIC}" at its start)`);
  }
  const version = buf.readUInt32LE(8);
  if (version !== WEIGHTS_FORMAT_VERSION) {
    throw new CorruptDataError(`${file} has weights format version ${version}; this Mnemo reads version ${WEIGHTS_FORMAT_VERSION}`);
  }
  const headerBytes = buf.readUInt32LE(12);
  const dataStart = PREFIX_BYTES + headerBytes;
  if (dataStart > buf.length) throw new CorruptDataError(`${file} is cut short: its header claims ${headerBytes} bytes, the file has ${buf.length}`);
  let header: WeightsHeader;
  try {
    header = JSON.parse(buf.toString('utf8', PREFIX_BYTES, dataStart)) as WeightsHeader;
  } catch (error) {
    throw new CorruptDataError(`${file} has an unreadable header at byte ${PREFIX_BYTES} (${(error as Error).message})`);
  }
  if (header.dtype !== 'float32' || header.byteOrder !== 'little' || !Array.isArray(header.tensors)) {
    throw new CorruptDataError(`${file} has a header without float32 little-endian tensors`);
  }
  for (const [i, t] of header.tensors.entries()) {
    if (typeof t?.name !== 'string' || !Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new CorruptDataError(`${file}: header tensor ${i} has no valid name and shape`);
    }
  }
  return { header, dataStart };
}

/**
 * Decodes a weights file held in memory; every tensor gets its own Float32Array.
 * Throws CorruptDataError naming `file` and what is wrong (magic, version, header, size).
 */
export function decodeWeights(bytes: Uint8Array, file: string): WeightsData {
  const { header, dataStart } = parseHeader(bytes, file);
  const counts = header.tensors.map((t) => elementCount(t.shape));
  const expected = dataStart + 4 * counts.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== expected) {
    throw new CorruptDataError(`${file} has ${bytes.byteLength} bytes; its header describes ${expected}`);
  }
  const values: Float32Array[] = [];
  let offset = bytes.byteOffset + dataStart;
  for (const count of counts) {
    const value = new Float32Array(count);
    new Uint8Array(value.buffer).set(new Uint8Array(bytes.buffer, offset, count * 4));
    values.push(value);
    offset += count * 4;
  }
  return { names: header.tensors.map((t) => t.name), shapes: header.tensors.map((t) => t.shape), values };
}

/**
 * Reads a weights file, checking it against what the database recorded when `expected` is given.
 * Throws CorruptDataError naming the file when it is missing, has another size or SHA-256, or does
 * not decode.
 */
export async function readWeightsFile(file: string, expected?: WrittenWeights): Promise<WeightsData> {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CorruptDataError(`the weights file ${file} is missing`);
    throw error;
  }
  if (expected) {
    if (bytes.length !== expected.bytes) {
      throw new CorruptDataError(`the weights file ${file} has ${bytes.length} bytes; the database recorded ${expected.bytes}`);
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== expected.sha256) {
      throw new CorruptDataError(`the weights file ${file} is damaged: its SHA-256 is ${sha256}, the database recorded ${expected.sha256}`);
    }
  }
  return decodeWeights(bytes, file);
}

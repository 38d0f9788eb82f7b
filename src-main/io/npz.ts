/**
 * NumPy `.npz` archives: a zip of `.npy` files (stored by `np.savez`, deflated by `np.savez_compressed`).
 * Keys are the entry names without `.npy`, as `np.load(...).files` reports them; entries that are not
 * `.npy` files are ignored. Stored entries are read straight into their typed arrays.
 */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { FormatError } from './format-error';
import { decodeNpy, encodeNpy, readNpyRange, type DecodeNpyOptions, type NpyArray, type NpyInput } from './npy';
import { bytesSource, fileSource, type RandomAccessSource } from './random-access';
import { checkZipCrc, encodeZip, listZip, readZipEntry, zipEntryDataOffset, type ZipEntry } from './zip';

export interface ReadNpzOptions extends Omit<DecodeNpyOptions, 'file'> {
  /** Read only these keys (others are skipped without decompressing). */
  only?: readonly string[];
}

function keyOf(entry: ZipEntry): string | undefined {
  return entry.name.endsWith('.npy') ? entry.name.slice(0, -4) : undefined;
}

async function readEntry(src: RandomAccessSource, entry: ZipEntry, label: string, options: ReadNpzOptions): Promise<NpyArray> {
  const file = `${entry.name} in ${label}`;
  const decodeOptions: DecodeNpyOptions = { int64: options.int64, file };
  if (entry.method !== 0) return decodeNpy(await readZipEntry(src, entry), decodeOptions);
  const start = await zipEntryDataOffset(src, entry);
  let crc = 0;
  const array = await readNpyRange(
    { src, start, length: entry.compressedSize },
    { ...decodeOptions, onRawBytes: (preamble, data) => (crc = zlib.crc32(data, zlib.crc32(preamble))) },
  );
  checkZipCrc(entry, crc, start);
  return array;
}

async function readAll(src: RandomAccessSource, label: string, options: ReadNpzOptions): Promise<Map<string, NpyArray>> {
  const out = new Map<string, NpyArray>();
  const wanted = options.only ? new Set(options.only) : undefined;
  try {
    for (const entry of await listZip(src)) {
      const key = keyOf(entry);
      if (key === undefined || (wanted && !wanted.has(key))) continue;
      out.set(key, await readEntry(src, entry, label, options));
    }
  } catch (error) {
    throw error instanceof FormatError ? error.withFile(label) : error;
  }
  return out;
}

/**
 * Decodes `.npz` bytes into a map from key to array.
 * Throws: FormatError for a malformed zip, a CRC mismatch or a bad `.npy` entry.
 */
export async function decodeNpz(bytes: Uint8Array, options: ReadNpzOptions = {}): Promise<Map<string, NpyArray>> {
  return readAll(bytesSource(bytes), 'npz data', options);
}

/** Reads a `.npz` file (see decodeNpz); errors name the file and the entry. */
export async function readNpz(file: string, options: ReadNpzOptions = {}): Promise<Map<string, NpyArray>> {
  const src = await fileSource(file);
  try {
    return await readAll(src, file, options);
  } finally {
    await src.close();
  }
}

/** The keys of a `.npz` file, in archive order, without reading any array. */
export async function listNpz(file: string): Promise<string[]> {
  const src = await fileSource(file);
  try {
    return (await listZip(src)).map(keyOf).filter((key): key is string => key !== undefined);
  } catch (error) {
    throw error instanceof FormatError ? error.withFile(file) : error;
  } finally {
    await src.close();
  }
}

export type NpzEntries = ReadonlyMap<string, NpyInput> | Readonly<Record<string, NpyInput>>;

/**
 * Encodes arrays as `.npz` bytes (`compress: true` deflates, like `np.savez_compressed`).
 * Throws: RangeError for a bad array (see encodeNpy) or an archive of 4 GiB or more.
 */
export function encodeNpz(entries: NpzEntries, options: { compress?: boolean } = {}): Buffer {
  const list = entries instanceof Map ? [...entries] : Object.entries(entries);
  return encodeZip(list.map(([key, array]) => ({ name: `${key}.npy`, data: encodeNpy(array) })), options);
}

/** Writes arrays to a `.npz` file (see encodeNpz). */
export async function writeNpz(file: string, entries: NpzEntries, options: { compress?: boolean } = {}): Promise<void> {
  await fs.promises.writeFile(file, encodeNpz(entries, options));
}

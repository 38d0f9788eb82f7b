/**
 * Minimal zip reading and writing, enough for `.npz` (APPNOTE.TXT 6.3): stored and deflated entries,
 * CRC-32 checks, and zip64 records on reading (numpy's `savez` always writes zip64 local headers).
 * Writing produces plain (non-zip64) archives, so each entry and the whole archive stay under 4 GiB.
 */
import { Buffer } from 'node:buffer';
import zlib from 'node:zlib';
import { FormatError } from './format-error';
import type { RandomAccessSource } from './random-access';

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

function u64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError({ offset, expected: 'a zip64 size below 2^53' });
  return Number(value);
}

/** Locates the end-of-central-directory record and returns the central directory's place and count. */
async function findCentralDirectory(src: RandomAccessSource): Promise<{ offset: number; size: number; count: number }> {
  const tailLength = Math.min(src.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = src.size - tailLength;
  const tail = await src.read(tailStart, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    throw new FormatError({
      offset: tailStart,
      expected: 'a zip end-of-central-directory record (not a zip/npz file, or truncated)',
    });
  }
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (count === U16_MAX || size === U32_MAX || offset === U32_MAX) {
    const locatorAt = at - 20;
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== SIG_ZIP64_LOCATOR) {
      throw new FormatError({ offset: tailStart + Math.max(0, locatorAt), expected: 'a zip64 end-of-central-directory locator' });
    }
    const recordOffset = u64(tail, locatorAt + 8);
    const record = await src.read(recordOffset, 56);
    if (record.length < 56 || record.readUInt32LE(0) !== SIG_ZIP64_EOCD) {
      throw new FormatError({ offset: recordOffset, expected: 'a zip64 end-of-central-directory record' });
    }
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (offset + size > src.size) {
    throw new FormatError({
      offset,
      expected: `a central directory of ${size} bytes inside the ${src.size}-byte file (truncated?)`,
    });
  }
  return { offset, size, count };
}

/**
 * Lists a zip archive's entries from its central directory.
 * Throws: FormatError naming the offset of a malformed record; encrypted entries are refused.
 */
export async function listZip(src: RandomAccessSource): Promise<ZipEntry[]> {
  const dir = await findCentralDirectory(src);
  const buf = await src.read(dir.offset, dir.size);
  const entries: ZipEntry[] = [];
  let pos = 0;
  for (let n = 0; n < dir.count; n++) {
    if (pos + 46 > buf.length || buf.readUInt32LE(pos) !== SIG_CENTRAL) {
      throw new FormatError({ offset: dir.offset + pos, expected: `central directory entry ${n + 1} of ${dir.count}` });
    }
    const flags = buf.readUInt16LE(pos + 8);
    const method = buf.readUInt16LE(pos + 10);
    const crc32 = buf.readUInt32LE(pos + 16);
    let compressedSize = buf.readUInt32LE(pos + 20);
    let size = buf.readUInt32LE(pos + 24);
    const nameLength = buf.readUInt16LE(pos + 28);
    const extraLength = buf.readUInt16LE(pos + 30);
    const commentLength = buf.readUInt16LE(pos + 32);
    let localHeaderOffset = buf.readUInt32LE(pos + 42);
    const name = buf.toString('utf8', pos + 46, pos + 46 + nameLength);
    if (flags & 1) throw new FormatError({ offset: dir.offset + pos, expected: `an unencrypted zip entry (${name} is encrypted)` });
    // zip64 extra field: the 64-bit values of exactly those fields that hold 0xFFFFFFFF, in this order
    let extra = pos + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = buf.readUInt16LE(extra);
      const length = buf.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        if (size === U32_MAX) { size = u64(buf, field); field += 8; }
        if (compressedSize === U32_MAX) { compressedSize = u64(buf, field); field += 8; }
        if (localHeaderOffset === U32_MAX) { localHeaderOffset = u64(buf, field); field += 8; }
      }
      extra += 4 + length;
    }
    entries.push({ name, method, crc32, compressedSize, size, localHeaderOffset });
    pos = extraEnd + commentLength;
  }
  return entries;
}

/**
 * Where an entry's (compressed) data start, from its local header; checks they lie inside the file.
 * Throws: FormatError for a missing local header or a truncated entry.
 */
export async function zipEntryDataOffset(src: RandomAccessSource, entry: ZipEntry): Promise<number> {
  const header = await src.read(entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== SIG_LOCAL) {
    throw new FormatError({ offset: entry.localHeaderOffset, expected: `the local header of zip entry ${entry.name}` });
  }
  const dataOffset = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (dataOffset + entry.compressedSize > src.size) {
    throw new FormatError({
      offset: dataOffset,
      expected: `${entry.compressedSize} bytes of zip entry ${entry.name}`,
      found: `${Math.max(0, src.size - dataOffset)} (truncated)`,
    });
  }
  return dataOffset;
}

/** Throws a FormatError when `crc`, computed over an entry's uncompressed bytes, differs from the recorded CRC-32. */
export function checkZipCrc(entry: ZipEntry, crc: number, dataOffset: number): void {
  if (crc >>> 0 !== entry.crc32) {
    throw new FormatError({
      offset: dataOffset,
      expected: `CRC-32 ${entry.crc32.toString(16).padStart(8, '0')} for zip entry ${entry.name}`,
      found: (crc >>> 0).toString(16).padStart(8, '0'),
    });
  }
}

/**
 * Reads one entry's uncompressed bytes and checks its CRC-32 and size.
 * Throws: FormatError for an unsupported method, a bad local header, a size or CRC mismatch.
 */
export async function readZipEntry(src: RandomAccessSource, entry: ZipEntry): Promise<Buffer> {
  const dataOffset = await zipEntryDataOffset(src, entry);
  let data: Buffer;
  if (entry.method === 0) {
    data = Buffer.allocUnsafe(entry.compressedSize);
    await src.readInto(dataOffset, data);
  } else if (entry.method === 8) {
    const compressed = await src.read(dataOffset, entry.compressedSize);
    try {
      data = zlib.inflateRawSync(compressed);
    } catch (error) {
      throw new FormatError({ offset: dataOffset, expected: `deflate data in zip entry ${entry.name}`, found: (error as Error).message });
    }
  } else {
    throw new FormatError({
      offset: entry.localHeaderOffset + 8,
      expected: `compression method 0 (stored) or 8 (deflate) for ${entry.name}`,
      found: `method ${entry.method}`,
    });
  }
  if (data.length !== entry.size) {
    throw new FormatError({
      offset: dataOffset,
      expected: `${entry.size} uncompressed bytes in zip entry ${entry.name}`,
      found: `${data.length}`,
    });
  }
  checkZipCrc(entry, zlib.crc32(data), dataOffset);
  return data;
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
}

export interface EncodeZipOptions {
  /** Deflate entries (default false: stored, like `np.savez`). */
  compress?: boolean;
}

/** MS-DOS date of 1980-01-01 00:00, the earliest representable; fixed so archives are reproducible. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * Builds a zip archive in memory. Entries whose compressed form is not smaller stay stored.
 * Throws: RangeError when an entry or the archive would need zip64 (4 GiB or more).
 */
export function encodeZip(entries: readonly ZipInput[], options: EncodeZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    let method = 0;
    let body = raw;
    if (options.compress) {
      const deflated = zlib.deflateRawSync(raw);
      if (deflated.length < raw.length) {
        method = 8;
        body = deflated;
      }
    }
    if (raw.length >= U32_MAX || offset >= U32_MAX) {
      throw new RangeError(
        `zip entry ${entry.name}: archives of 4 GiB or more need zip64, which the writer does not produce`,
      );
    }
    const crc = zlib.crc32(raw) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(SIG_CENTRAL, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(DOS_TIME, 12);
    record.writeUInt16LE(DOS_DATE, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(body.length, 20);
    record.writeUInt32LE(raw.length, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(record, name);
    offset += local.length + name.length + body.length;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  if (offset + centralSize >= U32_MAX || entries.length >= U16_MAX) {
    throw new RangeError(
      'zip archive of 4 GiB or 65535 entries or more needs zip64, which the writer does not produce',
    );
  }
  const end = Buffer.alloc(EOCD_SIZE);
  end.writeUInt32LE(SIG_EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

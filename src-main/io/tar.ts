/**
 * A minimal streaming tar reader (POSIX ustar, plus the GNU long-name and pax path/size extensions
 * that common `tar` builds write). Entries are yielded in archive order; a body the caller does not
 * read is skipped, so multi-hundred-megabyte archives stream through in 512-byte blocks.
 */
import type { Buffer } from 'node:buffer';
import { ByteReader } from './byte-reader';
import { FormatError } from './format-error';

const BLOCK = 512;

export interface TarEntry {
  /** Path inside the archive, '/'-separated, without a leading './'. */
  name: string;
  /** Body size in bytes. */
  size: number;
  type: 'file' | 'directory' | 'other';
  /** Byte offset of the entry's header in the (decompressed) tar stream. */
  headerOffset: number;
  /** The body as chunks; valid only until the next entry is requested. */
  body(): AsyncGenerator<Buffer>;
  /** The whole body in one Buffer (for entries that fit in memory). */
  readAll(): Promise<Buffer>;
}

/** Parses a numeric header field: octal text, or GNU base-256 when the high bit of byte 0 is set. */
function parseNumber(field: Buffer, offset: number, label: string): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = field.toString('latin1').replace(/[\0 ]+$/g, '').replace(/^ +/, '');
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) {
    throw new FormatError({
      offset,
      expected: `an octal ${label} in the tar header`,
      found: JSON.stringify(text),
    });
  }
  return parseInt(text, 8);
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

function isZeroBlock(block: Buffer): boolean {
  for (let i = 0; i < block.length; i++) if (block[i] !== 0) return false;
  return true;
}

/** Reads pax extended-header records ("<len> key=value\n"); returns the ones Mnemo uses. */
function parsePax(body: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space === -1) break;
    const length = parseInt(body.toString('latin1', pos, space), 10);
    if (!(length > 0)) break;
    const record = body.toString('utf8', space + 1, pos + length - 1);
    const eq = record.indexOf('=');
    const key = record.slice(0, eq);
    const value = record.slice(eq + 1);
    if (key === 'path') out.path = value;
    else if (key === 'size') out.size = Number(value);
    pos += length;
  }
  return out;
}

function truncatedEntry(name: string, size: number, offset: number): FormatError {
  return new FormatError({ offset, expected: `${size} bytes of tar entry ${JSON.stringify(name)}`, found: 'the end of the archive' });
}

function normaliseName(name: string): string {
  return name.replace(/^(\.\/)+/, '');
}

/**
 * Iterates over the entries of a tar stream (already decompressed).
 * Throws: FormatError for a bad header checksum, a malformed field or a truncated body.
 */
export async function* readTar(source: AsyncIterable<Uint8Array>): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(source);
  let longName: string | undefined;
  let pax: { path?: string; size?: number } = {};
  try {
    for (;;) {
      const headerOffset = reader.position;
      const header = await reader.read(BLOCK);
      if (header.length === 0) return; // archives cut right after an entry still read
      if (header.length < BLOCK) {
        throw new FormatError({
          offset: headerOffset,
          expected: 'a 512-byte tar header',
          found: `${header.length} bytes before the end`,
        });
      }
      if (isZeroBlock(header)) return;

      const storedText = header.toString('latin1', 148, 156).replace(/[\0 ]+$/, '').trim();
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
      if (!/^[0-7]+$/.test(storedText) || parseInt(storedText, 8) !== sum) {
        throw new FormatError({
          offset: headerOffset,
          expected: `a tar header whose checksum field matches its bytes (${sum})`,
          found: `${JSON.stringify(storedText.slice(0, 8))} (not a tar archive, or corrupt)`,
        });
      }

      const typeFlag = String.fromCharCode(header[156] ?? 0);
      let size = parseNumber(header.subarray(124, 136), headerOffset + 124, 'size');
      if (pax.size !== undefined) size = pax.size;
      let name = cString(header.subarray(0, 100));
      // only POSIX ustar ("ustar\0") has the name prefix; old GNU ("ustar  \0") keeps other fields there
      const isPosix = header.toString('latin1', 257, 263) === 'ustar\0';
      const prefix = isPosix ? cString(header.subarray(345, 500)) : '';
      if (prefix) name = `${prefix}/${name}`;
      if (longName !== undefined) name = longName;
      if (pax.path !== undefined) name = pax.path;

      const padded = Math.ceil(size / BLOCK) * BLOCK;
      const bodyOffset = reader.position;
      const readBody = async (): Promise<Buffer> => {
        const body = await reader.read(size);
        if (body.length < size) throw truncatedEntry(name, size, bodyOffset + body.length);
        return body;
      };

      if (typeFlag === 'L' || typeFlag === 'x' || typeFlag === 'g') {
        const body = await readBody();
        await reader.skip(padded - size);
        if (typeFlag === 'L') longName = cString(body);
        else if (typeFlag === 'x') pax = parsePax(body);
        continue;
      }
      longName = undefined;
      pax = {};

      let consumed = 0;
      let readerStarted = false;
      const entry: TarEntry = {
        name: normaliseName(name),
        size,
        type: typeFlag === '0' || typeFlag === '\0' || typeFlag === '7' ? 'file' : typeFlag === '5' ? 'directory' : 'other',
        headerOffset,
        async *body() {
          if (readerStarted) throw new Error(`tar entry ${name}: body already read`);
          readerStarted = true;
          for await (const part of reader.stream(size - consumed)) {
            consumed += part.length;
            yield part;
          }
          if (consumed < size) throw truncatedEntry(name, size, bodyOffset + consumed);
        },
        async readAll() {
          if (readerStarted) throw new Error(`tar entry ${name}: body already read`);
          readerStarted = true;
          const body = await readBody();
          consumed = size;
          return body;
        },
      };
      yield entry;
      const rest = padded - consumed;
      const skipped = await reader.skip(rest);
      if (skipped < rest && consumed + skipped < size) throw truncatedEntry(name, size, bodyOffset + consumed + skipped);
    }
  } finally {
    await reader.close();
  }
}

/** Random-access byte sources (a Buffer or an open file) for formats indexed from the end, like zip. */
import { Buffer } from 'node:buffer';
import fs from 'node:fs';

export interface RandomAccessSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Reads up to `length` bytes at `offset` (fewer at the end). */
  read(offset: number, length: number): Promise<Buffer>;
  /** Reads exactly `into.byteLength` bytes at `offset` into `into`; returns the count actually read. */
  readInto(offset: number, into: Uint8Array): Promise<number>;
  close(): Promise<void>;
}

/** A source over bytes in memory. */
export function bytesSource(bytes: Uint8Array): RandomAccessSource {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, Math.min(buffer.length, offset + length)),
    readInto: async (offset, into) => {
      const part = buffer.subarray(offset, Math.min(buffer.length, offset + into.byteLength));
      into.set(part);
      return part.length;
    },
    close: async () => undefined,
  };
}

// fs reads are capped at 2 GiB per call
const MAX_READ = 1 << 30;

/** A source over a file, read with positioned reads (no whole-file buffering). */
export async function fileSource(file: string): Promise<RandomAccessSource> {
  const handle = await fs.promises.open(file, 'r');
  const { size } = await handle.stat();
  const readInto = async (offset: number, into: Uint8Array): Promise<number> => {
    let done = 0;
    while (done < into.byteLength) {
      const want = Math.min(MAX_READ, into.byteLength - done);
      const { bytesRead } = await handle.read(into, done, want, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done;
  };
  return {
    size,
    read: async (offset, length) => {
      const out = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const n = await readInto(offset, out);
      return out.subarray(0, n);
    },
    readInto,
    close: () => handle.close(),
  };
}

/**
 * Pull-style reading of exact byte counts from a stream of chunks (a file stream, a gunzip stream,
 * a tar entry's body), so format readers can say "read 512 bytes" instead of juggling chunk borders.
 */
import { Buffer } from 'node:buffer';

const EMPTY = Buffer.alloc(0);

export class ByteReader {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private chunk: Buffer = EMPTY;
  private chunkPos = 0;
  private ended = false;
  /** Bytes consumed so far (read or skipped), i.e. the offset of the next byte in the stream. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Makes sure the current chunk has unread bytes; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.chunkPos >= this.chunk.length) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        this.chunk = EMPTY;
        this.chunkPos = 0;
        return false;
      }
      const value = next.value;
      this.chunk = Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      this.chunkPos = 0;
    }
    return true;
  }

  /**
   * Reads up to `n` bytes; fewer only when the stream ends first.
   * Returns a view of the stream's chunk when the bytes lie in one chunk (no copy), else a new Buffer.
   */
  async read(n: number): Promise<Buffer> {
    if (n <= 0 || !(await this.fill())) return EMPTY;
    const available = this.chunk.length - this.chunkPos;
    if (available >= n) {
      const out = this.chunk.subarray(this.chunkPos, this.chunkPos + n);
      this.chunkPos += n;
      this.position += n;
      return out;
    }
    const parts: Buffer[] = [];
    let remaining = n;
    for await (const part of this.stream(n)) {
      parts.push(part);
      remaining -= part.length;
    }
    return remaining === n ? EMPTY : Buffer.concat(parts, n - remaining);
  }

  /** Yields the next `n` bytes (fewer when the stream ends first) as the chunks they arrive in. */
  async *stream(n: number): AsyncGenerator<Buffer> {
    let remaining = n;
    while (remaining > 0 && (await this.fill())) {
      const take = Math.min(remaining, this.chunk.length - this.chunkPos);
      const part = this.chunk.subarray(this.chunkPos, this.chunkPos + take);
      this.chunkPos += take;
      this.position += take;
      remaining -= take;
      yield part;
    }
  }

  /** Skips up to `n` bytes; returns how many were skipped (fewer only at the end of the stream). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    for await (const part of this.stream(n)) skipped += part.length;
    return skipped;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /** Stops reading and releases the underlying stream. */
  async close(): Promise<void> {
    this.ended = true;
    await this.iterator.return?.();
  }
}

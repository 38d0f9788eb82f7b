/** Splitting a byte stream into lines without decoding it, for fast parsers of large text tables. */
import { Buffer } from 'node:buffer';

function stripCr(line: Buffer): Buffer {
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
}

/**
 * Yields each line of the stream as bytes, without the '\n' or '\r\n' ending; a last line without an
 * ending is yielded too. Lines are views of the stream's chunks when they fit in one (no copy).
 */
export async function* readLines(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let carry: Buffer[] = [];
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    let newline = buf.indexOf(0x0a, start);
    if (carry.length > 0) {
      if (newline === -1) {
        carry.push(buf);
        continue;
      }
      carry.push(buf.subarray(0, newline));
      yield stripCr(Buffer.concat(carry));
      carry = [];
      start = newline + 1;
      newline = buf.indexOf(0x0a, start);
    }
    while (newline !== -1) {
      yield stripCr(buf.subarray(start, newline));
      start = newline + 1;
      newline = buf.indexOf(0x0a, start);
    }
    if (start < buf.length) carry.push(buf.subarray(start));
  }
  if (carry.length > 0) yield stripCr(Buffer.concat(carry));
}

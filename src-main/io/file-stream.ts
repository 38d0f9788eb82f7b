/** Opening files as chunk streams, transparently gunzipped when they start with the gzip magic. */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';

const CHUNK = 1 << 20;

/** True when the file begins with the gzip magic bytes 1f 8b. */
export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The file's bytes as an async stream of chunks, decompressed when it is gzip (detected by its magic,
 * not its name). Errors of the file or of gunzip surface when the stream is iterated.
 */
export async function openByteStream(file: string): Promise<AsyncIterable<Buffer>> {
  const raw = fs.createReadStream(file, { highWaterMark: CHUNK });
  if (!(await isGzipFile(file))) return raw;
  // pipeline forwards a read error into the gunzip stream, so iteration sees it
  return pipeline(raw, zlib.createGunzip({ chunkSize: CHUNK }), () => undefined);
}

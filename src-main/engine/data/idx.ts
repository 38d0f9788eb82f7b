/**
 * The idx format of MNIST and Fashion-MNIST (yann.lecun.com/exdb/mnist): a big-endian magic
 * 0x000008NN (0x08 = unsigned bytes, NN = number of dimensions), NN big-endian uint32 sizes, then the
 * bytes. Files may be gzipped (detected from their content). Offsets in errors count decompressed bytes.
 */
import { ByteReader } from '../../io/byte-reader';
import { isGzipFile, openByteStream } from '../../io/file-stream';
import { attributeErrors, DatasetError } from './errors';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

export interface IdxArray {
  file: string;
  /** Sizes from the header, e.g. [60000, 28, 28]. */
  dims: number[];
  data: Uint8Array;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * Reads an unsigned-byte idx file and checks its magic, that the data are complete, and that nothing follows.
 * Args: `magic`: IDX_IMAGES_MAGIC (3 dims) or IDX_LABELS_MAGIC (1 dim).
 * Throws: DatasetError naming the file, the byte offset and what was expected.
 */
export async function readIdx(file: string, magic: number): Promise<IdxArray> {
  const gz = (await isGzipFile(file)) ? ' (offsets in the decompressed data)' : '';
  return attributeErrors(file, 'a readable idx file', async () => {
    const reader = new ByteReader(await openByteStream(file));
    try {
      const head = await reader.read(4);
      const found = head.length === 4 ? head.readUInt32BE(0) : -1;
      if (found !== magic) {
        const what = magic === IDX_IMAGES_MAGIC ? 'images' : 'labels';
        throw new DatasetError({
          file,
          offset: 0,
          expected: `the idx ${what} magic ${hex(magic)}${gz}`,
          found: found === -1 ? `${head.length} bytes` : hex(found),
        });
      }
      const rank = magic & 0xff;
      const dimBytes = await reader.read(4 * rank);
      if (dimBytes.length < 4 * rank) {
        throw new DatasetError({
          file,
          offset: 4 + dimBytes.length,
          expected: `${rank} dimension sizes${gz}`,
          found: 'the end of the file',
        });
      }
      const dims = Array.from({ length: rank }, (_, i) => dimBytes.readUInt32BE(4 * i));
      const count = dims.reduce((a, b) => a * b, 1);
      const dataStart = 4 + 4 * rank;
      const data = new Uint8Array(count);
      let filled = 0;
      for await (const part of reader.stream(count)) {
        data.set(part, filled);
        filled += part.length;
      }
      if (filled < count) {
        throw new DatasetError({
          file,
          offset: dataStart + filled,
          expected: `${count} data bytes for dims ${dims.join('×')} (${dataStart + count} bytes in all)${gz}`,
          found: `the end of the file after ${filled}`,
        });
      }
      if (!(await reader.atEnd())) {
        throw new DatasetError({
          file,
          offset: dataStart + count,
          expected: `the end of the file after dims ${dims.join('×')}${gz}`,
          found: 'more data',
        });
      }
      return { file, dims, data };
    } finally {
      await reader.close();
    }
  });
}

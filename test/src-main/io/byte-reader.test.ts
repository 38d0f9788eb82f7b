import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../src-main/io/byte-reader';

describe('ByteReader', () => {
  it('returns exactly the requested bytes whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 }),
        async (bytes, chunkSizes, reads) => {
          const chunks: Buffer[] = [];
          for (let i = 0, k = 0; i < bytes.length; k++) {
            const size = chunkSizes[k % chunkSizes.length]!;
            chunks.push(Buffer.from(bytes.subarray(i, i + size)));
            i += size;
          }
          const reader = new ByteReader(Readable.from(chunks));
          let expectedPos = 0;
          for (const [index, n] of reads.entries()) {
            const want = bytes.subarray(expectedPos, expectedPos + n);
            if (index % 3 === 2) expect(await reader.skip(n)).toBe(want.length);
            else expect(Buffer.compare(await reader.read(n), Buffer.from(want))).toBe(0);
            expectedPos += want.length;
            expect(reader.position).toBe(expectedPos);
          }
          expect(await reader.atEnd()).toBe(expectedPos === bytes.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});

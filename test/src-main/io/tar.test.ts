import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../src-main/io/format-error';
import { readTar } from '../../../src-main/io/tar';
import { buildTar, GNU_TGZ_HEX, PAX_TGZ_HEX } from './tar-fixture';

const LONG = 'a_very_long_directory_name_that_goes_on_and_on_for_quite_a_while/and_a_file_name_long_enough_to_exceed.txt';

/** Feeds bytes in small chunks so header and body reads straddle chunk borders. */
function chunked(bytes: Buffer, size = 37): AsyncIterable<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
}

async function collect(bytes: Buffer, size?: number): Promise<Array<[string, string, string]>> {
  const out: Array<[string, string, string]> = [];
  for await (const entry of readTar(chunked(bytes, size))) {
    out.push([entry.name, entry.type, entry.type === 'file' ? (await entry.readAll()).toString() : '']);
  }
  return out;
}

describe('readTar on archives written by GNU tar', () => {
  it.each([
    ['gnu', GNU_TGZ_HEX],
    ['pax', PAX_TGZ_HEX],
  ])('%s format, long names included', async (_format, hex) => {
    const tar = zlib.gunzipSync(Buffer.from(hex, 'hex'));
    const entries = await collect(tar);
    expect(entries.filter((e) => e[1] === 'file')).toEqual([
      ['texas/100/feats', 'file', '1,0,1\n0,1,1\n'],
      ['texas/100/labels', 'file', '3\n7\n'],
      [LONG, 'file', 'long name body'],
    ]);
    expect(entries.filter((e) => e[1] === 'directory').map((e) => e[0])).toContain('texas/100/');
  });
});

describe('readTar streaming', () => {
  const tar = buildTar([
    { name: 'dir', data: undefined },
    { name: 'dir/a.bin', data: Buffer.alloc(1500, 7) },
    { name: './b.txt', data: 'bee' },
  ]);

  it('skips bodies that are not read and streams the ones that are', async () => {
    const seen: string[] = [];
    for await (const entry of readTar(chunked(tar, 100))) {
      seen.push(entry.name);
      if (entry.name === 'b.txt') {
        let text = '';
        for await (const part of entry.body()) text += part.toString();
        expect(text).toBe('bee');
      }
    }
    expect(seen).toEqual(['dir', 'dir/a.bin', 'b.txt']);
  });

  it('a partly read body is skipped correctly', async () => {
    const names: string[] = [];
    for await (const entry of readTar(chunked(tar, 64))) {
      names.push(entry.name);
      if (entry.name === 'dir/a.bin') {
        for await (const part of entry.body()) {
          expect(part[0]).toBe(7);
          break;
        }
      }
    }
    expect(names).toEqual(['dir', 'dir/a.bin', 'b.txt']);
  });

  it('accepts an archive without the closing zero blocks', async () => {
    const entries = await collect(tar.subarray(0, tar.length - 1024));
    expect(entries.map((e) => e[0])).toEqual(['dir', 'dir/a.bin', 'b.txt']);
  });
});

describe('readTar errors', () => {
  const tar = buildTar([{ name: 'x.bin', data: Buffer.alloc(1000, 1) }]);

  it('a corrupted header fails its checksum, naming the offset', async () => {
    const bad = Buffer.from(tar);
    bad[3] = 0x41;
    await expect(collect(bad)).rejects.toThrow(/^byte 0: expected a tar header whose checksum field matches its bytes \(\d+\), found "\d+" \(not a tar archive, or corrupt\)$/);
  });

  it('a truncated body names where the data ran out', async () => {
    const error = await collect(tar.subarray(0, 512 + 700)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).offset).toBe(1212);
    expect((error as FormatError).message).toBe('byte 1212: expected 1000 bytes of tar entry "x.bin", found the end of the archive');
  });

  it('a truncated header', async () => {
    await expect(collect(tar.subarray(0, 300))).rejects.toThrow(/^byte 0: expected a 512-byte tar header, found 300 bytes before the end$/);
  });
});

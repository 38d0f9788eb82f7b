import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../../src-main/io/random-access';
import { encodeZip, listZip, readZipEntry } from '../../../src-main/io/zip';

/**
 * A zip written by Python's zipfile with ZIP64_LIMIT patched to 4 bytes, so every record carries zip64
 * extra fields and a zip64 end-of-central-directory record: 'a.npy' (a <u2 array [7, 8, 9]) and 'note.txt'
 * ('hello zip64', whose local header offset 189 is stored only in the zip64 extra field).
 */
const ZIP64_HEX =
  '504b03042d0000000000b169775da4213ae8ffffffffffffffff05001400612e6e70790100100086000000000000008600000000000000' +
  '934e554d5059010076007b276465736372273a20273c7532272c2027666f727472616e5f6f72646572273a2046616c73652c2027736861' +
  '7065273a2028332c292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020' +
  '2020202020202020202020202020200a070008000900504b03042d0000000000b169775dacba0af8ffffffffffffffff080014006e6f74652e' +
  '747874010010000b000000000000000b0000000000000068656c6c6f207a69703634504b01022d032d0000000000b169775da4213ae8ffffff' +
  'ffffffffff050014000000000000000000800100000000612e6e70790100100086000000000000008600000000000000504b01022d032d0000' +
  '000000b169775dacba0af8ffffffffffffffff08001c0000000000000000008001ffffffff6e6f74652e747874010018000b00000000000000' +
  '0b00000000000000bd00000000000000504b06062c000000000000002d002d000000000000000000020000000000000002000000000000009900' +
  '0000000000000201000000000000504b0607000000009b0100000000000001000000504b0506000000000200020099000000020100000000';

describe('zip64 reading', () => {
  it('reads sizes and offsets from zip64 extra fields', async () => {
    const src = bytesSource(Buffer.from(ZIP64_HEX, 'hex'));
    const entries = await listZip(src);
    expect(entries.map((e) => [e.name, e.size, e.localHeaderOffset])).toEqual([
      ['a.npy', 134, 0],
      ['note.txt', 11, 189],
    ]);
    expect((await readZipEntry(src, entries[1]!)).toString()).toBe('hello zip64');
  });

  it('follows the zip64 end-of-central-directory record when the classic one holds sentinels', async () => {
    const bytes = Buffer.from(ZIP64_HEX, 'hex');
    const eocd = bytes.length - 22;
    bytes.writeUInt16LE(0xffff, eocd + 8);
    bytes.writeUInt16LE(0xffff, eocd + 10);
    bytes.writeUInt32LE(0xffffffff, eocd + 12);
    bytes.writeUInt32LE(0xffffffff, eocd + 16);
    const entries = await listZip(bytesSource(bytes));
    expect(entries.map((e) => e.name)).toEqual(['a.npy', 'note.txt']);
  });
});

describe('encodeZip', () => {
  it('stores, deflates when smaller, and reads back', async () => {
    const big = Buffer.alloc(5000, 'abc');
    const tiny = Buffer.from('x');
    const zip = encodeZip([{ name: 'big.txt', data: big }, { name: 'dir/tiny', data: tiny }], { compress: true });
    const src = bytesSource(zip);
    const entries = await listZip(src);
    expect(entries.map((e) => [e.name, e.method, e.size])).toEqual([
      ['big.txt', 8, 5000],
      ['dir/tiny', 0, 1],
    ]);
    expect((await readZipEntry(src, entries[0]!)).equals(big)).toBe(true);
    expect((await readZipEntry(src, entries[1]!)).equals(tiny)).toBe(true);
  });

  it('refuses unknown methods and encrypted entries', async () => {
    const zip = encodeZip([{ name: 'a', data: Buffer.from('abc') }]);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    const odd = Buffer.from(zip);
    odd.writeUInt16LE(12, central + 10); // bzip2
    const [entry] = await listZip(bytesSource(odd));
    await expect(readZipEntry(bytesSource(odd), entry!)).rejects.toThrow(/compression method 0 \(stored\) or 8 \(deflate\) for a, found method 12/);
    const locked = Buffer.from(zip);
    locked.writeUInt16LE(1, central + 8);
    await expect(listZip(bytesSource(locked))).rejects.toThrow(/unencrypted zip entry \(a is encrypted\)/);
  });
});

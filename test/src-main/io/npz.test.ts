import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpz, encodeNpz, listNpz, readNpz, writeNpz } from '../../../src-main/io/npz';
import { numpyBytes } from './numpy-fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-npz-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('numpy-written .npz', () => {
  it('np.savez (stored, zip64 local headers)', async () => {
    const arrays = await decodeNpz(numpyBytes('npz_stored'));
    expect([...arrays.keys()]).toEqual(['features', 'labels']);
    expect(arrays.get('features')).toMatchObject({ dtype: 'f4', shape: [2, 2] });
    expect(Array.from(arrays.get('features')?.data as Float32Array)).toEqual([0, 1, 1, 0]);
    expect(Array.from(arrays.get('labels')?.data as BigInt64Array)).toEqual([3n, 1n]);
  });

  it('np.savez_compressed (deflated)', async () => {
    const arrays = await decodeNpz(numpyBytes('npz_deflated'), { int64: 'int32' });
    expect(Array.from(arrays.get('x')?.data as Int32Array)).toEqual([0, 1, 2, 3, 4]);
    expect(arrays.get('y')).toMatchObject({ dtype: 'b1', shape: [2] });
    expect(Array.from(arrays.get('y')?.data as Uint8Array)).toEqual([1, 0]);
  });

  it('converts int64 in stored entries after checking the CRC of the raw bytes', async () => {
    const arrays = await decodeNpz(numpyBytes('npz_stored'), { int64: 'float64' });
    expect(arrays.get('labels')).toMatchObject({ dtype: 'f8' });
    expect(Array.from(arrays.get('labels')?.data as Float64Array)).toEqual([3, 1]);
  });

  it('reads only the keys asked for', async () => {
    const arrays = await decodeNpz(numpyBytes('npz_stored'), { only: ['labels'] });
    expect([...arrays.keys()]).toEqual(['labels']);
  });
});

describe('encodeNpz / readNpz round trips', () => {
  const entries = {
    features: { data: Float32Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 1 : 0)), shape: [6, 100] },
    labels: { data: Uint16Array.of(0, 5, 99, 3, 2, 1) },
    mask: { data: Uint8Array.of(1, 0, 1), dtype: 'b1' as const },
  };

  it.each([false, true])('compress=%s', async (compress) => {
    const file = path.join(tmp, `rt-${compress}.npz`);
    await writeNpz(file, entries, { compress });
    expect(await listNpz(file)).toEqual(['features', 'labels', 'mask']);
    const back = await readNpz(file);
    expect(back.get('features')?.shape).toEqual([6, 100]);
    expect(back.get('features')?.data).toEqual(entries.features.data);
    expect(back.get('labels')?.data).toEqual(entries.labels.data);
    expect(back.get('mask')).toMatchObject({ dtype: 'b1' });
    const size = fs.statSync(file).size;
    if (compress) expect(size).toBeLessThan(600);
    else expect(size).toBeGreaterThan(2400);
  });

  it('accepts a Map and is reproducible byte for byte', () => {
    const map = new Map(Object.entries(entries));
    expect(encodeNpz(map).equals(encodeNpz(entries))).toBe(true);
  });
});

describe('errors name the file, entry and offset', () => {
  it('a flipped data byte fails the CRC check', async () => {
    const bytes = Buffer.from(numpyBytes('npz_stored'));
    const at = bytes.indexOf(Buffer.from('0000803f', 'hex')); // the first 1.0f of features
    bytes[at] = 1;
    const file = path.join(tmp, 'crc.npz');
    fs.writeFileSync(file, bytes);
    await expect(readNpz(file)).rejects.toThrow(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}, byte \\d+: expected CRC-32 [0-9a-f]{8} for zip entry features\\.npy, found [0-9a-f]{8}$`));
  });

  it('a truncated archive has no end-of-central-directory record', async () => {
    const bytes = numpyBytes('npz_deflated');
    await expect(decodeNpz(bytes.subarray(0, bytes.length - 30))).rejects.toThrow(/npz data, byte 0: expected a zip end-of-central-directory record/);
  });

  it('a bad .npy inside names the entry', async () => {
    const bad = encodeNpz({ a: { data: new Float32Array(2) } });
    const at = bad.indexOf(Buffer.from('<f4'));
    bad.write('>f4', at, 'latin1');
    // the CRC no longer matches, but the header is checked first
    await expect(decodeNpz(bad)).rejects.toThrow(/a\.npy in npz data: expected little-endian data .* found big-endian descr '>f4'/);
  });
});

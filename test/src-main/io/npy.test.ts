import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormatError } from '../../../src-main/io/format-error';
import { decodeNpy, encodeNpy, readNpy, writeNpy, type NpyArray, type NpyData, type NpyDtype } from '../../../src-main/io/npy';
import { numpyBytes } from './numpy-fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-npy-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The arrays numpy wrote into each reference file (see numpy-fixtures.ts). */
const REFERENCE: Array<[string, NpyDtype, number[], unknown[]]> = [
  ['f4_1d', 'f4', [3], [1.5, -2.25, Math.fround(3e-8)]],
  ['f8_2x2', 'f8', [2, 2], [0.1, -1e300, Math.PI, 2]],
  ['i1', 'i1', [3], [-128, 0, 127]],
  ['i2', 'i2', [3], [-32768, 1, 32767]],
  ['i4', 'i4', [3], [-(2 ** 31), 7, 2 ** 31 - 1]],
  ['i8', 'i8', [3], [-(2n ** 63n), 42n, 2n ** 53n + 1n]],
  ['u1_2x3', 'u1', [2, 3], [0, 40, 80, 120, 160, 200]],
  ['u2', 'u2', [2], [0, 65535]],
  ['u4', 'u4', [2], [0, 2 ** 32 - 1]],
  ['u8', 'u8', [2], [0n, 2n ** 64n - 1n]],
  ['b1', 'b1', [3], [1, 0, 1]],
  ['scalar_f8', 'f8', [], [2.5]],
  ['empty_f4', 'f4', [0, 3], []],
];

describe('decodeNpy on numpy-written files', () => {
  it.each(REFERENCE)('%s', (key, dtype, shape, values) => {
    const array = decodeNpy(numpyBytes(key));
    expect(array.dtype).toBe(dtype);
    expect(array.shape).toEqual(shape);
    expect(Array.from(array.data as ArrayLike<unknown>)).toEqual(values);
  });

  it('reads version 2 and version 3 (utf-8) headers', () => {
    const v2 = decodeNpy(numpyBytes('v2_f4'));
    expect(v2).toMatchObject({ dtype: 'f4', shape: [2] });
    expect(Array.from(v2.data as Float32Array)).toEqual([1, 2]);
    const v3 = decodeNpy(numpyBytes('v3_i2'));
    expect(Array.from(v3.data as Int16Array)).toEqual([3, -4]);
  });

  it('returns aligned copies even from odd offsets', () => {
    const bytes = numpyBytes('f8_2x2');
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const array = decodeNpy(shifted.subarray(1));
    expect(array.data.byteOffset).toBe(0);
    expect((array.data as Float64Array)[2]).toBe(Math.PI);
  });
});

describe('encodeNpy matches numpy byte for byte', () => {
  it.each(REFERENCE)('%s', (key) => {
    const array = decodeNpy(numpyBytes(key));
    expect(encodeNpy(array).toString('hex')).toBe(numpyBytes(key).toString('hex'));
  });

  it('writes version 2 on request', () => {
    const bytes = encodeNpy({ data: new Float32Array([1, 2]) }, { version: 2 });
    expect(bytes.toString('hex')).toBe(numpyBytes('v2_f4').toString('hex'));
  });
});

describe('decodeNpy refuses what it cannot represent, naming the file and descr', () => {
  it.each([
    ['be_f4', /big-endian descr '>f4'/],
    ['fortran', /fortran_order': False.*found true for descr '<f4'/],
    ['structured', /structured dtypes are not supported.*descr \[\["a","<f4"\],\["b","<i4"\]\]/],
    ['c8', /supported dtype.*found descr '<c8'/],
  ])('%s', (key, message) => {
    expect(() => decodeNpy(numpyBytes(key), { file: 'x.npy' })).toThrow(message);
    expect(() => decodeNpy(numpyBytes(key), { file: 'x.npy' })).toThrow(/^x\.npy/);
  });

  it('bad magic', () => {
    const bytes = Buffer.from(numpyBytes('i1'));
    bytes[1] = 0x41;
    expect(() => decodeNpy(bytes, { file: 'bad.npy' })).toThrow(/bad\.npy, byte 0: expected the \.npy magic/);
  });

  it('unknown version', () => {
    const bytes = Buffer.from(numpyBytes('i1'));
    bytes[6] = 9;
    expect(() => decodeNpy(bytes)).toThrow(/byte 6: expected \.npy format version 1, 2 or 3, found version 9\.0/);
  });

  it('truncated data names the offset where data run out', () => {
    const bytes = numpyBytes('i4'); // 128-byte preamble + 12 data bytes
    const error = (() => {
      try {
        decodeNpy(bytes.subarray(0, 135), { file: 't.npy' });
      } catch (e) {
        return e as FormatError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FormatError);
    expect(error?.offset).toBe(135);
    expect(error?.message).toMatch(/t\.npy, byte 135: expected 12 data bytes .* found 7 \(truncated\)/);
  });

  it('excess data and a truncated header', () => {
    expect(() => decodeNpy(Buffer.concat([numpyBytes('i1'), Buffer.from([0])]))).toThrow(/found 4$/);
    expect(() => decodeNpy(numpyBytes('i1').subarray(0, 50))).toThrow(/byte 50: expected a 118-byte header/);
  });

  it('bool bytes other than 0/1', () => {
    const bytes = Buffer.from(numpyBytes('b1'));
    bytes[bytes.length - 1] = 2;
    expect(() => decodeNpy(bytes)).toThrow(/byte 130: expected a bool byte 0 or 1, found 2/);
  });
});

describe('int64 conversion', () => {
  const int64 = (values: bigint[]) => encodeNpy({ data: BigInt64Array.from(values) });

  it('converts to float64 or int32 when every value fits', () => {
    const f = decodeNpy(int64([-(2n ** 53n), 5n, 2n ** 53n]), { int64: 'float64' });
    expect(f.dtype).toBe('f8');
    expect(Array.from(f.data as Float64Array)).toEqual([-(2 ** 53), 5, 2 ** 53]);
    const i = decodeNpy(int64([-(2n ** 31n), 2n ** 31n - 1n]), { int64: 'int32' });
    expect(i.dtype).toBe('i4');
    expect(i.data).toBeInstanceOf(Int32Array);
  });

  it('refuses a value that does not fit, naming the element', () => {
    expect(() => decodeNpy(int64([1n, 2n ** 31n]), { int64: 'int32', file: 'k.npy' })).toThrow(/k\.npy, byte 136: expected an int64 that fits int32 exactly \(element 1\), found 2147483648/);
    expect(() => decodeNpy(numpyBytes('i8'), { int64: 'float64' })).toThrow(/element 0/);
    expect(Array.from(decodeNpy(numpyBytes('u8').subarray(0), { int64: 'bigint' }).data as BigUint64Array)).toEqual([0n, 2n ** 64n - 1n]);
  });
});

describe('round trips', () => {
  const makers: Record<NpyDtype, (n: number) => fc.Arbitrary<NpyData>> = {
    f4: (n) => fc.array(fc.float({ noNaN: true }), { minLength: n, maxLength: n }).map((v) => Float32Array.from(v)),
    f8: (n) => fc.array(fc.double(), { minLength: n, maxLength: n }).map((v) => Float64Array.from(v)),
    i1: (n) => fc.array(fc.integer({ min: -128, max: 127 }), { minLength: n, maxLength: n }).map((v) => Int8Array.from(v)),
    i2: (n) => fc.array(fc.integer({ min: -32768, max: 32767 }), { minLength: n, maxLength: n }).map((v) => Int16Array.from(v)),
    i4: (n) => fc.array(fc.integer(), { minLength: n, maxLength: n }).map((v) => Int32Array.from(v)),
    i8: (n) => fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: n, maxLength: n }).map((v) => BigInt64Array.from(v)),
    u1: (n) => fc.uint8Array({ minLength: n, maxLength: n }),
    u2: (n) => fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: n, maxLength: n }).map((v) => Uint16Array.from(v)),
    u4: (n) => fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: n, maxLength: n }).map((v) => Uint32Array.from(v)),
    u8: (n) => fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), { minLength: n, maxLength: n }).map((v) => BigUint64Array.from(v)),
    b1: (n) => fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }).map((v) => Uint8Array.from(v)),
  };

  it.each(Object.keys(makers) as NpyDtype[])('%s through v1 and v2 headers', (dtype) => {
    const shapes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 });
    fc.assert(
      fc.property(
        shapes.chain((shape) => makers[dtype](shape.reduce((a, b) => a * b, 1)).map((data) => ({ shape, data }))),
        fc.constantFrom(1 as const, 2 as const),
        ({ shape, data }, version) => {
          const bytes = encodeNpy({ data, shape, dtype }, { version });
          expect(bytes.length % 64).toBe(data.byteLength % 64);
          expect(bytes[6]).toBe(version);
          const back: NpyArray = decodeNpy(bytes);
          expect(back.dtype).toBe(dtype);
          expect(back.shape).toEqual(shape);
          expect(Buffer.from(back.data.buffer).equals(Buffer.from(data.buffer, data.byteOffset, data.byteLength))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('writes and reads files', async () => {
    const file = path.join(tmp, 'a.npy');
    const data = Float32Array.from({ length: 1000 }, (_, i) => i / 7);
    await writeNpy(file, { data, shape: [10, 100] });
    const back = await readNpy(file);
    expect(back.shape).toEqual([10, 100]);
    expect(back.data).toEqual(data);
    fs.writeFileSync(file, numpyBytes('i4').subarray(0, 131));
    await expect(readNpy(file)).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, byte 131: expected 12 data bytes`));
  });

  it('rejects a shape that does not match the data, and mismatched dtypes', () => {
    expect(() => encodeNpy({ data: new Float32Array(5), shape: [2, 2] })).toThrow(/shape \[2,2\] holds 4 elements but the data has 5/);
    expect(() => encodeNpy({ data: new Float32Array(1), dtype: 'f8' })).toThrow(/dtype f8 needs a Float64Array, got Float32Array/);
    expect(() => encodeNpy({ data: Uint8Array.of(2), dtype: 'b1' })).toThrow(/b1 data must be 0 or 1/);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeArray, dtypeOf, dtypeSize, encodeArray, type ArrayDtype, type StoredArray } from '../../../src-main/store/blob-codec';
import { CorruptDataError } from '../../../src-main/store/errors';

const arrays: Record<ArrayDtype, fc.Arbitrary<StoredArray>> = {
  u8: fc.uint8Array(),
  u16: fc.array(fc.integer({ min: 0, max: 65535 })).map((v) => Uint16Array.from(v)),
  i32: fc.int32Array(),
  f32: fc.float32Array(),
  f64: fc.float64Array(),
};

describe('typed-array BLOB codec', () => {
  it.each(Object.keys(arrays) as ArrayDtype[])('round-trips %s arrays bit for bit (NaN payloads and -0 included)', (dtype) => {
    fc.assert(
      fc.property(arrays[dtype], (data) => {
        expect(dtypeOf(data, 'x')).toBe(dtype);
        const bytes = Buffer.from(encodeArray(data));
        const back = decodeArray(bytes, dtype, data.length, 'x');
        expect(back.constructor).toBe(data.constructor);
        expect(Buffer.from(back.buffer, back.byteOffset, back.byteLength).equals(Buffer.from(data.buffer, data.byteOffset, data.byteLength))).toBe(true);
      }),
    );
  });

  it('writes little-endian bytes with no framing', () => {
    expect([...encodeArray(Uint16Array.of(0x0102))]).toEqual([0x02, 0x01]);
    expect([...encodeArray(Int32Array.of(-2))]).toEqual([0xfe, 0xff, 0xff, 0xff]);
    expect([...encodeArray(Float32Array.of(1))]).toEqual([0, 0, 0x80, 0x3f]);
    expect(encodeArray(new Float64Array(3)).length).toBe(24);
  });

  it('encodes a subarray without its neighbours', () => {
    const whole = Int32Array.of(1, 2, 3, 4);
    expect([...new Int32Array(Uint8Array.from(encodeArray(whole.subarray(1, 3))).buffer)]).toEqual([2, 3]);
  });

  it('returns arrays that own their buffer, copying unaligned or shared bytes', () => {
    const pool = new Uint8Array(13);
    pool.set(encodeArray(Float32Array.of(1.5, -2.5, 3.25)), 1);
    const back = decodeArray(pool.subarray(1), 'f32', 3, 'x') as Float32Array;
    expect([...back]).toEqual([1.5, -2.5, 3.25]);
    expect(back.buffer.byteLength).toBe(12);
    const own = new Uint8Array(encodeArray(Float64Array.of(7)));
    expect(decodeArray(own, 'f64', 1, 'x').buffer.byteLength).toBe(8);
  });

  it('names the array when its bytes do not match dtype × length', () => {
    expect(() => decodeArray(new Uint8Array(10), 'f32', 3, 'array "phi" of model 2 of study "s"')).toThrow(CorruptDataError);
    expect(() => decodeArray(new Uint8Array(10), 'f32', 3, 'array "phi" of model 2 of study "s"')).toThrow(
      'array "phi" of model 2 of study "s" holds 10 bytes; its row says 3 × f32 = 12 bytes',
    );
  });

  it('refuses arrays of other kinds, naming them', () => {
    expect(() => dtypeOf(new Int8Array(2), 'array "x"')).toThrow('array "x" is a Int8Array');
    expect(() => dtypeOf([1, 2], 'array "x"')).toThrow('array "x" is a Array');
    expect(dtypeSize('u16')).toBe(2);
    expect(dtypeSize('f64')).toBe(8);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scatterInto, validRange } from '../../../../../src-main/engine/backend/wasm/spatial-copy';

describe('validRange', () => {
  it('is exactly the indices i with 0 ≤ offset + i·step < limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: -20, max: 20 }), (count, limit, step, offset) => {
        const [first, end] = validRange(count, limit, step, offset);
        const expected = Array.from({ length: count }, (_, i) => i).filter((i) => offset + i * step >= 0 && offset + i * step < limit);
        expect(Array.from({ length: end - first }, (_, i) => first + i)).toEqual(expected);
      }),
    );
  });
});

describe('scatterInto', () => {
  it('dilates by the stride and pads (a 2×2 image of 2 channels onto a 4×5 grid)', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const dst = new Float32Array(4 * 5 * 2);
    scatterInto(src, { batch: 1, height: 2, width: 2, channels: 2 }, dst, 0, 4, 5, { stepH: 2, stepW: 3, offsetH: 1, offsetW: 1 });
    const at = (y: number, x: number): number[] => Array.from(dst.subarray((y * 5 + x) * 2, (y * 5 + x) * 2 + 2));
    expect(at(1, 1)).toEqual([1, 2]);
    expect(at(1, 4)).toEqual([3, 4]);
    expect(at(3, 1)).toEqual([5, 6]);
    expect(at(3, 4)).toEqual([7, 8]);
    expect(dst.reduce((s, v) => s + v, 0)).toBe(36);
  });

  it('crops pixels that land outside and honours the start offset', () => {
    const src = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dst = new Float32Array(3 + 2 * 2);
    scatterInto(src, { batch: 1, height: 3, width: 3, channels: 1 }, dst, 3, 2, 2, { stepH: 1, stepW: 1, offsetH: -1, offsetW: -1 });
    expect(Array.from(dst)).toEqual([0, 0, 0, 5, 6, 8, 9]);
  });
});

import { describe, expect, it } from 'vitest';
import { pixelZoom, toRgba } from '../../../../src-renderer/views/samples/pixels';

describe('toRgba', () => {
  it('copies grey to R, G and B with opaque alpha, rounding and clamping', () => {
    expect(Array.from(toRgba({ width: 2, height: 1, channels: 1, pixels: [0, 300.4] }))).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('copies RGB channels in HWC order', () => {
    expect(Array.from(toRgba({ width: 1, height: 2, channels: 3, pixels: [1, 2, 3, 4, 5, 6] }))).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });

  it('names the shape that does not match', () => {
    expect(() => toRgba({ width: 2, height: 2, channels: 3, pixels: [1, 2, 3] })).toThrow('image of 2×2×3 needs 12 values, got 3');
    expect(() => toRgba({ width: 1, height: 1, channels: 2, pixels: [1, 2] })).toThrow('image channels must be 1, 3 or 4, not 2');
  });
});

describe('pixelZoom', () => {
  it('is the whole factor that fits the box', () => {
    expect(pixelZoom(28, 28, 168)).toBe(6);
    expect(pixelZoom(32, 16, 100)).toBe(3);
    expect(pixelZoom(500, 500, 168)).toBe(1);
  });
});

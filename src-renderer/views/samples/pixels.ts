/** Turning a sample's pixels (0..255, HWC, grey or RGB) into canvas RGBA. */

export interface SampleImage {
  width: number;
  height: number;
  channels: number;
  pixels: ArrayLike<number>;
}

/**
 * RGBA bytes for an ImageData: grey is copied to R, G and B; RGB(A) channels are copied; alpha is
 * opaque. Values are rounded and clamped to 0..255.
 * @throws RangeError when the pixel count does not match width × height × channels, or channels is
 *   not 1, 3 or 4.
 */
export function toRgba(image: SampleImage): Uint8ClampedArray<ArrayBuffer> {
  const { width, height, channels, pixels } = image;
  if (channels !== 1 && channels !== 3 && channels !== 4) throw new RangeError(`image channels must be 1, 3 or 4, not ${channels}`);
  if (pixels.length !== width * height * channels) {
    throw new RangeError(`image of ${width}×${height}×${channels} needs ${width * height * channels} values, got ${pixels.length}`);
  }
  const out = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const at = p * channels;
    const r = pixels[at]!;
    out[p * 4] = r;
    out[p * 4 + 1] = channels === 1 ? r : pixels[at + 1]!;
    out[p * 4 + 2] = channels === 1 ? r : pixels[at + 2]!;
    out[p * 4 + 3] = 255;
  }
  return out;
}

/** The whole-number zoom that fits an image into `box` pixels (at least 1). */
export function pixelZoom(width: number, height: number, box: number): number {
  return Math.max(1, Math.floor(box / Math.max(width, height, 1)));
}

import { describe, expect, it } from 'vitest';
import { fingerprintDataset, type FingerprintInput } from '../../../../src-main/engine/data/fingerprint';

const base = (): FingerprintInput => ({
  shape: [2, 2, 1],
  numClasses: 3,
  size: 2,
  labels: Uint16Array.of(0, 2),
  features: Uint8Array.of(0, 10, 20, 30, 40, 50, 60, 70),
});

describe('fingerprintDataset', () => {
  it('is a sha256 of the content, equal for equal content', () => {
    const fp = fingerprintDataset(base());
    expect(fp).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(fingerprintDataset(base())).toBe(fp);
  });

  it('changes with one pixel, one label, the shape, the class count or the dtype', () => {
    const fp = fingerprintDataset(base());
    const pixel = base();
    pixel.features[5] = 51;
    const label = base();
    label.labels[1] = 1;
    const variants = [
      pixel,
      label,
      { ...base(), shape: [4, 1, 1] },
      { ...base(), numClasses: 4 },
      { ...base(), features: Float32Array.of(0, 10, 20, 30, 40, 50, 60, 70) },
    ];
    const fps = variants.map(fingerprintDataset);
    expect(new Set([fp, ...fps]).size).toBe(variants.length + 1);
  });

  it('hashes only the viewed bytes of subarrays', () => {
    const big = Uint8Array.of(9, 9, 0, 10, 20, 30, 40, 50, 60, 70, 9);
    expect(fingerprintDataset({ ...base(), features: big.subarray(2, 10) })).toBe(fingerprintDataset(base()));
  });
});

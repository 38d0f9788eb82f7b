import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memorization, memorizationLabel, memorizationStandardError } from '../../../src-main/memorization/memorization';

// SCIENCE.md §12.2 test vector: 6 runs × 3 training samples.
const KEEP = Uint8Array.from([1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
const CTR = Uint8Array.from([1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0]);

describe('memorization (Feldman & Zhang, SCIENCE.md §12.2)', () => {
  it('reproduces the test vector mem̂ = (1.0, 0.666667, 1.0)', () => {
    const est = memorization(CTR, KEEP, 6, 3);
    expect(est.mem[0]).toBe(1);
    expect(est.mem[1]).toBeCloseTo(2 / 3, 12);
    expect(est.mem[2]).toBe(1);
    expect([...est.inCount]).toEqual([4, 3, 4]);
    expect([...est.outCount]).toEqual([2, 3, 2]);
    expect([...est.inAccuracy]).toEqual([1, 1, 1]);
    expect(est.outAccuracy[1]).toBeCloseTo(1 / 3, 12);
    expect(est.inFraction).toBeCloseTo(11 / 18, 12);
  });

  it('returns NaN (not 0) for samples never IN or never OUT', () => {
    // sample 0 always IN, sample 1 never IN, sample 2 balanced.
    const keep = Uint8Array.from([1, 0, 1, 1, 0, 0]);
    const correct = Uint8Array.from([1, 1, 1, 0, 0, 0]);
    const est = memorization(correct, keep, 2, 3);
    expect(est.mem[0]).toBeNaN();
    expect(est.outAccuracy[0]).toBeNaN();
    expect(est.inAccuracy[0]).toBe(0.5);
    expect(est.mem[1]).toBeNaN();
    expect(est.inAccuracy[1]).toBeNaN();
    expect(est.mem[2]).toBe(1);
    expect(est.standardError[0]).toBeNaN();
  });

  it('has the plug-in standard error that reduces to the §12.2 formula at equal accuracies', () => {
    // 8 models, r = 0.5; sample 0: IN accuracy 0.5 (2/4), OUT accuracy 0.5 (2/4).
    const keep = new Uint8Array(8);
    const correct = new Uint8Array(8);
    [0, 1, 2, 3].forEach((m) => (keep[m] = 1));
    [0, 1, 4, 5].forEach((m) => (correct[m] = 1));
    const est = memorization(correct, keep, 8, 1);
    expect(est.mem[0]).toBe(0);
    expect(est.standardError[0]).toBeCloseTo(memorizationStandardError(0.5, 8, 0.5), 14);
    // √(p(1−p)) · √(1/(Kr) + 1/(K(1−r))) at p = 0.5, K = 8, r = 0.5: 0.5 · √(1/4 + 1/4).
    expect(memorizationStandardError(0.5, 8, 0.5)).toBeCloseTo(0.5 * Math.sqrt(0.5), 14);
    // F&Z's setting: K = 2000, r = 0.7, p = 0.9.
    expect(memorizationStandardError(0.9, 2000, 0.7)).toBeCloseTo(0.3 * Math.sqrt(1 / 1400 + 1 / 600), 14);
    expect(() => memorizationStandardError(0.5, 10, 1)).toThrow(/inFraction/);
  });

  it('labels estimates by their IN fraction', () => {
    expect(memorizationLabel(0.5)).toBe('mem@r=0.5');
    expect(memorizationLabel(0.7)).toBe('mem@r=0.7');
    expect(memorizationLabel(64 / 128)).toBe('mem@r=0.5');
  });

  it('rejects arrays that are not M×N', () => {
    expect(() => memorization(new Uint8Array(5), new Uint8Array(6), 2, 3)).toThrow(/correct has length 5/);
    expect(() => memorization(new Uint8Array(6), new Uint8Array(4), 2, 3)).toThrow(/keep has length 4/);
  });

  it('agrees with a direct per-sample computation (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (models, samples, seed) => {
        let state = seed >>> 0;
        const bit = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 31) & 1;
        const keep = Uint8Array.from({ length: models * samples }, bit);
        const correct = Uint8Array.from({ length: models * samples }, bit);
        const est = memorization(correct, keep, models, samples);
        for (let i = 0; i < samples; i++) {
          const inRuns = [...Array(models).keys()].filter((m) => keep[m * samples + i]);
          const outRuns = [...Array(models).keys()].filter((m) => !keep[m * samples + i]);
          const mean = (runs: number[]) => runs.reduce((s, m) => s + correct[m * samples + i]!, 0) / runs.length;
          const expected = mean(inRuns) - mean(outRuns);
          if (Number.isNaN(expected)) expect(est.mem[i]).toBeNaN();
          else expect(est.mem[i]).toBeCloseTo(expected, 12);
        }
      }),
      { numRuns: 100 },
    );
  });
});

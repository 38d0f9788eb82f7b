import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeRdp, DEFAULT_ORDERS, epsilonFromRdp } from '../../../../src-main/engine/privacy/analysis/rdp';
import { noiseMultiplierFor } from '../../../../src-main/engine/privacy/noise-search';

const epsilonAt = (q: number, sigma: number, steps: number, delta: number) =>
  epsilonFromRdp(DEFAULT_ORDERS, computeRdp({ sampleRate: q, noiseMultiplier: sigma, steps }), delta).epsilon;

describe('noiseMultiplierFor', () => {
  it('finds σ ≈ 1 for the budget that σ = 1 spends (q = 0.01, 1000 steps, δ = 1e-5)', () => {
    const result = noiseMultiplierFor({ targetEpsilon: 2.101365, sampleRate: 0.01, steps: 1000, delta: 1e-5, tolerance: 1e-4 });
    expect(result.noiseMultiplier).toBeGreaterThanOrEqual(1);
    expect(result.noiseMultiplier).toBeLessThan(1.001);
    expect(result.epsilon).toBeLessThanOrEqual(2.101365);
  });

  it('round-trips: ε(σ*) is at most the target and within the tolerance of it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 1e-3, max: 0.1, noNaN: true }),
        fc.integer({ min: 10, max: 3000 }),
        (target, q, steps) => {
          const { noiseMultiplier, epsilon } = noiseMultiplierFor({ targetEpsilon: target, sampleRate: q, steps, delta: 1e-5 });
          const recomputed = epsilonAt(q, noiseMultiplier, steps, 1e-5);
          expect(recomputed).toBe(epsilon);
          expect(recomputed).toBeLessThanOrEqual(target);
          expect(target - recomputed).toBeLessThanOrEqual(0.01);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('names the inputs when the target is unreachable', () => {
    // With orders up to 63 and δ = 1e-5 the Balle bound never falls below ≈ 0.1.
    expect(() => noiseMultiplierFor({ targetEpsilon: 0.05, sampleRate: 0.01, steps: 100, delta: 1e-5 })).toThrow(
      /targetEpsilon=0.05 .*sampleRate=0.01, steps=100, delta=0.00001/,
    );
    expect(() => noiseMultiplierFor({ targetEpsilon: -1, sampleRate: 0.01, steps: 100, delta: 1e-5 })).toThrow(/targetEpsilon/);
    expect(() => noiseMultiplierFor({ targetEpsilon: 1, sampleRate: 0, steps: 100, delta: 1e-5 })).toThrow(/sampleRate/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  augmentationMlpAttack,
  augmentationThresholdAttack,
  flipProbabilityGrid,
  noiseRobustnessAttack,
  rotationQueries,
  translationQueries,
} from '../../../src-main/attacks/label-only';
import { balancedMasks } from '../../../src-main/attacks/masks';
import { Rng } from '../../../src-main/math/prng';

describe('query sets (SCIENCE.md §6.3–§6.4)', () => {
  it('translations: identity plus the L1 sphere of radius d (4d + 1 shifts)', () => {
    expect(translationQueries(0)).toEqual([{ dx: 0, dy: 0 }]);
    const one = translationQueries(1);
    expect(one).toHaveLength(5);
    expect(new Set(one.map(({ dx, dy }) => `${dx},${dy}`))).toEqual(new Set(['0,0', '1,0', '0,1', '-1,0', '0,-1']));
    for (const d of [2, 3, 4]) {
      const shifts = translationQueries(d);
      expect(shifts).toHaveLength(4 * d + 1);
      expect(new Set(shifts.map(({ dx, dy }) => `${dx},${dy}`)).size).toBe(4 * d + 1);
      for (const { dx, dy } of shifts.slice(1)) expect(Math.abs(dx) + Math.abs(dy)).toBe(d);
    }
    expect(() => translationQueries(1.5)).toThrow(/d must be/);
  });

  it('rotations: the 2r + 1 angles −r…r', () => {
    expect(rotationQueries(0)).toEqual([0]);
    expect(rotationQueries(2)).toEqual([-2, -1, 0, 1, 2]);
    expect(rotationQueries(9)).toHaveLength(19);
    expect(() => rotationQueries(-1)).toThrow(/r must be/);
  });

  it('flip probabilities {1, 2, 3, 5, 10}/d', () => {
    expect(flipProbabilityGrid(600)).toEqual([1 / 600, 2 / 600, 3 / 600, 5 / 600, 10 / 600]);
    expect(() => flipProbabilityGrid(5)).toThrow(/feature count/);
  });
});

const MODELS = 6;
const SAMPLES = 200;
const QUERIES = 5;

/** Correctness under queries: members are right on each query with probability pIn, others pOut. */
function augmentation(pIn: number, pOut: number, seed: number) {
  const rng = new Rng(seed);
  const keep = balancedMasks(MODELS, SAMPLES, seed);
  const correctUnderQueries = new Uint8Array(MODELS * SAMPLES * QUERIES);
  for (let r = 0; r < MODELS * SAMPLES; r++) {
    const p = keep[r] ? pIn : pOut;
    for (let a = 0; a < QUERIES; a++) correctUnderQueries[r * QUERIES + a] = rng.uniform() < p ? 1 : 0;
  }
  const labels = Uint16Array.from({ length: SAMPLES }, (_, i) => i % 2);
  return { correctUnderQueries, queries: QUERIES, keep, labels, numClasses: 2, models: MODELS, samples: SAMPLES, target: 0 };
}

describe('augmentation attack', () => {
  it('thresholds the number of correct queries (hand-built, ties grouped)', () => {
    // 2 models × 2 samples × 3 queries; target = model 1. Shadow (model 0): sample 0 IN with 3
    // correct, sample 1 OUT with 1 correct. Candidates are observed sums: τ = 1 → ½, τ = 3 → 1.
    const input = {
      correctUnderQueries: Uint8Array.from([1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1]),
      queries: 3,
      keep: Uint8Array.from([1, 0, 0, 1]),
      models: 2,
      samples: 2,
      target: 1,
    };
    const result = augmentationThresholdAttack(input);
    expect(result.threshold).toBe(3);
    expect(result.sourceObjective).toBe(1);
    expect([...result.scores]).toEqual([2, 3]);
    expect([...result.predictions]).toEqual([0, 1]);
    expect(result.balancedAccuracy).toBe(1);
  });

  it('the per-class MLP separates members that stay correct under augmentation', () => {
    const result = augmentationMlpAttack({ ...augmentation(0.95, 0.3, 1), epochs: 3, seed: 2 });
    expect(result.balancedAccuracy).toBeGreaterThan(0.85);
    expect(result.untrainedClasses).toEqual([]);
    for (const rate of result.learningRate) expect([1e-3, 1e-2, 5e-3, 5e-2]).toContain(rate);
    for (const accuracy of result.sourceAccuracy) expect(accuracy).toBeGreaterThan(0.8);
  });

  it('the per-class MLP stays near chance on indistinguishable features', () => {
    const result = augmentationMlpAttack({ ...augmentation(0.6, 0.6, 3), seed: 2 });
    expect(Math.abs(result.balancedAccuracy - 0.5)).toBeLessThan(0.12);
  });

  it('validates the query count', () => {
    expect(() => augmentationThresholdAttack({ ...augmentation(0.9, 0.5, 1), queries: 4 })).toThrow(/correctUnderQueries/);
  });
});

describe('noise robustness attack (SCIENCE.md §6.4)', () => {
  it('chooses the accuracy-maximising threshold on the source models', () => {
    // 3 models × 4 samples; target = model 2. Shadow robustness: IN {0.9, 0.8, 1.0, 0.85}, OUT {0.2, 0, 0.5, 0.85}.
    const robustness = Float64Array.from([0.9, 0.8, 0.2, 0, 0.5, 0.85, 1.0, 0.85, 0.7, 0.9, 0.6, 0]);
    const keep = Uint8Array.from([1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0]);
    const result = noiseRobustnessAttack({ robustness, keep, models: 3, samples: 4, target: 2 });
    // τ = 0.8: IN 4/4, OUT 3/4 (0.85 ≥ 0.8) → 7/8; τ = 0.85: IN 3/4, OUT 3/4 → 6/8.
    expect(result.threshold).toBe(0.8);
    expect(result.sourceObjective).toBe(7 / 8);
    expect([...result.predictions]).toEqual([0, 1, 0, 0]);
    expect(result.tpr).toBe(0);
    expect(result.tnr).toBe(0.5);
    expect(() => noiseRobustnessAttack({ robustness: new Float64Array(3), keep, models: 3, samples: 4, target: 2 })).toThrow(/robustness/);
  });
});

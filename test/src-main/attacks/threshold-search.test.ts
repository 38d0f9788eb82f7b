import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestThreshold, type ThresholdObjective } from '../../../src-main/attacks/threshold-search';

/** The reference O(n²) scan over candidate values, keeping the smallest maximiser. */
function bruteForce(ins: number[], outs: number[], objective: ThresholdObjective) {
  let best: { threshold: number; objective: number } | null = null;
  for (const t of [...new Set([...ins, ...outs])].sort((a, b) => a - b)) {
    const inGe = ins.filter((v) => v >= t).length;
    const outLt = outs.filter((v) => v < t).length;
    const value =
      objective === 'balanced-accuracy' ? 0.5 * (inGe / ins.length + outLt / outs.length) : (inGe + outLt) / (ins.length + outs.length);
    if (!best || value > best.objective) best = { threshold: t, objective: value };
  }
  return best;
}

describe('bestThreshold', () => {
  it('finds the known optimum of separable data', () => {
    expect(bestThreshold([0.9, 0.8, 0.95], [0.1, 0.3, 0.5, 0.2], 'balanced-accuracy')).toEqual({ threshold: 0.8, objective: 1 });
  });

  it('keeps ties at the threshold on the member side (≥) and tied values together', () => {
    // IN {1, 2, 2}, OUT {0, 2}: τ = 2 gives IN 2/3, OUT 1/2; τ = 1 gives IN 3/3, OUT 1/2 → best.
    expect(bestThreshold([1, 2, 2], [0, 2], 'balanced-accuracy')).toEqual({ threshold: 1, objective: 0.75 });
    // Discrete counts: IN {3, 3, 3, 2}, OUT {3, 1, 1, 2}. τ = 3: 0.5·(3/4 + 3/4) = 0.75; τ = 2: 0.5·(1 + 2/4).
    expect(bestThreshold([3, 3, 3, 2], [3, 1, 1, 2], 'balanced-accuracy')).toEqual({ threshold: 2, objective: 0.75 });
  });

  it('distinguishes accuracy from balanced accuracy on imbalanced data', () => {
    const ins = [5];
    const outs = [1, 2, 3, 6, 7, 8];
    expect(bestThreshold(ins, outs, 'balanced-accuracy')).toEqual({ threshold: 5, objective: 0.75 });
    // Accuracy prefers flagging almost nobody: τ = 8 keeps 5 of 6 non-members right.
    expect(bestThreshold(ins, outs, 'accuracy')).toEqual({ threshold: 8, objective: 5 / 7 });
  });

  it('returns null without data, and rejects NaN', () => {
    expect(bestThreshold([], [1], 'balanced-accuracy')).toBeNull();
    expect(bestThreshold([], [], 'accuracy')).toBeNull();
    expect(bestThreshold([], [1], 'accuracy')).toEqual({ threshold: 1, objective: 0 });
    expect(() => bestThreshold([NaN], [1], 'accuracy')).toThrow(/NaN/);
  });

  it('agrees with the O(n²) scan (property)', () => {
    const values = fc.array(fc.integer({ min: 0, max: 6 }).map((v) => v / 2), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(values, values, fc.constantFrom<ThresholdObjective>('accuracy', 'balanced-accuracy'), (ins, outs, objective) => {
        const fast = bestThreshold(ins, outs, objective)!;
        const slow = bruteForce(ins, outs, objective)!;
        expect(fast.threshold).toBe(slow.threshold);
        expect(fast.objective).toBeCloseTo(slow.objective, 14);
      }),
      { numRuns: 300 },
    );
  });
});

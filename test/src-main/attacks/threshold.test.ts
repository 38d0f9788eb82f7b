import { describe, expect, it } from 'vitest';
import { auc, rocCurve } from '../../../src-main/attacks/roc';
import {
  classThresholdAttack,
  correctnessAttack,
  correctnessAttackAccuracy,
  gapAttackPercent,
  globalThresholdAttack,
} from '../../../src-main/attacks/threshold';

/** Builds M×N arrays from per-model rows. */
const flat = (rows: number[][]) => Float64Array.from(rows.flat());
const mask = (rows: number[][]) => Uint8Array.from(rows.flat());

describe('classThresholdAttack (Song & Mittal, SCIENCE.md §6.1)', () => {
  // 3 models × 6 samples; samples 0–2 class 0, 3–5 class 1. Model 2 is the target.
  // Class 0 members sit above 0.6, class 1 members above 0.3: the per-class thresholds differ.
  const signal = flat([
    [0.9, 0.2, 0.7, 0.4, 0.1, 0.35],
    [0.3, 0.8, 0.1, 0.05, 0.5, 0.2],
    [0.65, 0.5, 0.1, 0.32, 0.25, 0.31],
  ]);
  const keep = mask([
    [1, 0, 1, 1, 0, 1],
    [0, 1, 0, 0, 1, 0],
    [1, 0, 0, 1, 0, 1],
  ]);
  const labels = Uint16Array.from([0, 0, 0, 1, 1, 1]);
  const input = { signal, keep, labels, numClasses: 2, models: 3, samples: 6, target: 2 };

  it('chooses a threshold per class on the shadows and applies it to the target', () => {
    const result = classThresholdAttack(input);
    // Class 0 shadow IN {0.9, 0.7, 0.8}, OUT {0.2, 0.3, 0.1} → τ = 0.7.
    // Class 1 shadow IN {0.4, 0.35, 0.5}, OUT {0.1, 0.05, 0.2} → τ = 0.35.
    expect([...result.thresholds]).toEqual([0.7, 0.35]);
    expect(result.fallbackClasses).toEqual([]);
    // Target: 0.65 (member, class 0) < 0.7 → missed; 0.32 and 0.31 (members, class 1) < 0.35 → missed.
    expect([...result.predictions]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.tpr).toBe(0);
    expect(result.tnr).toBe(1);
    expect(result.balancedAccuracy).toBe(0.5);
    expect([...result.scores]).toEqual([0.65, 0.5, 0.1, 0.32, 0.25, 0.31]);
    expect([...result.isMember]).toEqual([1, 0, 0, 1, 0, 1]);
  });

  it('treats a target value equal to τ as a member (≥) and anything below as a non-member', () => {
    const target = flat([[0.7, 0.69999, 0.1, 0.35, 0.3499, 0.36]]);
    const result = classThresholdAttack({ ...input, signal: Float64Array.from([...signal.subarray(0, 12), ...target]) });
    expect([...result.predictions]).toEqual([1, 0, 0, 1, 0, 1]);
    expect(result.tpr).toBe(1);
    expect(result.tnr).toBe(1);
    expect(result.balancedAccuracy).toBe(1);
    expect(result.accuracy).toBe(1);
  });

  it('falls back to the pooled threshold for a class without OUT shadow records', () => {
    const keepAllIn = mask([
      [1, 0, 1, 1, 1, 1],
      [0, 1, 0, 1, 1, 1],
      [1, 0, 0, 1, 0, 1],
    ]);
    const result = classThresholdAttack({ ...input, keep: keepAllIn });
    expect(result.fallbackClasses).toEqual([1]);
    expect(result.thresholds[1]).toBe(result.globalThreshold);
  });

  it('its scores give the global-threshold ROC', () => {
    const result = classThresholdAttack(input);
    // Members 0.65, 0.32, 0.31 vs non-members 0.5, 0.1, 0.25: 7 of 9 pairs ordered.
    expect(auc(rocCurve(result.scores, result.isMember))).toBeCloseTo(7 / 9, 12);
  });

  it('validates its inputs', () => {
    expect(() => classThresholdAttack({ ...input, target: 3 })).toThrow(/target 3/);
    expect(() => classThresholdAttack({ ...input, labels: Uint16Array.from([0, 0, 0, 1, 1, 2]) })).toThrow(/labels\[5\]/);
    expect(() => classThresholdAttack({ ...input, signal: new Float64Array(17) })).toThrow(/signal has length 17/);
    expect(() => classThresholdAttack({ ...input, models: 1, signal: signal.subarray(0, 6), keep: keep.subarray(0, 6), target: 0 })).toThrow(
      /models must be/,
    );
  });
});

describe('globalThresholdAttack', () => {
  it('chooses the accuracy-maximising threshold on discrete values, ties grouped', () => {
    // Σ b_a counts (0..3); shadows: IN {3,3,2,3}, OUT {1,2,0,2}; target: model 0.
    const values = Uint8Array.from([3, 2, 1, 0, ...[3, 3, 1, 2], ...[2, 3, 0, 2]]);
    const keep = mask([
      [1, 1, 0, 0],
      [1, 1, 0, 0],
      [0, 1, 0, 1],
    ]);
    const result = globalThresholdAttack({ values, keep, models: 3, samples: 4, target: 0 });
    // τ = 3: (3 + 4)/8; τ = 2: (4 + 2)/8 → 3 wins.
    expect(result.threshold).toBe(3);
    expect(result.sourceObjective).toBe(7 / 8);
    expect([...result.predictions]).toEqual([1, 0, 0, 0]);
    expect(result.tpr).toBe(0.5);
    expect(result.tnr).toBe(1);
  });
});

describe('correctness and gap attacks', () => {
  it('follow ½(train_acc + 1 − test_acc) and 50 + 50·(train_acc − test_acc)', () => {
    expect(correctnessAttackAccuracy(1, 0.8)).toBeCloseTo(0.6, 15);
    expect(gapAttackPercent(1, 0.8)).toBeCloseTo(60, 12);
    expect(gapAttackPercent(0.7, 0.7)).toBe(50);
    expect(correctnessAttackAccuracy(0.5, 0.9)).toBeCloseTo(0.3, 15);
  });

  it('read the target row only (no shadow needed)', () => {
    // Target (model 0): members 0..3 (3 of 4 correct), non-members 4..7 (2 of 4 correct).
    const correct = Uint8Array.from([1, 1, 1, 0, 1, 1, 0, 0]);
    const keep = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 0]);
    const result = correctnessAttack({ correct, keep, models: 1, samples: 8, target: 0 });
    expect(result.trainAccuracy).toBe(0.75);
    expect(result.testAccuracy).toBe(0.5);
    expect(result.attackAccuracy).toBe(0.625);
    expect(result.balancedAccuracy).toBe(0.625);
    expect(result.gapAttackPercent).toBe(62.5);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateAttack, meanStd, selectTargets } from '../../../src-main/attacks/evaluate';
import { liraScores } from '../../../src-main/attacks/lira';
import { balancedMasks } from '../../../src-main/attacks/masks';
import { arrayScoreSource } from '../../../src-main/attacks/score-source';
import { Rng } from '../../../src-main/math/prng';

const models = 8;
const samples = 2000;
const keep = balancedMasks(models, samples, 42);
const membership = (target: number) => keep.subarray(target * samples, (target + 1) * samples);

describe('evaluateAttack', () => {
  it('gives AUC 1 and TPR 1 at every FPR for perfectly separable scores', () => {
    const result = evaluateAttack({ keep, models, samples, scoreFor: (t) => Float64Array.from(membership(t)) });
    expect(result.targets.map((t) => t.target)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    for (const target of result.targets) {
      expect(target.auc).toBe(1);
      expect(target.balancedAccuracy).toBe(1);
      expect(target.nMembers + target.nNonMembers).toBe(samples);
      expect(target.fprFloor).toBe(1 / target.nNonMembers);
      target.tpr.forEach((point) => {
        expect(point.tpr).toBe(1);
        expect(point.ci[1]).toBe(1);
        expect(point.ci[0]).toBeGreaterThan(0.99);
      });
      // About 1 000 non-members: 1e-5 is below the floor, 1 % is not.
      expect(target.tpr.map((p) => p.belowFloor)).toEqual([0.01, 0.001, 0.00001].map((f) => f < 1 / target.nNonMembers));
      expect(target.tpr[0]!.belowFloor).toBe(false);
      expect(target.tpr[2]!.belowFloor).toBe(true);
    }
    expect(result.summary.auc).toEqual({ mean: 1, std: 0, n: 8 });
    expect(result.pooled.auc).toBe(1);
    expect(result.pooled.nMembers).toBe(8 * 1000);
    expect(result.pooled.fprFloor).toBe(1 / 8000);
  });

  it('gives AUC ≈ 0.5 when members and non-members score alike', () => {
    const rng = new Rng(7);
    const result = evaluateAttack({
      keep,
      models,
      samples,
      targets: { count: 4, pick: 'seeded', seed: 1 },
      scoreFor: () => Float64Array.from({ length: samples }, () => rng.normal()),
    });
    expect(result.targets).toHaveLength(4);
    // sd(AUC) ≈ √((n₁ + n₀ + 1)/(12 n₁ n₀)) ≈ 0.013 per target, 0.0032 pooled over 4.
    for (const target of result.targets) expect(Math.abs(target.auc - 0.5)).toBeLessThan(0.065);
    expect(Math.abs(result.pooled.auc - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(result.summary.balancedAccuracy.mean - 0.5)).toBeLessThan(0.06);
  });

  it('reports mean ± sample std over targets, accuracies on OUT samples, and excluded samples', () => {
    const correct = Array.from({ length: models }, (_, m) => Uint8Array.from({ length: samples }, (_, i) => ((i + m) % 4 === 0 ? 1 : 0)));
    const robust = correct.map((row) => row.map(() => 1));
    const result = evaluateAttack({
      keep,
      models,
      samples,
      targets: [0, 1],
      // Target 0 perfect, target 1 exactly reversed; sample 0 unscored on target 1.
      scoreFor: (t) => {
        const scores = Float64Array.from(membership(t), (v) => (t === 0 ? v : 1 - v));
        if (t === 1) scores[0] = Number.NaN;
        return scores;
      },
      correct,
      robustCorrect: robust,
    });
    expect(result.targets.map((t) => t.auc)).toEqual([1, 0]);
    expect(result.summary.auc.mean).toBe(0.5);
    expect(result.summary.auc.std).toBeCloseTo(Math.SQRT1_2, 14);
    expect(result.targets[1]!.nExcluded).toBe(1);
    expect(result.targets[1]!.nMembers + result.targets[1]!.nNonMembers).toBe(samples - 1);
    for (const t of [0, 1]) {
      let hits = 0;
      let total = 0;
      for (let i = 0; i < samples; i++) {
        if (keep[t * samples + i]) continue;
        hits += correct[t]![i]!;
        total++;
      }
      expect(result.targets[t]!.naturalAccuracy).toBeCloseTo(hits / total, 14);
      expect(result.targets[t]!.robustAccuracy).toBe(1);
    }
    expect(result.summary.robustAccuracy).toEqual({ mean: 1, std: 0, n: 2 });
    expect(result.pooled.nMembers + result.pooled.nNonMembers).toBe(2 * samples - 1);
  });

  it('catches a target leaked into its own shadows (pure-noise signals: honest AUC ≈ 0.5)', () => {
    const rng = new Rng(3);
    const n = 3000;
    const m = 6;
    const noiseKeep = balancedMasks(m, n, 9);
    const values = Float64Array.from({ length: m * n }, () => rng.normal());
    const honest = evaluateAttack({
      keep: noiseKeep,
      models: m,
      samples: n,
      targets: { count: 3 },
      scoreFor: (t) => liraScores(arrayScoreSource(values, m, n, 1), noiseKeep, t).scores,
    });
    expect(Math.abs(honest.pooled.auc - 0.5)).toBeLessThan(0.03);
    // The same attack with the target's signals appended as one more "shadow" model.
    const leaky = evaluateAttack({
      keep: noiseKeep,
      models: m,
      samples: n,
      targets: { count: 3 },
      scoreFor: (t) => {
        const leakedValues = new Float64Array((m + 1) * n);
        leakedValues.set(values);
        leakedValues.set(values.subarray(t * n, (t + 1) * n), m * n);
        const leakedKeep = new Uint8Array((m + 1) * n);
        leakedKeep.set(noiseKeep);
        leakedKeep.set(noiseKeep.subarray(t * n, (t + 1) * n), m * n);
        return liraScores(arrayScoreSource(leakedValues, m + 1, n, 1), leakedKeep, t).scores;
      },
    });
    expect(leaky.pooled.auc).toBeGreaterThan(0.6);
  });

  it('validates targets and score lengths', () => {
    expect(() => evaluateAttack({ keep, models, samples, targets: [8], scoreFor: () => new Float64Array(samples) })).toThrow(
      /targets\[0\] = 8/,
    );
    expect(() => evaluateAttack({ keep, models, samples, targets: [1], scoreFor: () => new Float64Array(3) })).toThrow(
      /scoreFor\(1\) returned 3 scores, expected 2000/,
    );
  });
});

describe('selectTargets and meanStd', () => {
  it('picks the first T or a seeded draw', () => {
    expect(selectTargets(20)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(selectTargets(3)).toEqual([0, 1, 2]);
    const drawn = selectTargets(100, { count: 5, pick: 'seeded', seed: 11 });
    expect(drawn).toEqual(selectTargets(100, { count: 5, pick: 'seeded', seed: 11 }));
    expect(new Set(drawn).size).toBe(5);
    expect(drawn).not.toEqual([0, 1, 2, 3, 4]);
    expect(() => selectTargets(4, { count: 5 })).toThrow(/targets.count must be an integer in 1..4, got 5/);
  });

  it('uses the sample standard deviation (ddof 1)', () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(5 / 3), n: 4 });
    expect(meanStd([0.3]).std).toBeNaN();
  });
});

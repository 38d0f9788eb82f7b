import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rocCurve, tprAtFpr } from '../../../src-main/attacks/roc';
import {
  digitizeRight,
  leakageByBin,
  MEMORIZATION_BIN_EDGES,
  memorizationBins,
} from '../../../src-main/memorization/memorization-bins';

describe('memorizationBins (SCIENCE.md §12.4)', () => {
  it('uses the 21 edges 0, 0.05, …, 1', () => {
    expect(MEMORIZATION_BIN_EDGES).toHaveLength(21);
    expect(MEMORIZATION_BIN_EDGES[1]).toBe(0.05);
    expect(MEMORIZATION_BIN_EDGES[3]).toBe(0.15);
    expect(MEMORIZATION_BIN_EDGES[20]).toBe(1);
  });

  it('follows digitize(right=True) exactly at and around the edges', () => {
    const mem = Float64Array.from([-0.3, 0, 1e-12, 0.05, 0.05000001, 0.15, 0.95, 0.9500001, 1.0, 1.5, NaN]);
    const { bin, counts, excluded } = memorizationBins(mem);
    expect([...bin]).toEqual([0, 0, 1, 1, 2, 3, 19, 20, 20, 21, -1]);
    expect(excluded).toBe(1);
    expect(counts).toHaveLength(22);
    expect(counts[0]).toBe(2);
    expect(counts[20]).toBe(2);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('digitizeRight counts the edges strictly below x', () => {
    expect(digitizeRight(2, [1, 2, 3])).toBe(1);
    expect(digitizeRight(2.5, [1, 2, 3])).toBe(2);
    expect(digitizeRight(0, [1, 2, 3])).toBe(0);
    expect(digitizeRight(4, [1, 2, 3])).toBe(3);
  });

  it('rejects edges that do not increase', () => {
    expect(() => memorizationBins(Float64Array.of(0.1), [0, 0.5, 0.5])).toThrow(/edges\[2\]/);
  });
});

describe('leakageByBin', () => {
  // 10 non-members with scores 0..9, members in bins 0 and 1.
  const nonMemberScores = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0];
  const memberScores = [9.5, 8.5, 7.5, 2.5, 10, 0.5];
  const memberBins = [0, 0, 1, 1, 1, 1];
  const scores = Float64Array.from([...nonMemberScores, ...memberScores]);
  const isMember = Uint8Array.from([...nonMemberScores.map(() => 0), ...memberScores.map(() => 1)]);
  const bins = Int16Array.from([0, 0, 0, 1, 1, 1, 1, 1, -1, -1, ...memberBins]);
  const correct = Uint8Array.from([1, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);

  it('sets one threshold on all non-members and measures TPR per bin', () => {
    // FPR < 0.2 (strict): at most 1 of 10 non-members → flag scores > 8.
    const result = leakageByBin({ bins, memberScores: scores, isMember, correct, fpr: 0.2 });
    expect(result.cutoff).toBe(8);
    expect(result.falsePositives).toBe(1);
    expect(result.achievedFpr).toBe(0.1);
    expect(result.nonMembers).toBe(10);
    expect(result.belowResolution).toBe(false);
    expect(result.rows[0]).toEqual({ bin: 0, count: 5, members: 2, nonMembers: 3, tpr: 1, outAccuracy: 2 / 3 });
    expect(result.rows[1]).toEqual({ bin: 1, count: 9, members: 4, nonMembers: 5, tpr: 0.25, outAccuracy: 0.4 });
    // FPR ≤ 0.2: 2 non-members allowed → flag scores > 7.
    const le = leakageByBin({ bins, memberScores: scores, isMember, correct, fpr: 0.2, convention: 'le' });
    expect(le.cutoff).toBe(7);
    expect(le.rows[1]!.tpr).toBe(0.5);
  });

  it('groups ties: equal scores are flagged together or not at all', () => {
    const tied = Float64Array.from([5, 5, 5, 1, 5, 0]);
    const result = leakageByBin({
      bins: Int16Array.from([0, 0, 0, 0, 0, 0]),
      memberScores: tied,
      isMember: Uint8Array.from([0, 0, 0, 0, 1, 1]),
      correct: new Uint8Array(6),
      fpr: 0.5, // strict: one false positive allowed, but three non-members tie at 5
    });
    expect(result.cutoff).toBe(5);
    expect(result.falsePositives).toBe(0);
    expect(result.rows[0]!.tpr).toBe(0);
  });

  it('flags an FPR below the resolution 1/N_neg (then it is TPR at zero false positives)', () => {
    const result = leakageByBin({ bins, memberScores: scores, isMember, correct, fpr: 0.001 });
    expect(result.belowResolution).toBe(true);
    expect(result.cutoff).toBe(9);
    expect(result.rows[0]!.tpr).toBe(0.5);
    expect(result.rows[1]!.tpr).toBe(0.25);
  });

  it('matches roc.ts tprAtFpr when every sample is in one bin (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.boolean()), { minLength: 2, maxLength: 40 }),
        fc.constantFrom(0, 0.001, 0.05, 0.1, 0.25, 0.5, 1),
        fc.constantFrom<'strict' | 'le'>('strict', 'le'),
        (records, fpr, convention) => {
          const memberScores = records.map(([s]) => s);
          const isMember = Uint8Array.from(records, ([, m]) => (m ? 1 : 0));
          fc.pre(isMember.includes(0) && isMember.includes(1));
          const result = leakageByBin({
            bins: new Int16Array(records.length),
            memberScores,
            isMember,
            correct: new Uint8Array(records.length),
            fpr,
            convention,
          });
          const reference = tprAtFpr(rocCurve(memberScores, isMember), fpr, convention);
          expect(result.rows[0]!.tpr).toBeCloseTo(reference.tpr, 12);
          expect(result.achievedFpr).toBeCloseTo(reference.achievedFpr, 12);
          expect(result.belowResolution).toBe(reference.belowFloor);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('validates its inputs', () => {
    expect(() => leakageByBin({ bins, memberScores: scores.subarray(1), isMember, correct })).toThrow(/memberScores/);
    expect(() => leakageByBin({ bins: Int16Array.of(0), memberScores: [1], isMember: Uint8Array.of(1), correct: Uint8Array.of(1) })).toThrow(
      /non-member/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { balancedShadowRecords, checkPool, stratifiedShadowRecords, targetMembership } from '../../../src-main/attacks/shadow-split';
import { Rng } from '../../../src-main/math/prng';

// 3 models × 4 samples; target = model 1.
const keep = Uint8Array.from([1, 1, 1, 0, 0, 0, 1, 1, 0, 1, 0, 0]);
const pool = { keep, models: 3, samples: 4, target: 1 };

describe('shadow split', () => {
  it('returns the target row', () => {
    expect([...targetMembership(pool)]).toEqual([0, 0, 1, 1]);
  });

  it('draws equal IN and OUT records from the shadows only, without replacement', () => {
    // Shadow records: model 0 → IN 0, 1, 2; OUT 3. Model 2 → IN 9; OUT 8, 10, 11.
    const records = balancedShadowRecords(pool, new Rng(1));
    expect(records.index).toHaveLength(8);
    const ins = [...records.index].filter((_, r) => records.isIn[r]);
    const outs = [...records.index].filter((_, r) => !records.isIn[r]);
    expect(ins.sort((a, b) => a - b)).toEqual([0, 1, 2, 9]);
    expect(outs.sort((a, b) => a - b)).toEqual([3, 8, 10, 11]);
    for (const flat of records.index) expect(Math.floor(flat / 4)).not.toBe(1);
    expect(balancedShadowRecords(pool, new Rng(1), 3).index).toHaveLength(2);
    expect(balancedShadowRecords(pool, new Rng(1), Infinity, Int32Array.of(0)).index).toHaveLength(2);
  });

  it('balances within each group when stratified', () => {
    // Group {0, 1}: IN 0, 1 (model 0), OUT 8 (model 2; 9 is IN) → one pair. Group {2, 3}: IN 2, OUT 3, 10, 11 → one pair.
    const records = stratifiedShadowRecords(pool, new Rng(2), [Int32Array.of(0, 1), Int32Array.of(2, 3)]);
    expect(records.index).toHaveLength(4);
    expect([...records.isIn]).toEqual([1, 0, 1, 0]);
    expect([0, 1, 9]).toContain(records.index[0]);
    expect(records.index[1]).toBe(8);
    expect(records.index[2]).toBe(2);
  });

  it('names what is wrong with a pool', () => {
    expect(() => checkPool({ ...pool, target: 3 })).toThrow(/target 3/);
    expect(() => checkPool({ ...pool, keep: new Uint8Array(5) })).toThrow(/keep has length 5/);
    expect(() => checkPool(pool, { probabilities: { values: new Float64Array(12), width: 2 } })).toThrow(/probabilities has length 12/);
    expect(() => checkPool({ keep: new Uint8Array(4), models: 1, samples: 4, target: 0 })).toThrow(/models must be/);
    expect(() => checkPool({ keep: new Uint8Array(4), models: 1, samples: 4, target: 0 }, {}, false)).not.toThrow();
  });
});

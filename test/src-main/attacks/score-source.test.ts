import { describe, expect, it } from 'vitest';
import { arrayScoreSource, forEachBlock, modelArraysSource } from '../../../src-main/attacks/score-source';

describe('score sources', () => {
  // 2 models × 3 samples × 2 queries: value = 100·m + 10·i + a.
  const values = Float32Array.from({ length: 12 }, (_, k) => 100 * Math.floor(k / 6) + 10 * Math.floor((k % 6) / 2) + (k % 2));

  it('arrayScoreSource returns model × block × query slices', () => {
    const source = arrayScoreSource(values, 2, 3, 2);
    expect(Array.from(source.readBlock(1, 3))).toEqual([10, 11, 20, 21, 110, 111, 120, 121]);
    expect(source.readBlock(0, 3)).toBe(values);
    expect(source.readBlock(1, 2)).toBeInstanceOf(Float32Array);
  });

  it('modelArraysSource gives the same blocks as the flat layout', () => {
    const source = modelArraysSource([values.subarray(0, 6), Float64Array.from(values.subarray(6))], 2);
    expect([source.models, source.samples, source.queries]).toEqual([2, 3, 2]);
    const block = source.readBlock(1, 3);
    expect(block).toBeInstanceOf(Float64Array);
    expect(Array.from(block)).toEqual([10, 11, 20, 21, 110, 111, 120, 121]);
  });

  it('forEachBlock covers every sample once', () => {
    const seen: Array<[number, number, number]> = [];
    forEachBlock(arrayScoreSource(values, 2, 3, 2), 2, (block, start, end) => seen.push([start, end, block.length]));
    expect(seen).toEqual([[0, 2, 8], [2, 3, 4]]);
  });

  it('rejects inconsistent shapes and ranges', () => {
    expect(() => arrayScoreSource(values, 2, 3, 3)).toThrow(/length 12, expected models × samples × queries = 2 × 3 × 3/);
    expect(() => modelArraysSource([new Float32Array(4), new Float32Array(6)], 2)).toThrow(/model 1 has 6 values, model 0 has 4/);
    expect(() => modelArraysSource([new Float32Array(5)], 2)).toThrow(/not a multiple of queries = 2/);
    expect(() => arrayScoreSource(values, 2, 3, 2).readBlock(2, 4)).toThrow(/outside 0..3/);
    expect(() => modelArraysSource([], 1)).toThrow(/at least one model/);
  });
});

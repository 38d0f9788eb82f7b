import { describe, expect, it } from 'vitest';
import type { SampleTableView } from '../../../../src-shared/views';
import { asFloat64, sampleColumns, scatterGroups } from '../../../../src-renderer/views/samples/sample-columns';
import { detailFit } from '../../../../src-renderer/views/samples/detail-fit';

// Two population samples and one held-out sample, as the bridge sends them (NaN as null).
const table: SampleTableView = {
  target: 1,
  attack: 'rmia',
  position: [0, 1, 2],
  datasetIndex: [10, 11, 12],
  label: [2, 0, 1],
  heldOut: [0, 0, 1],
  member: [1, 0, -1],
  memorization: [0.25, null, null],
  inCount: [2, 0, 0],
  outCount: [2, 4, 4],
  score: [1.23456, -0.5, null],
  loss: [0.1, 2, 0.3],
  classNames: ['cat', 'dog', 'bird'],
};

describe('sampleColumns', () => {
  it('writes each cell and sorts by its value, missing values as null', () => {
    const columns = Object.fromEntries(sampleColumns('rmia', 1).map((c) => [c.key, c]));
    expect(columns.member!.label).toBe('Target 1');
    expect(columns.score!.label).toBe('RMIA');
    expect([0, 1, 2].map((r) => columns.label!.text(table, r))).toEqual(['bird', 'cat', 'dog']);
    expect([0, 1, 2].map((r) => columns.member!.text(table, r))).toEqual(['IN', 'OUT', '—']);
    expect([0, 1, 2].map((r) => columns.member!.value(table, r))).toEqual([1, 0, null]);
    expect([0, 1, 2].map((r) => columns.heldOut!.text(table, r))).toEqual(['', '', 'yes']);
    expect([0, 1, 2].map((r) => columns.score!.text(table, r))).toEqual(['1.235', '-0.500', '—']);
    expect([0, 1, 2].map((r) => columns.memorization!.value(table, r))).toEqual([0.25, null, null]);
  });
});

describe('scatterGroups', () => {
  it('keeps the samples with both coordinates, split by membership', () => {
    const xs = asFloat64([0.25, 0.5, null]);
    const ys = asFloat64(table.score);
    expect(Number.isNaN(xs[2]!)).toBe(true);
    const groups = scatterGroups(table, xs, ys);
    expect(Array.from(groups.members)).toEqual([0]);
    expect(Array.from(groups.nonMembers)).toEqual([1]);
  });
});

describe('detailFit', () => {
  it('has no fit on a side with fewer than two scores (the handler averages nothing to 0 ± 0)', () => {
    expect(detailFit({ fit: { inMean: 0, inStd: 0, outMean: 2, outStd: 0.5 }, inScores: [], outScores: [1.5, 2.5] })).toEqual({ inMean: null, inStd: null, outMean: 2, outStd: 0.5 });
    expect(detailFit({ fit: { inMean: 3, inStd: 0, outMean: 2, outStd: 0.5 }, inScores: [3], outScores: [1.5, 2.5] }).inMean).toBeNull();
  });
});

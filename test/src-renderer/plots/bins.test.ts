import { describe, expect, it } from 'vitest';
import type { InfluenceResult, MemorizationBinRow, MemorizationResult } from '../../../src-shared/analysis';
import type { StudyConfig } from '../../../src-shared/config/study';
import { binLabel, memorizationLayout, tprAxisMax } from '../../../src-renderer/plots/bins';
import { bucketRows, sameHeldOutPoints } from '../../../src-renderer/plots/buckets';

const row = (bin: number, count: number, tpr: number | null, out: number | null): MemorizationBinRow => ({
  bin,
  lower: bin === 0 ? -1 : (bin - 1) * 0.05,
  upper: bin * 0.05,
  count,
  // NaN crosses JSON as null: the layout must take both.
  tpr: { mean: tpr as number, std: (tpr === null ? null : 0.01) as number, n: tpr === null ? 0 : 2 },
  outAccuracy: out as number,
});

const result = (bins: MemorizationBinRow[]): MemorizationResult => ({ label: 'mem@r=0.5', models: 8, fpr: 0.001, bins, undefinedCount: 3, mean: 0.1, highlyMemorized: 5 });

describe('memorizationLayout', () => {
  it('aligns the bins of two studies and keeps those with a sample in either', () => {
    const a = result([row(0, 100, 0.01, 0.9), row(1, 0, null, null), row(2, 10, 0.1, 0.6), row(3, 0, null, null)]);
    const b = result([row(0, 90, 0.0, 0.92), row(1, 5, 0.05, 0.7), row(2, 0, null, null), row(3, 0, null, null)]);
    const layout = memorizationLayout([
      { key: 'a', label: 'ERM', result: a },
      { key: 'b', label: 'DeMem', result: b },
    ]);
    expect(layout.columns.map((c) => c.bin)).toEqual([0, 1, 2]);
    expect(layout.columns.map((c) => c.label)).toEqual(['≤ 0', '(0, 0.05]', '(0.05, 0.1]']);
    expect(layout.columns[1]!.cells).toEqual([
      { series: 'a', count: 0, tpr: null, tprStd: null, outAccuracy: null },
      { series: 'b', count: 5, tpr: 0.05, tprStd: 0.01, outAccuracy: 0.7 },
    ]);
    expect(layout.columns[2]!.cells[0]).toEqual({ series: 'a', count: 10, tpr: 0.1, tprStd: 0.01, outAccuracy: 0.6 });
    expect(layout.series).toEqual([
      { key: 'a', label: 'ERM', fpr: 0.001, undefinedCount: 3 },
      { key: 'b', label: 'DeMem', fpr: 0.001, undefinedCount: 3 },
    ]);
  });

  it('keeps empty bins when asked, and copes with a study without a result', () => {
    const layout = memorizationLayout([{ key: 'a', label: 'A', result: result([row(0, 4, 0, 1), row(1, 0, null, null)]) }, { key: 'b', label: 'B', result: null }], { keepEmpty: true });
    expect(layout.columns).toHaveLength(2);
    expect(layout.columns[0]!.cells[1]).toEqual({ series: 'b', count: 0, tpr: null, tprStd: null, outAccuracy: null });
  });

  it('refuses studies that bin differently', () => {
    const other = result([{ ...row(1, 3, 0, 1), upper: 0.1 }]);
    expect(() => memorizationLayout([{ key: 'a', label: 'A', result: result([row(1, 3, 0, 1)]) }, { key: 'b', label: 'B', result: other }])).toThrow(/bin 1 is \(0, 0.05\] in one study but \(0, 0.1\] in "B"/);
  });

  it('tops the TPR axis at the next 5% above the highest bar and error bar', () => {
    const layout = (tpr: number | null) => memorizationLayout([{ key: 'a', label: 'A', result: result([row(0, 4, tpr, 1)]) }]);
    // 0.12 + 0.01 (std) → 15%.
    expect(tprAxisMax(layout(0.12))).toBeCloseTo(0.15, 12);
    expect(tprAxisMax(layout(0.001))).toBe(0.05);
    expect(tprAxisMax(layout(0.99))).toBe(1);
    expect(tprAxisMax(layout(null))).toBe(0.05);
  });

  it('labels the non-positive bin and the half-open ones', () => {
    expect(binLabel({ bin: 0, lower: -1, upper: 0 })).toBe('≤ 0');
    expect(binLabel({ bin: 7, lower: 0.30000000000000004, upper: 0.35 })).toBe('(0.3, 0.35]');
  });
});

const influence = (accuracies: Array<number | null>): InfluenceResult => ({
  testPoints: 50,
  threshold: 0.15,
  entropyOver: 'examples',
  noInfluencer: 2,
  buckets: accuracies.map((accuracy, i) => ({ bucket: i + 1, count: accuracy === null ? 0 : 10, accuracy: accuracy as number })),
});

describe('bucketRows', () => {
  it('gives every bucket a cell per study, null where a bucket is empty or missing', () => {
    const rows = bucketRows([
      { key: 'a', label: 'A', influence: influence([0.2, 0.5, 0.7, 0.8, 0.9]) },
      { key: 'b', label: 'B', influence: influence([null, 0.6]) },
      { key: 'c', label: 'C', influence: null },
    ]);
    expect(rows.map((r) => r.bucket)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.cells).toEqual([
      { series: 'a', count: 10, accuracy: 0.2 },
      { series: 'b', count: 0, accuracy: null },
      { series: 'c', count: 0, accuracy: null },
    ]);
    expect(rows[4]!.cells[1]).toEqual({ series: 'b', count: 0, accuracy: null });
  });
});

describe('sameHeldOutPoints', () => {
  const config = (dataset: Partial<StudyConfig['dataset']>, seed = 0): StudyConfig =>
    ({ seed, dataset: { id: 'digits', split: 'all', limit: 300, heldOut: 40, options: {}, ...dataset } }) as unknown as StudyConfig;

  it('holds when the dataset choice and the seed agree, whatever the method', () => {
    expect(sameHeldOutPoints([config({}), config({})])).toBe(true);
    expect(sameHeldOutPoints([config({})])).toBe(true);
  });

  it('fails when the seed, the limit or the held-out count differ', () => {
    expect(sameHeldOutPoints([config({}), config({}, 1)])).toBe(false);
    expect(sameHeldOutPoints([config({}), config({ limit: 301 })])).toBe(false);
    expect(sameHeldOutPoints([config({}), config({ heldOut: 41 })])).toBe(false);
  });
});

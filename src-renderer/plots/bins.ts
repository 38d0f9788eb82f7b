/**
 * The memorization-bin view (DeMem, Fig. 1): per memorization bin, how well LiRA finds the bin's
 * members (TPR at a low FPR) and how well models do on the bin's samples when they did not train on
 * them (OUT accuracy). Highly memorised samples are the ones LiRA finds and models get wrong unseen.
 * This module aligns the bins of one or more studies so their bars sit side by side.
 */
import type { MemorizationBinRow, MemorizationResult } from '../../src-shared/analysis';

export interface BinSeriesInput {
  key: string;
  label: string;
  result: MemorizationResult | null;
}

export interface BinCell {
  series: string;
  count: number;
  /** LiRA TPR among the bin's members (mean over targets) and its std; null when undefined. */
  tpr: number | null;
  tprStd: number | null;
  outAccuracy: number | null;
}

export interface BinColumn {
  bin: number;
  lower: number;
  upper: number;
  /** "≤ 0" for bin 0, "(0.05, 0.1]" for the others. */
  label: string;
  cells: BinCell[];
}

export interface MemorizationLayout {
  columns: BinColumn[];
  series: Array<{ key: string; label: string; fpr: number | null; undefinedCount: number }>;
}

/** null for NaN or null (NaN crosses the bridge as null). */
const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "≤ 0" for the non-positive bin, "(lower, upper]" otherwise, with short decimals. */
export function binLabel(row: Pick<MemorizationBinRow, 'bin' | 'lower' | 'upper'>): string {
  const short = (v: number) => String(Number(v.toFixed(3)));
  return row.bin === 0 || row.upper <= 0 ? '≤ 0' : `(${short(row.lower)}, ${short(row.upper)}]`;
}

/**
 * Aligns the memorization bins of the given studies by bin number, keeping the bins that hold a
 * sample in at least one study (the empty middle bins of a small study say nothing).
 * Throws: RangeError when two studies bin differently (same bin number, different bounds).
 */
export function memorizationLayout(inputs: readonly BinSeriesInput[], options: { keepEmpty?: boolean } = {}): MemorizationLayout {
  const byBin = new Map<number, { lower: number; upper: number; rows: Map<string, MemorizationBinRow> }>();
  for (const input of inputs) {
    for (const row of input.result?.bins ?? []) {
      const entry = byBin.get(row.bin);
      if (entry && (Math.abs(entry.lower - row.lower) > 1e-9 || Math.abs(entry.upper - row.upper) > 1e-9)) {
        throw new RangeError(`memorization bin ${row.bin} is (${entry.lower}, ${entry.upper}] in one study but (${row.lower}, ${row.upper}] in "${input.label}"`);
      }
      const target = entry ?? { lower: row.lower, upper: row.upper, rows: new Map() };
      target.rows.set(input.key, row);
      byBin.set(row.bin, target);
    }
  }
  const columns: BinColumn[] = [...byBin.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bin, { lower, upper, rows }]) => ({
      bin,
      lower,
      upper,
      label: binLabel({ bin, lower, upper }),
      cells: inputs.map((input) => {
        const row = rows.get(input.key);
        const count = row?.count ?? 0;
        return {
          series: input.key,
          count,
          tpr: count > 0 ? finite(row?.tpr.mean) : null,
          tprStd: count > 0 ? finite(row?.tpr.std) : null,
          outAccuracy: count > 0 ? finite(row?.outAccuracy) : null,
        };
      }),
    }))
    .filter((column) => options.keepEmpty || column.cells.some((cell) => cell.count > 0));
  return {
    columns,
    series: inputs.map((input) => ({ key: input.key, label: input.label, fpr: input.result?.fpr ?? null, undefinedCount: input.result?.undefinedCount ?? 0 })),
  };
}

/**
 * The top of the TPR axis: the largest TPR + std over the layout, rounded up to a multiple of 5%
 * (at least 5%, at most 100%), so low TPRs stay readable without hiding any error bar.
 */
export function tprAxisMax(layout: MemorizationLayout): number {
  let top = 0;
  for (const column of layout.columns) for (const cell of column.cells) if (cell.tpr !== null) top = Math.max(top, cell.tpr + (cell.tprStd ?? 0));
  return Math.min(1, Math.max(0.05, Math.ceil(top * 20 - 1e-9) / 20));
}

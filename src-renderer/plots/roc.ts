/**
 * The log–log ROC view-model (LiRA's way of showing membership inference: what matters is the TPR
 * at very low FPR, Carlini et al. 2022 §4). A log axis has no zero, so points with FPR = 0 or
 * TPR = 0 are pinned to the axis minimum and marked; the resolution limit 1/N_neg is drawn as a
 * vertical line, since nothing to its left is measured.
 */

export interface RocCurveInput {
  key: string;
  label: string;
  /** 'target': one attacked model (thin); 'pooled': the targets' scores together. */
  kind: 'target' | 'pooled';
  fpr: readonly number[];
  tpr: readonly number[];
  auc: number | null;
  /** 1/N_neg of this curve. */
  fprFloor: number | null;
  /** The operating points reported for this curve (TPR at a requested FPR). */
  operating?: ReadonlyArray<{ fpr: number; tpr: number; belowFloor: boolean }>;
}

export interface RocCurveView {
  key: string;
  label: string;
  kind: 'target' | 'pooled';
  auc: number | null;
  /** Plotted points: both coordinates ≥ the axis minimum (points below it on one coordinate pinned to
   * that edge, on both dropped), consecutive duplicates removed. */
  points: Array<[number, number]>;
  /** How many input points had a coordinate below the axis minimum. */
  pinned: number;
}

export interface RocMarkerView {
  curve: string;
  /** The requested FPR (the marker's x). */
  fpr: number;
  /** The reported TPR, and the plotted y (pinned to the minimum when 0). */
  tpr: number;
  y: number;
  belowFloor: boolean;
}

export interface LogRocView {
  /** Both axes share [min, 1], so the chance line is the diagonal. */
  min: number;
  curves: RocCurveView[];
  markers: RocMarkerView[];
  /** FPR floors (1/N_neg), coarsest first, each with the curves it belongs to (near-equal floors merged). */
  floors: Array<{ fpr: number; curves: string[] }>;
  chance: [[number, number], [number, number]];
}

/** Floors within this ratio of each other are drawn as one line. */
const FLOOR_MERGE = 1.15;

/** 10^e as its exact decimal (10 ** -4 is 0.00009999999999999999 in floating point). */
const power = (e: number): number => Number(`1e${e}`);

/** The largest power of ten ≤ v. */
const decadeBelow = (v: number): number => power(Math.floor(Math.log10(v) + 1e-12));

/**
 * Lays out ROC curves on shared log–log axes.
 * Args: curves — the ROCs (fpr, tpr ascending pairs, as the analysis stores them); options.markerFprs
 *   — the FPRs to mark on each pooled curve (or every curve when none is pooled); options.lowest — the
 *   smallest axis minimum allowed (1e-6 by default).
 * Returns: the axis minimum (the decade at or below the smallest positive FPR or TPR, floor or marker),
 *   the pinned points, markers, floors and the chance line.
 * @throws RangeError when a curve's fpr and tpr lengths differ.
 */
export function logRocView(curves: readonly RocCurveInput[], options: { markerFprs?: readonly number[]; lowest?: number } = {}): LogRocView {
  const markerFprs = options.markerFprs ?? [0.001, 0.01];
  const lowest = options.lowest ?? 1e-6;
  let smallest = Math.min(...markerFprs.filter((f) => f > 0), 1e-2);
  for (const c of curves) {
    if (c.fpr.length !== c.tpr.length) throw new RangeError(`ROC "${c.key}": ${c.fpr.length} FPR values but ${c.tpr.length} TPR values`);
    if (c.fprFloor !== null && c.fprFloor > 0) smallest = Math.min(smallest, c.fprFloor);
    for (let i = 0; i < c.fpr.length; i++) {
      if (c.fpr[i]! > 0) smallest = Math.min(smallest, c.fpr[i]!);
      if (c.tpr[i]! > 0) smallest = Math.min(smallest, c.tpr[i]!);
    }
  }
  const min = Math.max(decadeBelow(smallest), lowest);
  const pin = (v: number): number => (v > min ? Math.min(v, 1) : min);

  const views: RocCurveView[] = curves.map((c) => {
    const points: Array<[number, number]> = [];
    let pinned = 0;
    for (let i = 0; i < c.fpr.length; i++) {
      const f = c.fpr[i]!;
      const t = c.tpr[i]!;
      if (!Number.isFinite(f) || !Number.isFinite(t)) continue;
      if (f >= min && t >= min) {
        points.push([pin(f), pin(t)]);
        continue;
      }
      pinned++;
      // A point below the axis on both coordinates (the origin) has no place on a log plot; one
      // below on a single coordinate is drawn on that edge (e.g. the TPR reached at zero FPR).
      if (f < min && t < min) continue;
      points.push([pin(f), pin(t)]);
    }
    const unique = points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
    return { key: c.key, label: c.label, kind: c.kind, auc: c.auc, points: unique, pinned };
  });

  const marked = curves.some((c) => c.kind === 'pooled') ? curves.filter((c) => c.kind === 'pooled') : curves;
  const markers: RocMarkerView[] = [];
  for (const c of marked) {
    for (const fpr of markerFprs) {
      const at = c.operating?.find((o) => Math.abs(o.fpr - fpr) <= 1e-12 * Math.max(1, fpr));
      if (at && Number.isFinite(at.tpr)) markers.push({ curve: c.key, fpr, tpr: at.tpr, y: pin(at.tpr), belowFloor: at.belowFloor });
    }
  }

  // Floors closer than FLOOR_MERGE apart cannot be told apart on a log axis: one line (at the
  // coarsest of them) stands for all.
  const floors: LogRocView['floors'] = [];
  for (const c of [...curves].sort((a, b) => (b.fprFloor ?? 0) - (a.fprFloor ?? 0))) {
    if (c.fprFloor === null || !(c.fprFloor > 0)) continue;
    const near = floors.find((f) => f.fpr / c.fprFloor! < FLOOR_MERGE);
    if (near) near.curves.push(c.key);
    else floors.push({ fpr: c.fprFloor, curves: [c.key] });
  }

  return { min, curves: views, markers, floors, chance: [[min, min], [1, 1]] };
}

/** Tick values of a log axis from `min` to 1: the powers of ten. */
export function decadeTicks(min: number): number[] {
  const out: number[] = [];
  for (let e = Math.round(Math.log10(min)); e <= 0; e++) out.push(power(e));
  return out;
}

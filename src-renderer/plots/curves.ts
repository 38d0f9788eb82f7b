/**
 * Training curves per model: the stored epoch history of finished models, and for running models a
 * trace built from the live progress events (their epoch loss is a running mean over the epoch so
 * far, so the trace reaches the stored epoch value at each epoch's end).
 */
import type { ModelProgressEvent } from '../../src-shared/studies';
import type { HistoryView } from '../../src-shared/views';

export interface CurvePoint {
  /** Epochs done, fractional while an epoch runs (1 = the end of the first epoch). */
  x: number;
  loss: number | null;
  accuracy: number | null;
}

export interface ModelCurve {
  modelIdx: number;
  points: CurvePoint[];
  /** Built from live events (the model is still training). */
  live: boolean;
}

const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Appends a progress event to a model's live trace. Events of other phases (outputs, robustness)
 * or without an epoch add nothing; an event at or before the trace's last x replaces the tail
 * (a resumed model starts over).
 * Returns: a new array (the input is not changed).
 */
export function appendProgress(trace: readonly CurvePoint[], event: ModelProgressEvent): CurvePoint[] {
  if (event.phase !== 'training' || event.epoch === null) return [...trace];
  const fraction = event.step !== null && event.stepsPerEpoch ? Math.min(event.step / event.stepsPerEpoch, 1) : 1;
  const x = event.epoch - 1 + fraction;
  const point: CurvePoint = { x, loss: finite(event.loss), accuracy: finite(event.accuracy) };
  const kept = trace.filter((p) => p.x < x);
  return [...kept, point];
}

/**
 * One curve per model: the history where the model has one, else its live trace.
 * Args: history — 'studies.history'; traces — live traces by model index.
 */
export function modelCurves(history: HistoryView | null, traces: Readonly<Record<number, readonly CurvePoint[]>>): ModelCurve[] {
  const curves = new Map<number, ModelCurve>();
  for (const model of history?.models ?? []) {
    if (model.epochs.length === 0) continue;
    curves.set(model.modelIdx, {
      modelIdx: model.modelIdx,
      live: false,
      points: [...model.epochs].sort((a, b) => a.epoch - b.epoch).map((e) => ({ x: e.epoch, loss: finite(e.loss), accuracy: finite(e.accuracy) })),
    });
  }
  for (const [key, trace] of Object.entries(traces)) {
    const modelIdx = Number(key);
    if (!curves.has(modelIdx) && trace.length > 0) curves.set(modelIdx, { modelIdx, live: true, points: [...trace] });
  }
  return [...curves.values()].sort((a, b) => a.modelIdx - b.modelIdx);
}

/** The [min, max] of a metric over every curve, or null when there is no finite value. */
export function curveExtent(curves: readonly ModelCurve[], metric: 'loss' | 'accuracy'): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of curves) {
    for (const p of c.points) {
      const v = p[metric];
      if (v === null) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

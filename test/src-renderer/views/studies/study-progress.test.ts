import { describe, expect, it } from 'vitest';
import type { ModelProgressEvent } from '../../../../src-shared/studies';
import { modelFraction, studyProgress } from '../../../../src-renderer/views/studies/study-progress';
import { row } from './study-fixtures';

const progress = (modelIdx: number, epoch: number, step: number, overrides: Partial<ModelProgressEvent> = {}): ModelProgressEvent => ({
  studyId: 's',
  modelIdx,
  phase: 'training',
  epoch,
  epochs: 4,
  step,
  stepsPerEpoch: 10,
  loss: 1,
  accuracy: 0.5,
  samplesPerSecond: 100,
  etaSeconds: 30,
  ...overrides,
});

describe('study progress', () => {
  it('counts the trained share of a training model (epochs are 1-based)', () => {
    expect(modelFraction(progress(0, 1, 5))).toBeCloseTo(0.9 * (0.5 / 4), 12);
    expect(modelFraction(progress(0, 4, 10))).toBeCloseTo(0.9, 12);
    expect(modelFraction(progress(0, 2, 5, { phase: 'robustness' }))).toBe(0);
  });

  it('prefers the pushed status and adds partial models while running', () => {
    const r = row({ status: 'queued', modelsDone: 0, modelsTotal: 4 });
    const p = studyProgress(r, { studyId: 's', status: 'running', modelsDone: 1, modelsTotal: 4, error: null }, { 1: progress(1, 3, 0), 2: progress(2, 1, 0, { etaSeconds: 90 }) });
    expect(p.status).toBe('running');
    expect(p.done).toBe(1);
    expect(p.fraction).toBeCloseTo((1 + 0.9 * 0.5) / 4, 12);
    expect(p.etaSeconds).toBe(90);
  });

  it('lets at most total − done models add a share', () => {
    const events = { 0: progress(0, 4, 10), 1: progress(1, 4, 10), 2: progress(2, 4, 10) };
    const p = studyProgress(row({ status: 'running', modelsDone: 3, modelsTotal: 4 }), undefined, events);
    expect(p.fraction).toBeCloseTo((3 + 0.9) / 4, 12);
  });

  it('is whole when completed and ignores progress unless running', () => {
    expect(studyProgress(row()).fraction).toBe(1);
    const cancelled = studyProgress(row({ status: 'cancelled', modelsDone: 2, modelsTotal: 4 }), undefined, { 2: progress(2, 2, 5) });
    expect(cancelled).toEqual({ status: 'cancelled', done: 2, total: 4, fraction: 0.5, etaSeconds: null });
    expect(studyProgress(row({ status: 'queued', modelsDone: 0, modelsTotal: 0 })).fraction).toBe(0);
  });
});

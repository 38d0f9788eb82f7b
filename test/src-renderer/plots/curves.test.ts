import { describe, expect, it } from 'vitest';
import type { ModelProgressEvent } from '../../../src-shared/studies';
import { appendProgress, curveExtent, modelCurves } from '../../../src-renderer/plots/curves';

const event = (over: Partial<ModelProgressEvent>): ModelProgressEvent => ({
  studyId: 's',
  modelIdx: 2,
  phase: 'training',
  epoch: 1,
  epochs: 3,
  step: 5,
  stepsPerEpoch: 10,
  loss: 1.5,
  accuracy: 0.4,
  samplesPerSecond: 1000,
  etaSeconds: 12,
  ...over,
});

describe('appendProgress', () => {
  it('places an event at the fraction of epochs done (epochs count from 1)', () => {
    let trace = appendProgress([], event({}));
    trace = appendProgress(trace, event({ step: 10 }));
    trace = appendProgress(trace, event({ epoch: 2, step: 2, loss: 0.9, accuracy: null }));
    expect(trace).toEqual([
      { x: 0.5, loss: 1.5, accuracy: 0.4 },
      { x: 1, loss: 1.5, accuracy: 0.4 },
      { x: 1.2, loss: 0.9, accuracy: null },
    ]);
  });

  it('ignores other phases and replaces the tail when a model starts over', () => {
    const trace = [
      { x: 0.5, loss: 2, accuracy: 0.1 },
      { x: 1.5, loss: 1, accuracy: 0.5 },
    ];
    expect(appendProgress(trace, event({ phase: 'outputs', epoch: null }))).toEqual(trace);
    expect(appendProgress(trace, event({ epoch: 1, step: 2 }))).toEqual([{ x: 0.2, loss: 1.5, accuracy: 0.4 }]);
  });
});

describe('modelCurves', () => {
  it('prefers the stored history and fills running models from their live trace', () => {
    const history = {
      models: [
        { modelIdx: 1, epochs: [{ epoch: 2, loss: 0.5, accuracy: 0.8, lr: 0.1, seconds: 1, epsilon: null }, { epoch: 1, loss: NaN, accuracy: 0.6, lr: 0.1, seconds: 1, epsilon: null }] },
        { modelIdx: 0, epochs: [] },
      ],
    };
    const curves = modelCurves(history, { 1: [{ x: 0.5, loss: 9, accuracy: 0 }], 3: [{ x: 0.5, loss: 2, accuracy: 0.3 }] });
    expect(curves).toEqual([
      { modelIdx: 1, live: false, points: [{ x: 1, loss: null, accuracy: 0.6 }, { x: 2, loss: 0.5, accuracy: 0.8 }] },
      { modelIdx: 3, live: true, points: [{ x: 0.5, loss: 2, accuracy: 0.3 }] },
    ]);
    expect(curveExtent(curves, 'loss')).toEqual([0.5, 2]);
    expect(curveExtent([], 'accuracy')).toBeNull();
  });
});

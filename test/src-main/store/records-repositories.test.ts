import { describe, expect, it } from 'vitest';
import { recordAnalysis } from '../../../src-main/store/analysis-result';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { fakeResult, studyConfig } from './store-fixtures';
import { useStore } from './store-harness';

const harness = useStore();

describe('EpochsRepository', () => {
  it('keeps histories per model, with NaN losses and optional DP fields', async () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2] }).study.id;
    const result = fakeResult(4, 1, 1);
    result.epochs = [
      { epoch: 1, loss: 2.5, accuracy: 0.1, lr: 0.1, seconds: 1, samples: 100, epsilon: 1.25, clippedFraction: 0.5 },
      { epoch: 2, loss: NaN, accuracy: 0.1, lr: 0.05, seconds: 1, samples: 100 },
    ];
    await recordModelResult(store, id, 1, result);
    await recordModelResult(store, id, 0, fakeResult(4, 1, 2));
    expect(store.epochs.list(id, 1)).toEqual([
      { studyId: id, modelIdx: 1, epoch: 1, loss: 2.5, accuracy: 0.1, lr: 0.1, seconds: 1, samples: 100, epsilon: 1.25, clippedFraction: 0.5 },
      { studyId: id, modelIdx: 1, epoch: 2, loss: NaN, accuracy: 0.1, lr: 0.05, seconds: 1, samples: 100, epsilon: null, clippedFraction: null },
    ]);
    expect(store.epochs.listForStudy(id).map((e) => `${e.modelIdx}/${e.epoch}`)).toEqual(['0/1', '0/2', '0/3', '1/1', '1/2']);
  });
});

describe('AnalysesRepository and recordAnalysis', () => {
  it('replaces an analysis of the same kind and stores scores, summary and job at once', async () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1] }).study.id;
    await recordModelResult(store, id, 0, fakeResult(4, 1, 1));
    store.analyses.put(id, { kind: 'lira', config: { preset: 'paper' }, result: { auc: 0.5 } }, '2024-01-01T00:00:00.000Z');
    recordAnalysis(store, id, {
      analyses: [
        { kind: 'lira', config: { preset: 'fast' }, result: { auc: 0.62, tpr: [0.01, NaN] } },
        { kind: 'rmia', config: { a: 0.3 }, result: { auc: 0.64 } },
      ],
      arrays: [{ name: 'scores:lira:target=0', data: Float64Array.of(0.5, -1, 2, 3) }],
      summary: { auc: { lira: 0.62 }, epsilon: null },
    });
    expect(store.analyses.list(id).map((a) => [a.kind, a.config, a.result])).toEqual([
      ['lira', { preset: 'fast' }, { auc: 0.62, tpr: [0.01, null] }],
      ['rmia', { a: 0.3 }, { auc: 0.64 }],
    ]);
    expect(store.arrays.require(id, null, 'scores:lira:target=0').data).toEqual(Float64Array.of(0.5, -1, 2, 3));
    expect(store.studies.require(id).summary).toEqual({ auc: { lira: 0.62 }, epsilon: null });
    expect(store.jobs.list(id).map((j) => j.status)).toEqual(['done', 'done']);
    expect(store.analyses.delete(id, 'rmia')).toBe(true);
    expect(store.analyses.get(id, 'rmia')).toBeNull();
    expect(() => recordAnalysis(store, 'missing', { analyses: [] })).toThrow('There is no study "missing".');
  });
});

describe('EventsRepository', () => {
  it('keeps a tail per study and for the app, polls by id, and prunes old lines', () => {
    const store = harness.current();
    const id = store.studies.insert({ config: studyConfig() }).id;
    for (let i = 0; i < 6; i++) store.events.add(id, i === 5 ? 'error' : 'info', `line ${i}`);
    store.events.add(null, 'warn', 'GPU preflight failed');
    expect(store.events.tail(id, 3).map((e) => e.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(store.events.tail(null)).toMatchObject([{ studyId: null, level: 'warn', message: 'GPU preflight failed' }]);
    const [, second] = store.events.tail(id);
    expect(store.events.since(id, second!.id, 2).map((e) => e.message)).toEqual(['line 2', 'line 3']);
    expect(store.events.prune(id, 2)).toBe(4);
    expect(store.events.tail(id).map((e) => e.message)).toEqual(['line 4', 'line 5']);
    expect(store.events.prune(id, 10)).toBe(0);
    expect(store.events.prune(id, 0)).toBe(2);
    expect(store.events.tail(null)).toHaveLength(1);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { fakeResult, studyConfig } from './store-fixtures';
import { useStore } from './store-harness';

const harness = useStore();

describe('ModelsRepository', () => {
  it('moves a model through running and failed, but never out of done', async () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [7, 8] }).study.id;
    expect(store.models.markRunning(id, 0, '2024-01-01T00:00:00.000Z')).toMatchObject({ status: 'running', startedAt: '2024-01-01T00:00:00.000Z' });
    expect(store.models.markFailed(id, 0, 'NaN loss')).toMatchObject({ status: 'failed', error: 'NaN loss' });
    await recordModelResult(store, id, 1, fakeResult(4, 1, 1));
    expect(() => store.models.markRunning(id, 1)).toThrow(`Model 1 of study "${id}" is already done.`);
    expect(() => store.models.markFailed(id, 1, 'x')).toThrow('already done');
    expect(() => store.models.require(id, 5)).toThrow(`Study "${id}" has no model 5.`);
    expect(() => store.models.addPending(id, [9])).toThrow(`Study "${id}" already has a model 0.`);
    expect(store.models.addPending(id, [9, 10], 2).map((m) => [m.idx, m.seed])).toEqual([
      [2, 9],
      [3, 10],
    ]);
  });

  it('reads weights back, verified against the recorded hash, and names a damaged file', async () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1] }).study.id;
    await expect(store.models.readWeights(id, 0)).rejects.toThrow(`Model 0 of study "${id}" has no weights yet (it is pending).`);
    const result = fakeResult(4, 1, 1);
    const model = await recordModelResult(store, id, 0, result);
    expect(model.weights!.path).toBe(`weights/${id}/0.weights`);
    const weights = await store.models.readWeights(id, 0);
    expect(weights.names).toEqual(result.weights.names);
    expect(weights.values[0]).toEqual(result.weights.values[0]);
    const file = path.join(store.dataDir, 'weights', id, '0.weights');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    fs.writeFileSync(file, bytes);
    await expect(store.models.readWeights(id, 0)).rejects.toThrow(`the weights file ${file} is damaged`);
  });

  it('resets a model to pending, dropping its arrays, epochs and weight file', async () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2] }).study.id;
    await recordModelResult(store, id, 0, fakeResult(4, 1, 1));
    await recordModelResult(store, id, 1, fakeResult(4, 1, 2));
    const reset = await store.models.reset(id, 0);
    expect(reset).toMatchObject({ status: 'pending', metrics: null, timings: null, weights: null, startedAt: null, finishedAt: null });
    expect(store.arrays.list(id, 0)).toEqual([]);
    expect(store.epochs.list(id, 0)).toEqual([]);
    expect(fs.existsSync(path.join(store.dataDir, 'weights', id, '0.weights'))).toBe(false);
    expect(store.arrays.list(id, 1).length).toBe(5);
    await recordModelResult(store, id, 0, fakeResult(4, 1, 3));
    expect(store.models.require(id, 0).status).toBe('done');
  });
});

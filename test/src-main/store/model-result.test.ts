import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { TrainModelResult } from '../../../src-main/engine/jobs/train-model';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { MODEL_ARRAYS, modelResultFromTraining, type TrainedModel } from '../../../src-main/store/training-result';
import { sweepOrphanWeights } from '../../../src-main/store/weights-sweep';
import { writeWeightsFile } from '../../../src-main/store/weights-file';
import { fakeResult, floats, studyConfig } from './store-fixtures';
import { useStore } from './store-harness';

const harness = useStore();

function newStudy(models = 2): string {
  return createStudy(harness.current(), { config: studyConfig(), modelSeeds: Array.from({ length: models }, (_, i) => 100 + i) }).study.id;
}

describe('recordModelResult', () => {
  it('stores row, epochs, arrays, weights and the job in one go', async () => {
    const store = harness.current();
    const id = newStudy();
    store.jobs.claimNext();
    const result = fakeResult(50, 2, 9);
    const model = await recordModelResult(store, id, 0, { ...result, finishedAt: '2024-06-01T00:00:00.000Z' });
    expect(model).toMatchObject({ idx: 0, seed: 100, status: 'done', error: null, metrics: result.metrics, timings: result.timings, finishedAt: '2024-06-01T00:00:00.000Z' });
    expect(model.weights).toMatchObject({ path: `weights/${id}/0.weights`, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(model.weights!.bytes).toBe(fs.statSync(path.join(store.dataDir, model.weights!.path)).size);
    expect(store.epochs.list(id, 0).map((e) => e.loss)).toEqual([2, 1, 2 / 3]);
    for (const input of result.arrays) {
      const stored = store.arrays.require(id, 0, input.name);
      expect(stored.data).toEqual(input.data);
      expect(stored.shape).toEqual(input.shape ?? [input.data.length]);
    }
    expect(store.jobs.list(id).map((j) => j.status)).toEqual(['done', 'queued', 'queued']);
    const weights = await store.models.readWeights(id, 0);
    expect(weights.shapes).toEqual(result.weights.shapes);
    expect(weights.values[2]).toEqual(result.weights.values[2]);
  });

  it('refuses a model that is already done, unknown, or given inconsistent data, writing nothing', async () => {
    const store = harness.current();
    const id = newStudy();
    await recordModelResult(store, id, 0, fakeResult(5, 1, 1));
    const sha = store.models.require(id, 0).weights!.sha256;
    await expect(recordModelResult(store, id, 0, fakeResult(5, 1, 2))).rejects.toMatchObject({ code: 'conflict', message: `Model 0 of study "${id}" is already done.` });
    expect(store.models.require(id, 0).weights!.sha256).toBe(sha);
    await expect(store.models.readWeights(id, 0)).resolves.toBeTruthy();
    await expect(recordModelResult(store, id, 9, fakeResult(5, 1, 2))).rejects.toMatchObject({ code: 'not-found' });
    await expect(recordModelResult(store, 'nope', 0, fakeResult(5, 1, 2))).rejects.toMatchObject({ code: 'not-found', message: 'There is no study "nope".' });
    const bad = fakeResult(5, 1, 2);
    bad.arrays = [{ name: 'phi', data: new Float32Array(3), shape: [5, 1] }];
    await expect(recordModelResult(store, id, 1, bad)).rejects.toThrow(`array "phi" of model 1 of study "${id}" has shape [5,1] (5 values) but 3 values`);
    const badEpochs = fakeResult(5, 1, 2);
    badEpochs.epochs = [badEpochs.epochs[0]!, badEpochs.epochs[0]!];
    await expect(recordModelResult(store, id, 1, badEpochs)).rejects.toThrow('epoch 1 is repeated');
    expect(store.models.require(id, 1).status).toBe('pending');
    expect(store.arrays.list(id, 1)).toEqual([]);
    expect(fs.readdirSync(path.join(store.dataDir, 'weights', id))).toEqual(['0.weights']);
  });

  it('refuses a second concurrent recording of the same model', async () => {
    const store = harness.current();
    const id = newStudy();
    const first = recordModelResult(store, id, 1, fakeResult(5, 1, 1));
    await expect(recordModelResult(store, id, 1, fakeResult(5, 1, 2))).rejects.toMatchObject({ code: 'conflict', message: `Model 1 of study "${id}" is already being recorded.` });
    await expect(first).resolves.toMatchObject({ status: 'done' });
  });

  it('replaces arrays left by an earlier failed attempt', async () => {
    const store = harness.current();
    const id = newStudy();
    store.arrays.put(id, 1, [{ name: 'stale', data: new Uint8Array(2) }]);
    await recordModelResult(store, id, 1, fakeResult(5, 1, 1));
    expect(store.arrays.list(id, 1).map((a) => a.name)).not.toContain('stale');
  });

  it('writes one model of 10,000 samples × 2 queries quickly', async () => {
    const store = harness.current();
    const id = newStudy();
    const result = fakeResult(10_000, 2, 3, 600 * 256);
    const start = performance.now();
    await recordModelResult(store, id, 0, result);
    const ms = performance.now() - start;
    console.info(`recordModelResult: 10,000 samples × 2 queries + ${(result.weights.values.reduce((a, v) => a + v.byteLength, 0) / 1e6).toFixed(1)} MB weights in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
  });
});

describe('sweepOrphanWeights', () => {
  it('removes files no row points at and empty folders, keeps referenced ones and foreign files', async () => {
    const store = harness.current();
    const id = newStudy();
    await recordModelResult(store, id, 0, fakeResult(5, 1, 1));
    const weights = { names: ['w'], shapes: [[2]], values: [floats(2, 1)] };
    const dir = path.join(store.dataDir, 'weights');
    await writeWeightsFile(path.join(dir, id, '1.weights'), weights);
    fs.writeFileSync(path.join(dir, id, '1.weights.123-abc.tmp'), 'partial');
    await writeWeightsFile(path.join(dir, 'deleted-study', '0.weights'), weights);
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not ours');
    const report = await sweepOrphanWeights(store);
    expect(report.removed.sort()).toEqual([`weights/${id}/1.weights`, `weights/${id}/1.weights.123-abc.tmp`, 'weights/deleted-study/0.weights'].sort());
    expect(report.kept).toBe(1);
    expect(fs.readdirSync(dir).sort()).toEqual(['README.txt', id].sort());
    expect(fs.readdirSync(path.join(dir, id))).toEqual(['0.weights']);
    await expect(store.models.readWeights(id, 0)).resolves.toBeTruthy();
  });

  it('leaves the files of a recording in progress alone', async () => {
    const store = harness.current();
    const id = newStudy();
    const file = path.join(store.dataDir, 'weights', id, '1.weights');
    store.connection.weightsInFlight.add(`weights/${id}/1.weights`);
    await writeWeightsFile(file, { names: ['w'], shapes: [[1]], values: [Float32Array.of(1)] });
    fs.writeFileSync(`${file}.4242-beef.tmp`, 'being written');
    expect((await sweepOrphanWeights(store)).removed).toEqual([]);
    store.connection.weightsInFlight.delete(`weights/${id}/1.weights`);
    expect((await sweepOrphanWeights(store)).removed.sort()).toEqual([`weights/${id}/1.weights`, `weights/${id}/1.weights.4242-beef.tmp`]);
  });
});

describe('modelResultFromTraining', () => {
  it('accepts the engine TrainModelResult as it is', () => {
    expectTypeOf<TrainModelResult>().toExtend<TrainedModel>();
  });

  it('names and shapes every output array and fills metrics and timings', () => {
    const s = 3;
    const trained: TrainedModel = {
      weights: { names: ['w'], shapes: [[1]], values: [Float32Array.of(1)] },
      history: [{ epoch: 1, loss: 1, accuracy: 0.5, lr: 0.1, seconds: 1, samples: 3 }],
      outputs: {
        samples: s,
        queries: 2,
        classes: 4,
        phi: new Float32Array(s * 2),
        logProb: new Float32Array(s * 2),
        correct: new Uint8Array(s * 2),
        entropy: new Float32Array(s),
        modifiedEntropy: new Float32Array(s),
        top: new Float32Array(s * 3),
        predicted: new Uint16Array(s),
        labelOnly: new Uint8Array(s * 5),
        labelOnlyQueries: 5,
        noiseRobustness: new Float32Array(0),
        logits: new Float32Array(s * 2 * 4),
      },
      queryNames: ['identity', 'mirror'],
      labelOnlyQueryNames: ['a', 'b', 'c', 'd', 'e'],
      robustness: { positions: Int32Array.of(0, 2), natural: Uint8Array.of(1, 1), robust: Uint8Array.of(0, 1), naturalAccuracy: 1, robustAccuracy: 0.5, attack: { steps: 20 } },
      timings: { trainSeconds: 3, outputSeconds: 1, robustSeconds: 2 },
      samplesPerSecond: 100,
      backend: 'cpu',
      dp: null,
    };
    const input = modelResultFromTraining(trained, '2024-01-01T00:00:00.000Z');
    expect(Object.fromEntries(input.arrays.map((a) => [a.name, a.shape]))).toEqual({
      [MODEL_ARRAYS.phi]: [3, 2],
      [MODEL_ARRAYS.logProb]: [3, 2],
      [MODEL_ARRAYS.correct]: [3, 2],
      [MODEL_ARRAYS.entropy]: [3],
      [MODEL_ARRAYS.modifiedEntropy]: [3],
      [MODEL_ARRAYS.top]: [3, 3],
      [MODEL_ARRAYS.predicted]: [3],
      [MODEL_ARRAYS.labelOnly]: [3, 5],
      [MODEL_ARRAYS.logits]: [3, 2, 4],
      [MODEL_ARRAYS.robustPositions]: [2],
      [MODEL_ARRAYS.robustNatural]: [2],
      [MODEL_ARRAYS.robustCorrect]: [2],
    });
    expect(input.metrics).toMatchObject({ naturalAccuracy: 1, robustAccuracy: 0.5, robustSamples: 2, queryNames: ['identity', 'mirror'], backend: 'cpu', dp: null });
    expect(input.timings).toEqual({ trainSeconds: 3, outputSeconds: 1, robustSeconds: 2 });
    expect(input.finishedAt).toBe('2024-01-01T00:00:00.000Z');
  });
});

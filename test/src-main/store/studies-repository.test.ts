import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MnemoError } from '../../../src-shared/result';
import { openStore, type Store } from '../../../src-main/store/database';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { fakeResult, studyConfig, tempDataDir } from './store-fixtures';

let store: Store;
let cleanup: () => void;
beforeEach(() => {
  const temp = tempDataDir();
  cleanup = temp.cleanup;
  store = openStore({ dataDir: temp.dir });
});
afterEach(() => {
  store.close();
  cleanup();
});

function count(table: string): number {
  return store.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

describe('createStudy', () => {
  it('writes the study, its K pending models, K train jobs, an analyze job and study arrays at once', () => {
    const config = studyConfig({ tags: ['baseline', 'mlp'] });
    const keep = Uint8Array.from({ length: 4 * 6 }, (_, i) => i % 2);
    const { study, models } = createStudy(store, {
      config,
      modelSeeds: [11, 12, 13, 14],
      arrays: [{ name: 'keep', data: keep, shape: [4, 6] }],
      analyses: [{ kind: 'design', config: {}, result: { populationSize: 6 } }],
      run: { datasetFingerprint: 'sha256:abc', sampleCount: 6, backendVersions: { '@tensorflow/tfjs-core': '4.22.0' } },
    });
    expect(study).toMatchObject({ name: 'purchase baseline', tags: ['baseline', 'mlp'], status: 'queued', archived: false, pinned: false, sampleCount: 6 });
    expect(study.backendVersions).toEqual({ '@tensorflow/tfjs-core': '4.22.0' });
    expect(study.config).toEqual(config);
    expect(models.map((m) => [m.idx, m.seed, m.status])).toEqual([
      [0, 11, 'pending'],
      [1, 12, 'pending'],
      [2, 13, 'pending'],
      [3, 14, 'pending'],
    ]);
    expect(store.jobs.list(study.id).map((j) => [j.kind, j.modelIdx, j.status])).toEqual([
      ['train-model', 0, 'queued'],
      ['train-model', 1, 'queued'],
      ['train-model', 2, 'queued'],
      ['train-model', 3, 'queued'],
      ['analyze', null, 'queued'],
    ]);
    expect(store.arrays.require(study.id, null, 'keep')).toMatchObject({ dtype: 'u8', shape: [4, 6], data: keep });
    expect(store.analyses.get(study.id, 'design')!.result).toEqual({ populationSize: 6 });
    expect(store.events.tail(study.id).map((e) => e.message)).toEqual(['Study created with 4 models.']);
  });

  it('writes nothing when any part is invalid', () => {
    expect(() => createStudy(store, { config: studyConfig(), modelSeeds: [1, 2], arrays: [{ name: 'keep', data: new Uint8Array(3), shape: [2, 2] }] })).toThrow(
      /has shape \[2,2\] \(4 values\) but 3 values/,
    );
    expect(() => createStudy(store, { config: studyConfig(), modelSeeds: [1, 2.5] })).toThrow('seed of model 1 is 2.5');
    expect(() => createStudy(store, { config: studyConfig(), modelSeeds: [1], analyses: [{ kind: '', config: {}, result: null }] })).toThrow('has no kind');
    for (const table of ['studies', 'models', 'jobs', 'arrays', 'analyses', 'events']) expect(count(table)).toBe(0);
  });

  it('refuses a taken id and a bad name, naming the field', () => {
    createStudy(store, { id: 'study-a', config: studyConfig(), modelSeeds: [1] });
    expect(() => createStudy(store, { id: 'study-a', config: studyConfig(), modelSeeds: [1] })).toThrow('A study with id "study-a" already exists.');
    try {
      store.studies.insert({ config: studyConfig(), name: '   ' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'invalid-request', fields: [{ path: 'name' }] });
    }
    expect(() => store.studies.insert({ id: '../etc', config: studyConfig() })).toThrow('study id "../etc" must be');
  });
});

describe('studies list and edits', () => {
  it('lists studies newest first with summary and model progress counts', async () => {
    const a = createStudy(store, { config: studyConfig({ name: 'A' }), modelSeeds: [1, 2, 3], createdAt: '2024-01-01T00:00:00.000Z' }).study;
    const b = createStudy(store, { config: studyConfig({ name: 'B' }), modelSeeds: [1, 2], createdAt: '2024-02-01T00:00:00.000Z' }).study;
    const c = store.studies.insert({ config: studyConfig({ name: 'C' }), createdAt: '2024-03-01T00:00:00.000Z' });
    await recordModelResult(store, a.id, 1, fakeResult(10, 2, 1));
    store.models.markFailed(a.id, 2, 'out of memory');
    store.models.markRunning(b.id, 0);
    store.studies.setSummary(a.id, { naturalAccuracy: { mean: 0.81, std: 0.02 }, auc: 0.6 });
    const list = store.studies.list();
    expect(list.map((s) => s.name)).toEqual(['C', 'B', 'A']);
    expect(list.map((s) => s.progress)).toEqual([
      { total: 0, done: 0, running: 0, failed: 0 },
      { total: 2, done: 0, running: 1, failed: 0 },
      { total: 3, done: 1, running: 0, failed: 1 },
    ]);
    expect(list[2]!.summary).toEqual({ naturalAccuracy: { mean: 0.81, std: 0.02 }, auc: 0.6 });
    store.studies.setArchived(c.id, true);
    expect(store.studies.list({ archived: false }).map((s) => s.name)).toEqual(['B', 'A']);
    expect(store.studies.list({ archived: true }).map((s) => s.name)).toEqual(['C']);
  });

  it('renames, tags, annotates, archives and pins (one baseline at a time)', () => {
    const a = store.studies.insert({ config: studyConfig() });
    const b = store.studies.insert({ config: studyConfig() });
    expect(store.studies.rename(a.id, '  ε = 8, DP-SGD  ').name).toBe('ε = 8, DP-SGD');
    expect(store.studies.require(a.id).config.name).toBe('purchase baseline');
    expect(store.studies.setTags(a.id, [' dp ', 'dp', 'mlp']).tags).toEqual(['dp', 'mlp']);
    expect(store.studies.setNotes(a.id, 'line 1\nline 2').notes).toBe('line 1\nline 2');
    expect(store.studies.setArchived(a.id, true).archived).toBe(true);
    expect(store.studies.setPinned(a.id, true).pinned).toBe(true);
    expect(store.studies.setPinned(b.id, true).pinned).toBe(true);
    expect(store.studies.require(a.id).pinned).toBe(false);
    expect(store.studies.baseline()!.id).toBe(b.id);
    store.studies.setPinned(b.id, false);
    expect(store.studies.baseline()).toBeNull();
    expect(() => store.studies.setTags(a.id, ['x'.repeat(61)])).toThrow('Tag 1 must be 1–60 characters.');
    expect(() => store.studies.rename('nope', 'x')).toThrow(new MnemoError('not-found', 'There is no study "nope".'));
  });

  it('stamps start, finish and duration as the status moves', () => {
    const s = store.studies.insert({ config: studyConfig() });
    const running = store.studies.setStatus(s.id, 'running', { at: '2024-05-01T10:00:00.000Z' });
    expect(running).toMatchObject({ status: 'running', startedAt: '2024-05-01T10:00:00.000Z', finishedAt: null, durationSeconds: null });
    expect(store.studies.interruptRunning('Mnemo quit while it ran')).toEqual([s.id]);
    expect(store.studies.require(s.id)).toMatchObject({ status: 'interrupted', error: 'Mnemo quit while it ran' });
    store.studies.setStatus(s.id, 'running', { at: '2024-05-01T11:00:00.000Z' });
    const done = store.studies.setStatus(s.id, 'completed', { at: '2024-05-01T11:30:00.000Z' });
    expect(done).toMatchObject({ status: 'completed', error: null, startedAt: '2024-05-01T10:00:00.000Z', finishedAt: '2024-05-01T11:30:00.000Z', durationSeconds: 5400 });
    const failed = store.studies.setStatus(s.id, 'failed', { error: 'NaN loss', durationSeconds: 12 });
    expect(failed).toMatchObject({ status: 'failed', error: 'NaN loss', durationSeconds: 12 });
  });

  it('records run information field by field', () => {
    const s = store.studies.insert({ config: studyConfig() });
    store.studies.setRunInfo(s.id, { backend: 'wasm', appVersion: '0.1.0' });
    const after = store.studies.setRunInfo(s.id, { sampleCount: 2000, backendVersions: { '@tensorflow/tfjs-backend-wasm': '4.22.0' } });
    expect(after).toMatchObject({ backend: 'wasm', appVersion: '0.1.0', sampleCount: 2000, backendVersions: { '@tensorflow/tfjs-backend-wasm': '4.22.0' }, datasetFingerprint: null });
  });

  it('deletes a study with everything it owns, weight files included, and nothing else', async () => {
    const keep = createStudy(store, { config: studyConfig(), modelSeeds: [1] }).study;
    const gone = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2], arrays: [{ name: 'labels', data: new Uint16Array(5) }] }).study;
    await recordModelResult(store, gone.id, 0, fakeResult(5, 1, 3));
    await recordModelResult(store, keep.id, 0, fakeResult(5, 1, 4));
    store.analyses.put(gone.id, { kind: 'lira', config: {}, result: { auc: 0.5 } });
    const folder = path.join(store.dataDir, 'weights', gone.id);
    expect(fs.existsSync(folder)).toBe(true);
    expect(await store.studies.delete(gone.id)).toBe(true);
    expect(await store.studies.delete(gone.id)).toBe(false);
    expect(fs.existsSync(folder)).toBe(false);
    for (const table of ['models', 'arrays', 'epochs', 'jobs', 'analyses', 'events']) {
      expect(store.db.prepare(`SELECT count(*) FROM ${table} WHERE study_id = ?`).pluck().get(gone.id)).toBe(0);
    }
    expect(store.models.require(keep.id, 0).status).toBe('done');
    expect((await store.models.readWeights(keep.id, 0)).names).toHaveLength(3);
    expect(store.integrityProblems()).toEqual([]);
  });

  it('lists 5,000 studies of 16 models with progress in well under a second', () => {
    const config = JSON.stringify(studyConfig());
    store.write('seed', () => {
      const study = store.db.prepare("INSERT INTO studies (id, name, config, created_at, summary) VALUES (?, ?, ?, ?, '{\"auc\":0.61}')");
      const pending = store.db.prepare("INSERT INTO models (study_id, idx, seed) VALUES (?, ?, ?)");
      const done = store.db.prepare("INSERT INTO models (study_id, idx, seed, status, weights_path, weights_sha256, weights_bytes) VALUES (?, ?, ?, 'done', 'w', 'h', 1)");
      for (let i = 0; i < 5000; i++) {
        const id = `s${i}`;
        study.run(id, `study ${i}`, config, new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString());
        for (let m = 0; m < 16; m++) (m < i % 17 ? done : pending).run(id, m, m);
      }
    });
    const start = performance.now();
    const list = store.studies.list();
    const ms = performance.now() - start;
    expect(list).toHaveLength(5000);
    expect(list[0]).toMatchObject({ id: 's4999', progress: { total: 16, done: 4999 % 17 } });
    expect(list[4999]).toMatchObject({ id: 's0', progress: { total: 16, done: 0 }, summary: { auc: 0.61 } });
    console.info(`studies.list(): 5,000 studies × 16 models in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1500);
  });
});

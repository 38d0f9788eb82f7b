import { describe, expect, it } from 'vitest';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { fakeResult, studyConfig } from './store-fixtures';
import { useStore } from './store-harness';

const harness = useStore();

describe('JobsRepository: the persistent queue', () => {
  it('hands out ready jobs oldest first; an analysis waits for all its models', async () => {
    const store = harness.current();
    const a = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2] }).study.id;
    const b = createStudy(store, { config: studyConfig(), modelSeeds: [3] }).study.id;
    expect(store.jobs.nextQueued(10).map((j) => `${j.studyId === a ? 'a' : 'b'}:${j.kind}:${j.modelIdx}`)).toEqual(['a:train-model:0', 'a:train-model:1', 'b:train-model:0']);
    const first = store.jobs.claimNext('2024-01-01T00:00:00.000Z')!;
    expect(first).toMatchObject({ studyId: a, kind: 'train-model', modelIdx: 0, status: 'running', attempts: 1 });
    expect(store.models.require(a, 0)).toMatchObject({ status: 'running', startedAt: '2024-01-01T00:00:00.000Z' });
    expect(store.jobs.claim(first.id)).toBeNull();
    await recordModelResult(store, a, 0, fakeResult(4, 1, 1));
    expect(store.jobs.get(first.id)!.status).toBe('done');
    const second = store.jobs.claimNext()!;
    expect(second.modelIdx).toBe(1);
    expect(store.jobs.nextQueued(10).map((j) => j.studyId)).toEqual([b]);
    await recordModelResult(store, a, 1, fakeResult(4, 1, 2));
    expect(store.jobs.nextQueued(10).map((j) => `${j.studyId === a ? 'a' : 'b'}:${j.kind}`)).toEqual(['a:analyze', 'b:train-model']);
    const analysis = store.jobs.claimNext()!;
    expect(analysis).toMatchObject({ studyId: a, kind: 'analyze', modelIdx: null });
    expect(store.jobs.complete(analysis.id).status).toBe('done');
    expect(() => store.jobs.complete(analysis.id)).toThrow(`Job ${analysis.id} is already done.`);
    expect(() => store.jobs.complete(9999)).toThrow('There is no job 9999.');
  });

  it('fails a job and its model, and retries failed and cancelled jobs', () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2] }).study.id;
    const job = store.jobs.claimNext()!;
    expect(store.jobs.fail(job.id, 'worker crashed').error).toBe('worker crashed');
    expect(store.models.require(id, 0)).toMatchObject({ status: 'failed', error: 'worker crashed' });
    expect(store.jobs.cancelQueued(id)).toBe(2);
    expect(store.jobs.nextQueued()).toEqual([]);
    expect(store.jobs.requeueUnfinished(id)).toBe(3);
    expect(store.models.require(id, 0)).toMatchObject({ status: 'pending', error: null });
    const again = store.jobs.claimNext()!;
    expect(again).toMatchObject({ id: job.id, attempts: 2, error: null });
  });

  it('requeues the running jobs of a study after a crash, leaving other studies alone', () => {
    const store = harness.current();
    const a = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2] }).study.id;
    const b = createStudy(store, { config: studyConfig(), modelSeeds: [3] }).study.id;
    store.jobs.claimNext();
    store.jobs.claimNext();
    store.jobs.claimNext();
    expect(store.jobs.requeueRunning(a)).toBe(2);
    expect(store.jobs.list(a).map((j) => j.status)).toEqual(['queued', 'queued', 'queued']);
    expect(store.models.list(a).map((m) => m.status)).toEqual(['pending', 'pending']);
    expect(store.jobs.list(b).map((j) => j.status)).toEqual(['running', 'queued']);
    expect(store.models.require(b, 0).status).toBe('running');
  });

  it('checks what it queues', () => {
    const store = harness.current();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1], analyze: false }).study.id;
    expect(store.jobs.list(id).map((j) => j.kind)).toEqual(['train-model']);
    expect(() => store.jobs.enqueue(id, 'train-model')).toThrow('a train-model job needs a model index');
    expect(() => store.jobs.enqueue(id, 'analyze', 0)).toThrow('an analyze job has no model index');
    expect(() => store.jobs.enqueue(id, 'train-model', 4)).toThrow(`Study "${id}" has no model 4.`);
    expect(store.jobs.enqueue(id, 'analyze')).toMatchObject({ kind: 'analyze', status: 'queued', attempts: 0 });
  });
});

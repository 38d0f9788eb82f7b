import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudySummary } from '../../../src-shared/analysis';
import { MnemoError } from '../../../src-shared/result';
import type { StudyStatusEvent } from '../../../src-shared/studies';
import { openStore } from '../../../src-main/store';
import { StudyRunner } from '../../../src-main/studies/runner';
import { openTestRuntime, tempDir, tinyConfig } from './study-fixtures';

let dataDir: string;
let runtime: Awaited<ReturnType<typeof openTestRuntime>>;

beforeAll(async () => {
  dataDir = tempDir();
  runtime = await openTestRuntime(dataDir, 2);
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('StudyRunner', () => {
  it('runs a study to completion: models, attacks, memorization, summary, pushed events', async () => {
    const statuses: string[] = [];
    let progress = 0;
    const unsubscribe = runtime.events.subscribe((event, payload) => {
      if (event === 'study.status') statuses.push((payload as StudyStatusEvent).status);
      if (event === 'study.progress') progress++;
    });
    const created = await runtime.runner.create(tinyConfig('complete'));
    expect(created.status).toBe('queued');
    const done = await runtime.runner.waitFor(created.id);
    unsubscribe();
    expect(done.status).toBe('completed');
    expect(statuses).toContain('running');
    expect(statuses.at(-1)).toBe('completed');
    expect(progress).toBeGreaterThan(0);

    const { store } = runtime;
    expect(store.models.list(created.id).every((m) => m.status === 'done' && m.weights)).toBe(true);
    const kinds = store.analyses.list(created.id).map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['design', 'accuracy', 'lira', 'rmia', 'loss', 'entropy', 'correctness', 'label-only', 'memorization', 'influence']));
    const summary = done.summary as unknown as StudySummary;
    expect(summary.naturalAccuracy!.n).toBe(4);
    expect(summary.auc!.n).toBe(2);
    expect(Object.keys(summary.tpr)).toEqual(['0.01', '0.001', '0.00001']);
    expect(store.arrays.get(created.id, null, 'scores:lira:target=1')!.length).toBe(260);
    expect(store.arrays.get(created.id, null, 'influence_bucket')!.length).toBe(40);
    expect(done.backend).toBe('wasm');
    expect(done.backendVersions!['@tensorflow/tfjs-backend-wasm']).toBe('4.22.0');
    expect(done.datasetFingerprint).toMatch(/^sha256:/);
    expect(store.integrityProblems()).toEqual([]);
  }, 120_000);

  it('analyses a completed study again on its stored models, replacing its results', async () => {
    const { store } = runtime;
    const study = store.studies.list().find((s) => s.name === 'complete')!;
    const models = store.models.list(study.id);
    const lira = store.analyses.get(study.id, 'lira')!;
    const analyzeJobs = store.jobs.list(study.id).filter((j) => j.kind === 'analyze').length;

    const queued = await runtime.runner.reanalyze(study.id);
    expect(queued.status).toBe('queued');
    const done = await runtime.runner.waitFor(study.id);
    expect(done.status).toBe('completed');
    expect(store.jobs.list(study.id).filter((j) => j.kind === 'analyze' && j.status === 'done')).toHaveLength(analyzeJobs + 1);
    expect(store.models.list(study.id).map((m) => m.finishedAt)).toEqual(models.map((m) => m.finishedAt));
    const again = store.analyses.get(study.id, 'lira')!;
    expect(again.createdAt > lira.createdAt).toBe(true);
    expect(again.result).toEqual(lira.result);
    // The duration counts training and both analyses, not the time between them.
    expect(done.durationSeconds!).toBeGreaterThanOrEqual(study.durationSeconds!);
    expect(done.durationSeconds!).toBeLessThan(study.durationSeconds! + (Date.parse(done.finishedAt!) - Date.parse(study.finishedAt!)) / 1000);

    const running = await runtime.runner.create(tinyConfig('not-done', { training: { epochs: 4, batchSize: 16 } }, 4));
    const refused = await runtime.runner.reanalyze(running.id).catch((e) => e);
    expect((refused as MnemoError).code).toBe('conflict');
    expect((refused as MnemoError).message).toMatch(/"not-done" is (queued|running): only a completed study/);
    await runtime.runner.cancel(running.id);
  }, 120_000);

  it('names every wrong field of an invalid config at once, and the dataset file that cannot be read', async () => {
    const invalid = await runtime.runner.create({ ...tinyConfig('bad'), shadow: { models: 0 }, training: { epochs: -1 } }).catch((e) => e);
    expect(invalid).toBeInstanceOf(MnemoError);
    // Zero models also makes the two targets impossible: all three problems are named.
    expect((invalid as MnemoError).fields!.map((f) => f.path).sort()).toEqual(['attacks.targets', 'shadow.models', 'training.epochs']);

    const missing = await runtime.runner.create({ ...tinyConfig('missing'), dataset: { id: 'fashion-mnist', path: '/nowhere/fashion' } }).catch((e) => e);
    expect(missing).toBeInstanceOf(MnemoError);
    expect((missing as MnemoError).fields![0]!.path).toBe('dataset.path');
    expect((missing as MnemoError).message).toContain('/nowhere/fashion');
  }, 60_000);

  it('cancels a study promptly, keeps finished models, and resumes without retraining them', async () => {
    const created = await runtime.runner.create(tinyConfig('cancel', { training: { epochs: 4, batchSize: 16 } }, 6));
    const { store } = runtime;
    await waitUntil(() => store.models.list(created.id).some((m) => m.status === 'done'));
    const cancelled = await runtime.runner.cancel(created.id);
    expect(cancelled.status).toBe('cancelled');
    const kept = store.models.list(created.id).filter((m) => m.status === 'done');
    expect(kept.length).toBeGreaterThan(0);
    expect(store.models.list(created.id).some((m) => m.status === 'running')).toBe(false);
    expect(store.jobs.list(created.id).some((j) => j.status === 'running' || j.status === 'queued')).toBe(false);

    await runtime.runner.resume(created.id);
    const done = await runtime.runner.waitFor(created.id);
    expect(done.status).toBe('completed');
    for (const model of kept) expect(store.models.require(created.id, model.idx).finishedAt).toBe(model.finishedAt);
  }, 120_000);

  it('stops a study cancelled from another process', async () => {
    const created = await runtime.runner.create(tinyConfig('remote-cancel', { training: { epochs: 6, batchSize: 16 } }, 4));
    await waitUntil(() => runtime.store.models.list(created.id).some((m) => m.status === 'running'));
    const other = openStore({ dataDir });
    StudyRunner.requestCancel(other, created.id);
    other.close();
    await waitUntil(() => !runtime.store.models.list(created.id).some((m) => m.status === 'running'));
    expect(runtime.store.studies.require(created.id).status).toBe('cancelled');
  }, 60_000);

  it('refuses a second runner on the same data directory', async () => {
    const error = await openTestRuntime(dataDir).catch((e) => e);
    expect(error).toBeInstanceOf(MnemoError);
    expect((error as MnemoError).message).toMatch(/Another Mnemo \(process \d+\) is running studies/);
  }, 30_000);
});

describe('StudyRunner across restarts', () => {
  it('closes quietly while its engine is still starting (a preset whose studies had all completed)', async () => {
    const dir = tempDir();
    const failures: unknown[] = [];
    const onRejection = (reason: unknown) => failures.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const runtime = await openTestRuntime(dir);
      await runtime.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(failures).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('marks a study left running as interrupted, and resumes it to completion', async () => {
    const dir = tempDir();
    const first = await openTestRuntime(dir);
    const created = await first.runner.create(tinyConfig('restart', { training: { epochs: 3, batchSize: 16 } }, 4));
    await waitUntil(() => first.store.models.list(created.id).some((m) => m.status === 'done'));
    await first.close();
    expect(openStore({ dataDir: dir, readOnly: true }).studies.require(created.id).status).toBe('interrupted');

    const second = await openTestRuntime(dir);
    try {
      expect(second.store.studies.require(created.id).status).toBe('interrupted');
      await second.runner.resume(created.id);
      expect((await second.runner.waitFor(created.id)).status).toBe('completed');
    } finally {
      await second.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

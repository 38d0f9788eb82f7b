import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudyConfigSchema } from '../../../../src-shared/config/study';
import { processSpawner, threadSpawner } from '../../../../src-main/engine/host/channel';
import { EnginePool, JobCancelledError, WorkerCrashedError } from '../../../../src-main/engine/host/pool';
import type { DatasetDescription } from '../../../../src-main/engine/jobs/describe-dataset';
import type { TrainModelPayload, TrainModelResult } from '../../../../src-main/engine/jobs/train-model';

const BOOTSTRAP = path.resolve(import.meta.dirname, '../../../../src-main/engine/host/worker-bootstrap.mjs');
const pools: EnginePool[] = [];

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

function pool(spawn: 'thread' | 'process', workers: number) {
  const spawner = spawn === 'thread' ? threadSpawner(BOOTSTRAP) : processSpawner(BOOTSTRAP);
  const created = new EnginePool({ spawn: { process: processSpawner(BOOTSTRAP), thread: spawner }, workers, forced: 'cpu', nativeInstalled: false });
  pools.push(created);
  return created;
}

function trainPayload(epochs: number, train = 300): TrainModelPayload {
  const study = StudyConfigSchema.parse({
    name: 'pool',
    dataset: { id: 'digits' },
    model: { kind: 'mlp', hidden: [16] },
    training: { epochs, batchSize: 32 },
    robust: { steps: 2, maxSamples: 20 },
  });
  const sampleIndices = Int32Array.from({ length: 600 }, (_, i) => i);
  return {
    dataset: { id: 'digits', seed: 0 },
    model: study.model,
    training: study.training,
    method: study.method,
    queries: study.queries,
    robust: study.robust,
    seed: 3,
    sampleIndices,
    trainPositions: sampleIndices.subarray(0, train),
    robustPositions: Int32Array.from({ length: 20 }, (_, i) => 500 + i),
    keepLogits: true,
    checkpointPath: null,
  };
}

describe('EnginePool', () => {
  it('probes a backend, then runs jobs on every worker with progress', async () => {
    const engine = pool('thread', 2);
    const selection = await engine.start();
    expect(selection.name).toBe('cpu');
    expect(selection.forced).toBe(true);
    expect(engine.size).toBe(2);
    const description = await engine.run<DatasetDescription>({ kind: 'describe-dataset', payload: { id: 'digits', seed: 0 } });
    expect(description).toMatchObject({ size: 10_000, shape: [28, 28, 1], numClasses: 10, kind: 'image' });
    expect(description.fingerprint).toMatch(/^sha256:/);

    const phases: string[] = [];
    const [a, b] = await Promise.all([
      engine.run<TrainModelResult>({ kind: 'train-model', payload: trainPayload(1) }, { onProgress: (p) => phases.push((p as { phase: string }).phase) }),
      engine.run<TrainModelResult>({ kind: 'train-model', payload: trainPayload(1) }),
    ]);
    expect(phases).toContain('training');
    expect(phases).toContain('robustness');
    // Same payload, same seed, different workers: identical results.
    expect(a.weights.values[0]).toEqual(b.weights.values[0]);
    expect(a.outputs.samples).toBe(600);
    expect(a.outputs.phi).toBeInstanceOf(Float32Array);
    expect(a.outputs.logits!.length).toBe(600 * 2 * 10);
    expect(a.queryNames).toEqual(['identity', 'mirror']);
    expect(a.labelOnlyQueryNames).toHaveLength(5);
    expect(a.robustness.positions).toHaveLength(20);
    expect(a.backend).toBe('cpu');
  }, 120_000);

  it('cancels a running job promptly and keeps the worker', async () => {
    const engine = pool('thread', 1);
    await engine.start();
    const controller = new AbortController();
    const run = engine.run({ kind: 'train-model', payload: trainPayload(200, 600) }, { signal: controller.signal, onProgress: () => controller.abort() });
    const started = Date.now();
    await expect(run).rejects.toBeInstanceOf(JobCancelledError);
    expect(Date.now() - started).toBeLessThan(20_000);
    const after = await engine.run<DatasetDescription>({ kind: 'describe-dataset', payload: { id: 'digits', seed: 0 } });
    expect(after.size).toBe(10_000);
  }, 120_000);

  it('reports a killed worker process, replaces it, and goes on', async () => {
    const engine = pool('process', 1);
    await engine.start();
    let killed = false;
    const run = engine.run({ kind: 'train-model', payload: trainPayload(200, 600) }, {
      onProgress: () => {
        const busy = engine.workerProcesses().find((w) => w.busy);
        if (busy && !killed) {
          killed = true;
          process.kill(busy.pid, 'SIGKILL');
        }
      },
    });
    await expect(run).rejects.toBeInstanceOf(WorkerCrashedError);
    await expect(run).rejects.toThrow(/SIGKILL while running a train-model job/);
    const after = await engine.run<DatasetDescription>({ kind: 'describe-dataset', payload: { id: 'digits', seed: 0 } });
    expect(after.size).toBe(10_000);
  }, 120_000);

  it('reports a job error with its name and message', async () => {
    const engine = pool('thread', 1);
    await engine.start();
    await expect(engine.run({ kind: 'describe-dataset', payload: { id: 'fashion-mnist', path: '/nonexistent/fashion' } })).rejects.toThrow(/\/nonexistent\/fashion/);
    await expect(engine.run({ kind: 'no-such-job', payload: {} })).rejects.toThrow(/Unknown engine job "no-such-job"/);
  }, 60_000);
});

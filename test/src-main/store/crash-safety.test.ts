/**
 * Kills a process that is writing model results (kill -9, at random moments) several times, and
 * checks after each kill that the database is sound and that every model marked done is whole.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src-main/store/database';
import { createStudy } from '../../../src-main/store/study-creation';
import { sweepOrphanWeights } from '../../../src-main/store/weights-sweep';
import { fakeResult, studyConfig, tempDataDir } from './store-fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const writer = path.join(here, 'crash-writer.ts');
const SAMPLES = 4000;
const KILLS = 5;

const { dir, cleanup } = tempDataDir('mnemo-crash-');
afterAll(cleanup);

/** Starts the writer and kills it with SIGKILL `delayMs` after it is ready. Returns how many models it reported done. */
function runAndKill(studyId: string, delayMs: number): Promise<{ reported: number; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, studyId, String(SAMPLES)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`writer exited with ${code}: ${err}`));
      else resolve({ reported: (out.match(/^done /gm) ?? []).length, killed: signal === 'SIGKILL' });
    });
  });
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.constructor === b.constructor && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Every done model has all its arrays (with the right contents), its epochs and a sound weight file; no other model has any. */
async function verify(store: Store, studyId: string): Promise<number> {
  expect(store.integrityProblems()).toEqual([]);
  let done = 0;
  for (const model of store.models.list(studyId)) {
    const arrays = store.arrays.list(studyId, model.idx);
    const epochs = store.epochs.list(studyId, model.idx);
    const job = store.jobs.list(studyId).find((j) => j.modelIdx === model.idx)!;
    if (model.status !== 'done') {
      expect(arrays, `model ${model.idx} (${model.status}) has arrays`).toEqual([]);
      expect(epochs).toEqual([]);
      expect(model.weights).toBeNull();
      expect(job.status).not.toBe('done');
      continue;
    }
    done++;
    const expected = fakeResult(SAMPLES, 2, model.idx, 600 * 64);
    expect(arrays.map((a) => a.name).sort()).toEqual(expected.arrays.map((a) => a.name).sort());
    for (const input of expected.arrays) expect(sameBytes(store.arrays.require(studyId, model.idx, input.name).data, input.data), `${input.name} of model ${model.idx}`).toBe(true);
    expect(epochs).toHaveLength(expected.epochs.length);
    expect(job.status).toBe('done');
    const weights = await store.models.readWeights(studyId, model.idx);
    expect(sameBytes(weights.values[0]!, expected.weights.values[0]!)).toBe(true);
  }
  return done;
}

describe('crash safety', () => {
  it(`survives ${KILLS} kill -9s mid-write with every done model whole`, async () => {
    const setup = openStore({ dataDir: dir });
    const studyId = createStudy(setup, { config: studyConfig(), modelSeeds: Array.from({ length: 600 }, (_, i) => i), analyze: false }).study.id;
    setup.close();
    let previous = 0;
    const log: string[] = [];
    for (let round = 0; round < KILLS; round++) {
      const delay = 100 + Math.floor(Math.random() * 400);
      const { reported, killed } = await runAndKill(studyId, delay);
      const store = openStore({ dataDir: dir });
      try {
        const done = await verify(store, studyId);
        const line = `round ${round}: killed=${killed} after ${delay} ms, reported ${reported}, done ${done}`;
        log.push(line);
        // A result reported done was committed: it must survive the kill.
        expect(done, log.join('\n')).toBeGreaterThanOrEqual(previous + reported);
        previous = done;
        // Resume as the app would: put interrupted jobs back, remove files without rows.
        store.jobs.requeueRunning(studyId);
        const swept = await sweepOrphanWeights(store);
        log[log.length - 1] = `${line}, orphans swept ${swept.removed.length}`;
        const files = fs.readdirSync(path.join(dir, 'weights', studyId)).sort();
        const doneFiles = store.models.list(studyId).filter((m) => m.status === 'done').map((m) => `${m.idx}.weights`).sort();
        expect(files).toEqual(doneFiles);
      } finally {
        store.close();
      }
    }
    expect(previous, log.join('\n')).toBeGreaterThan(0);
  }, 60_000);
});

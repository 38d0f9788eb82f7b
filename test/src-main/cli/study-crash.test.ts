import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
import { tempDir, tinyConfig } from '../studies/study-fixtures';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'bin', 'mnemo.mjs');
const dataDir = tempDir('mnemo-crash-');

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function readStudy() {
  const store = openStore({ dataDir, readOnly: true });
  try {
    const [study] = store.studies.list();
    if (!study) return null;
    return { study, models: store.models.list(study.id), problems: store.integrityProblems() };
  } finally {
    store.close();
  }
}

describe('a study survives kill -9 of the process running it', () => {
  it('loses at most the models in progress and resumes to completion without retraining', async () => {
    const config = path.join(dataDir, 'tiny.json');
    fs.writeFileSync(config, JSON.stringify(tinyConfig('crash', { training: { epochs: 3, batchSize: 16 } }, 8)));
    const child = spawn(process.execPath, [CLI, 'study', 'run', config, '--data-dir', dataDir], { stdio: 'ignore', env: { ...process.env, MNEMO_WORKERS: '2' } });
    const exited = new Promise((resolve) => child.once('exit', resolve));

    // Kill it once some models are done and others are still training.
    let before = null as ReturnType<typeof readStudy>;
    for (let i = 0; i < 1200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (!fs.existsSync(path.join(dataDir, 'mnemo.sqlite'))) continue;
      before = readStudy();
      if (before && before.models.filter((m) => m.status === 'done').length >= 2) break;
    }
    child.kill('SIGKILL');
    await exited;

    const crashed = readStudy()!;
    expect(crashed.problems).toEqual([]);
    expect(crashed.study.status).toBe('running');
    const done = crashed.models.filter((m) => m.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.length).toBeLessThan(8);
    expect(fs.existsSync(path.join(dataDir, 'runner.lock'))).toBe(true);

    const resume = spawnSync(process.execPath, [CLI, 'study', 'resume', crashed.study.id.slice(0, 8), '--data-dir', dataDir, '--json'], { encoding: 'utf8', timeout: 240_000 });
    expect(resume.status, resume.stderr).toBe(0);
    const result = JSON.parse(resume.stdout) as Array<{ status: string }>;
    expect(result[0]!.status).toBe('completed');

    const after = readStudy()!;
    expect(after.problems).toEqual([]);
    expect(after.study.status).toBe('completed');
    expect(after.models.every((m) => m.status === 'done')).toBe(true);
    // Finished models were never trained again.
    for (const model of done) expect(after.models.find((m) => m.idx === model.idx)!.finishedAt).toBe(model.finishedAt);
    // No weight file is left without its model.
    const files = fs.readdirSync(path.join(dataDir, 'weights', after.study.id));
    expect(files.sort()).toEqual(after.models.map((m) => path.basename(m.weights!.path)).sort());

    // The resumed study reads back with its attacks and memorization estimates.
    const show = spawnSync(process.execPath, [CLI, 'study', 'show', after.study.id, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^LiRA\s+0\.\d{3} ± /m);
    expect(show.stdout).toMatch(/^Memorization \(mem@r=0\.5, 8 models\): mean -?\d\.\d{3}/m);
    expect(show.stdout).toMatch(/^Most memorised: #\d+ \(/m);
  }, 300_000);
});

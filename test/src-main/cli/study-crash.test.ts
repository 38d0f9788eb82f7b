import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store';
import { parseRfc4180 } from '../io/rfc4180';
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

    // Every CSV kind exports from the resumed study: RFC 4180, one record per row of what it lists.
    const csv = (kind: string) => {
      const run = spawnSync(process.execPath, [CLI, 'export', kind, ...(kind === 'studies' ? [] : [after.study.id]), '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });
      expect(run.status, run.stderr).toBe(0);
      const [header, ...rows] = parseRfc4180(run.stdout);
      return { header: header!, rows };
    };
    const studies = csv('studies');
    expect(studies.rows).toHaveLength(1);
    expect(studies.rows[0]![studies.header.indexOf('name')]).toBe('crash');
    expect(csv('models').rows).toHaveLength(8);
    expect(csv('epochs').rows).toHaveLength(8 * 3);
    const samples = csv('samples');
    expect(samples.rows).toHaveLength(300);
    expect(samples.header).toEqual(expect.arrayContaining(['position', 'label', 'member_of_target_0', 'memorization', 'lira_score']));
    const roc = csv('roc');
    expect(roc.header).toEqual(['attack', 'target', 'fpr', 'tpr', 'threshold']);
    expect(new Set(roc.rows.map((r) => r[1]))).toEqual(new Set(['0', '1']));

    // Analysing the completed study again reproduces its attack results from the stored models.
    const reanalyze = spawnSync(process.execPath, [CLI, 'study', 'reanalyze', '--all', '--data-dir', dataDir, '--json'], { encoding: 'utf8', timeout: 120_000 });
    expect(reanalyze.status, reanalyze.stderr).toBe(0);
    const reanalysed = JSON.parse(reanalyze.stdout) as Array<{ id: string; status: string; summary: unknown }>;
    expect(reanalysed.map((s) => [s.id, s.status])).toEqual([[after.study.id, 'completed']]);
    expect(reanalysed[0]!.summary).toEqual(after.study.summary);
    expect(readStudy()!.models.map((m) => m.finishedAt)).toEqual(after.models.map((m) => m.finishedAt));
  }, 300_000);
});

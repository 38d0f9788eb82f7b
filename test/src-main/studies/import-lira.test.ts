import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackResult } from '../../../src-shared/analysis';
import { liraScores } from '../../../src-main/attacks/lira';
import { liraPreset } from '../../../src-main/attacks/lira-options';
import { arrayScoreSource } from '../../../src-main/attacks/score-source';
import { readLiraLayout } from '../../../src-main/io/lira-layout';
import { MODEL_ARRAYS } from '../../../src-main/store';
import { LOGITS_FIXTURE, scoresFixtureArrays, SCORES_FIXTURE, writeLogitsFixture, writeScoresFixture } from '../io/lira-fixture';
import { openTestRuntime, tempDir } from './study-fixtures';

let dataDir: string;
let runtime: Awaited<ReturnType<typeof openTestRuntime>>;

beforeAll(async () => {
  dataDir = tempDir();
  runtime = await openTestRuntime(dataDir);
}, 60_000);

afterAll(async () => {
  await runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('importing the LiRA reference layout as a study', () => {
  it('opens scores as a completed study whose LiRA results match the library on the same arrays', async () => {
    const dir = tempDir('mnemo-lira-');
    await writeScoresFixture(dir);
    const study = await runtime.runner.importLira({ dir, name: 'reference scores' });
    const done = await runtime.runner.waitFor(study.id);
    expect(done.status).toBe('completed');
    expect(done.backend).toBe('imported');
    const { store } = runtime;
    expect(store.models.list(study.id)).toHaveLength(SCORES_FIXTURE.models);
    const lira = store.analyses.get(study.id, 'lira')!.result as AttackResult;
    const { keep, scores } = scoresFixtureArrays();
    const expected = liraScores(arrayScoreSource(scores, SCORES_FIXTURE.models, SCORES_FIXTURE.samples, SCORES_FIXTURE.queries), keep, 0, liraPreset('paper'));
    const stored = store.arrays.require(study.id, null, 'scores:lira:target=0').data as Float32Array;
    expected.scores.forEach((v, i) => expect(stored[i]).toBeCloseTo(v, 4));
    expect(lira.targets).toHaveLength(8);
    // Scores alone give no correctness: no memorization, no accuracy, no entropy attacks.
    expect(store.analyses.get(study.id, 'memorization')).toBeNull();
    expect(store.analyses.get(study.id, 'entropy')).toBeNull();
    expect(store.arrays.get(study.id, 0, MODEL_ARRAYS.correct)).toBeNull();
  }, 60_000);

  it('derives the full signal set from logits and labels', async () => {
    const dir = tempDir('mnemo-lira-');
    await writeLogitsFixture(dir, { labels: true });
    const study = await runtime.runner.importLira({ dir, from: 'logits' });
    expect((await runtime.runner.waitFor(study.id)).status).toBe('completed');
    const layout = await readLiraLayout(dir, { from: 'logits' });
    const phi = runtime.store.arrays.require(study.id, 1, MODEL_ARRAYS.phi).data as Float32Array;
    Array.from(phi).forEach((v, j) => expect(v).toBeCloseTo(layout.scores[LOGITS_FIXTURE.samples * LOGITS_FIXTURE.queries + j]!, 5));
    expect(runtime.store.arrays.require(study.id, 1, MODEL_ARRAYS.correct).length).toBe(LOGITS_FIXTURE.samples * LOGITS_FIXTURE.queries);
    expect(runtime.store.analyses.get(study.id, 'memorization')).not.toBeNull();
  }, 60_000);
});

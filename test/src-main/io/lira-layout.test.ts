import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { liraPreset } from '../../../src-main/attacks/lira-options';
import { liraScores } from '../../../src-main/attacks/lira';
import { arrayScoreSource } from '../../../src-main/attacks/score-source';
import { computeSignals } from '../../../src-main/attacks/signals';
import { FormatError } from '../../../src-main/io/format-error';
import { listLiraExperiments } from '../../../src-main/io/lira-experiments';
import { readLiraLayout } from '../../../src-main/io/lira-layout';
import { writeNpy } from '../../../src-main/io/npy';
import {
  FIXTURE_LABELS,
  fixtureLogit,
  LOGITS_FIXTURE,
  SCORES_FIXTURE,
  scoresFixtureArrays,
  writeLogitsFixture,
  writeScoresFixture,
} from './lira-fixture';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-lira-layout-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** A fresh folder under the temp dir. */
function freshDir(): string {
  const dir = path.join(tmp, `case-${counter++}`);
  fs.mkdirSync(dir);
  return dir;
}

/**
 * Member scores of the LiRA reference for the scores fixture with the LAST model as target and the
 * other 10 as shadows (plot.py `do_plot(..., ntest=1)`), i.e. member score = −prediction of
 * tensorflow/privacy research/mi_lira_2021/plot.py:
 *   online:        mean_a [log N(s; med_in, std_in + 1e-30) − log N(s; med_out, std_out + 1e-30)]
 *   onlineFixed:   the same with std_in = std_out = np.std(dat_in) over the whole truncated IN array
 *   offline:       mean_a −log N(s; med_out, std_out + 1e-30)              (two-sided)
 *   offlineFixed:  the same with std_out = np.std(dat_out)
 * medians and np.std (ddof 0) over the shadows after truncating every sample to the smallest IN / OUT
 * count (the first shadows in model order; here 4 and 4 of 4–6). Produced once with python3,
 * numpy 2.4.6, scipy 1.17.1 (scipy.stats.norm.logpdf) from the formulas in lira-fixture.ts, by an
 * independent script that follows plot.py's `generate_ours` / `generate_ours_offline`.
 */
const REFERENCE = {
  online: [
    1.5153608690483065, 0.10441904607690944, 2.2998749940225647, -7.894243285204324, 31.80803877116544, 3.9743281351705706,
    4.791206670756406, -0.7821226609639345, -3.037403350031987, -0.17249679111852279,
  ],
  onlineFixed: [
    1.2070952979027236, -0.8519863049051147, 1.4452110180135231, -1.4672332811451576, -0.41429382516387614, 2.7582884572372377,
    3.5497135385303573, -0.12800440445262629, -2.0453176883505666, 0.02202226313163469,
  ],
  offline: [
    2.6276690541560734, 1.9643126766819408, 2.317649463798017, 3.8187100594721977, 35.356073210744114, 6.030068129065855,
    4.849275388439271, 1.7090821900108217, 0.9267257018537645, 0.6672627747703259,
  ],
  offlineFixed: [
    2.2140071303963085, 1.372161523733251, 2.2441242645358725, 1.288980867538264, 2.5911883817632315, 5.260140126226519,
    4.428333564276651, 1.6288742385419175, 0.8702092880738468, 0.8788141835422937,
  ],
};

/**
 * φ that the reference score.py writes for the logits fixture, per model, N × A flattened: softmax
 * with the max subtracted and exp taken on the float32 logits, then normalised in float64;
 * φ = log(p_y + 1e-45) − log(Σ_{k≠y} p_k + 1e-45). Same python3 + numpy run as above.
 * Model 1, sample 2 is saturated: float32 exp(−120) underflows to 0, so φ is capped at −log(1e-45).
 */
const REFERENCE_PHI = [
  [
    -3.4302695804536074, -0.1802696518257788, -0.6564284336909734, -2.180269701723407, -1.6041306604485528, -0.858937472445718,
    -0.9643687548273597, -3.287621240246862, -0.1802696518257788, -0.1802696518257788,
  ],
  [
    -1.906428439299185, -0.1802696518257788, -2.180269701723407, -0.6564284336909734, 103.61632918473205, 103.61632918473205,
    -0.03762131305292393, -0.9643687548273597, -1.906428439299185, -0.1802696518257788,
  ],
  [
    -0.1802696518257788, -1.906428439299185, -1.513098215461288, -2.180269701723407, 0.2537860822360588, -1.6041306604485528,
    -0.9643687548273597, -0.03762131305292393, -0.1802696518257788, -2.763098191390287,
  ],
];

function expectRelative(actual: ArrayLike<number>, expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, k) => {
    const error = Math.abs(actual[k]! - e) / Math.max(Math.abs(e), 1e-300);
    if (error > tolerance) throw new Error(`value ${k}: ${actual[k]} differs from ${e} by ${error.toExponential(2)} (relative)`);
  });
}

describe('readLiraLayout on score files (score.py output)', () => {
  it('reads every experiment in index order with its latest epoch', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    const layout = await readLiraLayout(dir);
    const { models, samples, queries } = SCORES_FIXTURE;
    expect([layout.models, layout.samples, layout.queries]).toEqual([models, samples, queries]);
    expect(layout.modelNames).toEqual(Array.from({ length: models }, (_, m) => `experiment-${m}_${models}`));
    expect(layout.epoch).toBe(10);
    expect(layout.epochs).toEqual(new Array(models).fill(10));
    expect(layout.source).toBe('scores');
    expect(layout.phi).toBeNull();
    expect(layout.files[0]).toBe(path.join('experiment-0_11', 'scores', '0000000010.npy'));
    expect(layout.scores).toBeInstanceOf(Float64Array);
    const { keep, scores } = scoresFixtureArrays();
    expect(layout.keep).toEqual(keep);
    expect(layout.scores).toEqual(scores);
    expect(layout.skipped).toEqual([]);
    expect(layout.notes).toEqual([]);
  });

  it('reads an older epoch when asked, and can store float32', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    const old = await readLiraLayout(dir, { epoch: 5, precision: 'float32' });
    expect(old.epoch).toBe(5);
    expect(old.scores).toBeInstanceOf(Float32Array);
    expect(old.scores.every((v) => v === 0)).toBe(true);
    await expect(readLiraLayout(dir, { epoch: 7 })).rejects.toThrow(/experiment-0_11: .*no scores\/ file for epoch 7 \(epochs found: 5, 10\)/);
  });

  it('scores as the reference plot.py would: last model = target, equal-count truncation', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    const layout = await readLiraLayout(dir);
    const source = arrayScoreSource(layout.scores, layout.models, layout.samples, layout.queries);
    const target = layout.models - 1;
    const run = (overrides: Parameters<typeof liraPreset>[1]) =>
      liraScores(source, layout.keep, target, liraPreset('lira-ref', overrides));
    const online = run({});
    expect(online.diagnostics.inShadows).toEqual({ min: 4, max: 6 });
    expect(online.diagnostics.inUsed).toEqual({ min: 4, max: 4 });
    expect(online.diagnostics.outUsed).toEqual({ min: 4, max: 4 });
    expectRelative(online.scores, REFERENCE.online, 1e-6);
    expectRelative(run({ variance: 'global-ref-quirk' }).scores, REFERENCE.onlineFixed, 1e-6);
    expectRelative(run({ mode: 'offline' }).scores, REFERENCE.offline, 1e-6);
    expectRelative(run({ mode: 'offline', variance: 'global-ref-quirk' }).scores, REFERENCE.offlineFixed, 1e-6);
  });

  it('orders experiments numerically, not as text', async () => {
    const dir = freshDir();
    for (const name of ['experiment-10_12', 'experiment-2_12', 'experiment-1_12', 'experimentX', 'other']) fs.mkdirSync(path.join(dir, name));
    expect((await listLiraExperiments(dir)).map((e) => e.name)).toEqual(['experiment-1_12', 'experiment-2_12', 'experiment-10_12', 'experimentX']);
  });

  it('skips incomplete experiments only when asked, and says why', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    fs.rmSync(path.join(dir, 'experiment-3_11', 'scores'), { recursive: true });
    await expect(readLiraLayout(dir)).rejects.toThrow(
      `${path.join(dir, 'experiment-3_11')}: expected keep.npy and scores/<epoch>.npy (or skip incomplete experiments), ` +
        'found no scores/<epoch>.npy file (run the reference score.py, or read logits/ with labels)',
    );
    const layout = await readLiraLayout(dir, { skipIncomplete: true });
    expect(layout.models).toBe(10);
    expect(layout.modelNames).not.toContain('experiment-3_11');
    expect(layout.skipped).toEqual([{ name: 'experiment-3_11', reason: expect.stringContaining('no scores/<epoch>.npy') }]);
  });

  it('notes experiments at different latest epochs', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    fs.rmSync(path.join(dir, 'experiment-4_11', 'scores', '0000000010.npy'));
    const layout = await readLiraLayout(dir);
    expect(layout.epoch).toBeNull();
    expect(layout.epochs[4]).toBe(5);
    expect(layout.notes[0]).toMatch(/latest epochs differ \(10, 5\)/);
  });
});

describe('readLiraLayout errors name the folder or file', () => {
  it('a folder without experiments', async () => {
    const dir = freshDir();
    fs.mkdirSync(path.join(dir, 'cifar10'));
    const error = await readLiraLayout(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toBe(
      `${dir}: expected experiment-* folders (the LiRA reference layout DIR/experiment-<i>_<n>/keep.npy with scores/ or logits/), found only the folders cifar10`,
    );
    await expect(readLiraLayout(path.join(dir, 'missing'))).rejects.toThrow(/missing: expected a folder of LiRA experiments, found no such folder/);
  });

  it('keep vectors of different lengths', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    const file = path.join(dir, 'experiment-2_11', 'keep.npy');
    await writeNpy(file, { data: new Uint8Array(9), dtype: 'b1' });
    await expect(readLiraLayout(dir)).rejects.toThrow(`${file}: expected 10 entries like ${path.join(dir, 'experiment-0_11', 'keep.npy')}, found shape (9,)`);
  });

  it('a keep that is not 0/1 or not 1-D', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    const file = path.join(dir, 'experiment-0_11', 'keep.npy');
    await writeNpy(file, { data: Uint8Array.from([0, 1, 2, 0, 0, 0, 0, 0, 0, 0]) });
    await expect(readLiraLayout(dir)).rejects.toThrow(`${file}: expected only 0/1 (or False/True) values, found 2 at [2]`);
    await writeNpy(file, { data: new Uint8Array(10), shape: [2, 5], dtype: 'b1' });
    await expect(readLiraLayout(dir)).rejects.toThrow(/found shape \(2, 5\)/);
  });

  it('a scores file with the wrong sample or query count', async () => {
    const dir = freshDir();
    await writeScoresFixture(dir);
    const file = path.join(dir, 'experiment-1_11', 'scores', '0000000010.npy');
    await writeNpy(file, { data: new Float64Array(18), shape: [9, 2] });
    await expect(readLiraLayout(dir)).rejects.toThrow(
      `${file}: expected N = 10 samples, the length of ${path.join(dir, 'experiment-1_11', 'keep.npy')}, found shape (9, 2)`,
    );
    await writeNpy(file, { data: new Float64Array(30), shape: [10, 3] });
    await expect(readLiraLayout(dir)).rejects.toThrow(/expected A = 2 queries per sample like .*experiment-0_11.*, found shape \(10, 3\)/);
    await writeNpy(file, { data: new Float64Array(40), shape: [10, 2, 2] });
    await expect(readLiraLayout(dir)).rejects.toThrow(/expected scores of shape \(N, A\) as score.py writes them, or \(N,\) or \(N, 1, A\), found shape \(10, 2, 2\)/);
  });
});

describe('readLiraLayout on logits (inference.py output)', () => {
  const { models, samples, queries, classes } = LOGITS_FIXTURE;

  it('computes φ in score.py form from N × 1 × A × K logits and y_train.npy', async () => {
    const dir = freshDir();
    await writeLogitsFixture(dir);
    const layout = await readLiraLayout(dir, { from: 'logits', phi: 'lira-ref' });
    expect([layout.models, layout.samples, layout.queries, layout.epoch]).toEqual([models, samples, queries, 100]);
    expect(layout.source).toBe('logits');
    expect(layout.phi).toBe('lira-ref');
    expect(layout.notes).toEqual([`${path.join(dir, 'y_train.npy')} has 7 labels; the first 5 were used, as score.py does`]);
    // score.py exponentiates in float32; the float64 softmax here differs by ~1e-7 at most.
    for (let m = 0; m < models; m++) {
      const phi = layout.scores.subarray(m * samples * queries, (m + 1) * samples * queries);
      REFERENCE_PHI[m]!.forEach((e, k) => expect(Math.abs(phi[k]! - e)).toBeLessThan(1e-6));
    }
  });

  it('defaults to the exact logit form, which has no cap for memorised points', async () => {
    const dir = freshDir();
    await writeLogitsFixture(dir);
    const layout = await readLiraLayout(dir, { labels: FIXTURE_LABELS.slice(0, samples) });
    expect(layout.phi).toBe('logit');
    expect(layout.notes).toEqual([]);
    for (let m = 0; m < models; m++) {
      for (let i = 0; i < samples; i++) {
        for (let a = 0; a < queries; a++) {
          const z = Float32Array.from({ length: classes }, (_, k) => fixtureLogit(m, i, a, k));
          const expected = computeSignals(z, Int32Array.of(FIXTURE_LABELS[i]!)).phi[0]!;
          expect(layout.scores[(m * samples + i) * queries + a]).toBe(expected);
        }
      }
    }
    expect(layout.scores[(1 * samples + 2) * queries]).toBeCloseTo(120 - Math.log(3), 12);
  });

  it('logits without labels, and labels that do not fit', async () => {
    const dir = freshDir();
    await writeLogitsFixture(dir, { labels: false });
    await expect(readLiraLayout(dir, { from: 'logits' })).rejects.toThrow(
      `${dir}: expected labels to turn logits into φ: pass them (--labels FILE), or put y_train.npy here as the reference train.py does, found no y_train.npy`,
    );
    const short = path.join(dir, 'short.npy');
    await writeNpy(short, { data: Int32Array.of(0, 1, 2) });
    await expect(readLiraLayout(dir, { labels: short })).rejects.toThrow(`${short}: expected at least N = 5 labels`);
    const wide = path.join(dir, 'wide.npy');
    await writeNpy(wide, { data: Int32Array.of(0, 1, 7, 0, 0) });
    await expect(readLiraLayout(dir, { labels: wide })).rejects.toThrow(
      `${wide}: expected labels in 0..3 for the 4 classes of ${path.join(dir, 'experiment-0_3', 'logits', '0000000100.npy')}, found 7 at [2]`,
    );
  });

  it('points to logits when score files are missing', async () => {
    const dir = freshDir();
    await writeLogitsFixture(dir);
    await expect(readLiraLayout(dir)).rejects.toThrow(/no scores\/<epoch>\.npy file \(run the reference score\.py, or read logits\/ with labels\)/);
  });
});

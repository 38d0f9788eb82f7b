import { describe, expect, it } from 'vitest';
import { liraPreset, resolveLiraOptions } from '../../../src-main/attacks/lira-options';
import { liraScores } from '../../../src-main/attacks/lira';
import { balancedMasks } from '../../../src-main/attacks/masks';
import { auc, rocCurve } from '../../../src-main/attacks/roc';
import { arrayScoreSource, modelArraysSource } from '../../../src-main/attacks/score-source';
import { Rng } from '../../../src-main/math/prng';
import { logNdtr } from '../../../src-main/math/special';

/** §3.6 single example: 5 IN and 5 OUT shadows, then the target (model 10). */
function singleExample(s: number) {
  const values = Float64Array.from([2.0, 2.5, 3.0, 3.5, 4.0, -1, -0.5, 0, 0.5, 1, s]);
  const keep = Uint8Array.from([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1]);
  return { source: arrayScoreSource(values, 11, 1, 1), keep };
}

/** §3.6 toy regression: 4 shadows × 3 samples × 2 queries, the target appended as model 4. */
function toy() {
  const shadow = [
    [[3.0, 2.8], [0.5, 0.7], [-1.0, -0.8]],
    [[0.2, 0.4], [2.5, 2.9], [1.0, 1.2]],
    [[2.6, 2.4], [0.1, -0.1], [1.4, 1.6]],
    [[-0.4, 0.0], [3.1, 2.7], [-0.6, -0.2]],
  ];
  const target = [[2.9, 2.7], [0.3, 0.5], [1.1, 1.3]];
  const values = Float64Array.from([...shadow, target].flat(2));
  const keep = Uint8Array.from([1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
  return { source: arrayScoreSource(values, 5, 3, 2), keep, target: 4 };
}

const expectClose = (actual: Float64Array, expected: number[], tol = 1e-6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(Math.abs(actual[i]! - e)).toBeLessThan(tol));
};

describe('LiRA known answers (SCIENCE.md §3.6)', () => {
  const perExample = { variance: 'per-example' as const, sigmaFloor: 0 };

  it('scores the single example online and offline', () => {
    const { source, keep } = singleExample(3.2);
    expectClose(liraScores(source, keep, 10, perExample).scores, [10.2], 1e-12);
    expectClose(liraScores(source, keep, 10, { ...perExample, mode: 'offline', offline: 'two-sided-ref' }).scores, [10.8123649429247], 1e-12);
    expectClose(liraScores(source, keep, 10, { ...perExample, mode: 'offline' }).scores, [12.712613934884077], 1e-9);
  });

  it('flags s = −3 as a member only in the two-sided reference test', () => {
    const { source, keep } = singleExample(-3);
    const two = liraScores(source, keep, 10, { ...perExample, mode: 'offline', offline: 'two-sided-ref' }).scores[0]!;
    const one = liraScores(source, keep, 10, { ...perExample, mode: 'offline' }).scores[0]!;
    expect(two).toBeCloseTo(9.572364942924699, 12);
    expect(Math.abs(one - 1.1045309498499097e-5) / 1.1045309498499097e-5).toBeLessThan(1e-9);
  });

  it('reproduces every row of the toy regression', () => {
    const { source, keep, target } = toy();
    const run = (o: Parameters<typeof liraScores>[3]) => liraScores(source, keep, target, o);
    expectClose(run(perExample).scores, [64.140233, -149.058196, 31.640233]);
    const quirk = run({ variance: 'global-ref-quirk', sigmaFloor: 0 });
    expectClose(quirk.scores, [7.337794, -5.540685, 3.290685]);
    expect(quirk.diagnostics.sigmaIn.pooled).toBeCloseTo(0.7203394261658104, 12);
    const centred = run({ variance: 'global-centred', sigmaFloor: 0 });
    expectClose(centred.scores, [49.898149, -66.161216, 22.506844]);
    expect(centred.diagnostics.sigmaIn.centred).toBeCloseTo(0.20816659994661327, 12);
    expect(centred.diagnostics.sigmaOut.centred).toBeCloseTo(0.2768874620972692, 12);
    expectClose(run({ ...perExample, mode: 'offline', offline: 'two-sided-ref' }).scores, [63.574733, -0.281426, 31.074733]);
    expectClose(run({ mode: 'offline', offline: 'two-sided-ref', variance: 'global-ref-quirk' }).scores, [15.281756, 0.271888, 6.992282]);
    expectClose(run({ ...perExample, mode: 'offline' }).scores, [67.403627, 0.934529, 34.521394]);
  });

  it('pins the compat presets on the toy data', () => {
    const { source, keep, target } = toy();
    // lira-ref adds 1e-30 to σ: invisible at this scale; equal counts are 2 everywhere.
    expectClose(liraScores(source, keep, target, liraPreset('lira-ref')).scores, [64.140233, -149.058196, 31.640233]);
    expectClose(liraScores(source, keep, target, liraPreset('lira-ref', { mode: 'offline' })).scores, [63.574733, -0.281426, 31.074733]);
    // DeMem: mean (= median for two values), np.var, summed over the two queries.
    expectClose(liraScores(source, keep, target, liraPreset('demem')).scores, [128.280465, -298.116393, 63.280465]);
  });

  it("resolves 'auto' to global-centred below 16 shadows per side and says so", () => {
    const { source, keep, target } = toy();
    const result = liraScores(source, keep, target);
    expect(result.diagnostics.varianceUsed).toBe('global-centred');
    expectClose(result.scores, [49.898149, -66.161216, 22.506844]);
  });
});

/** Random signals where members score higher, for structural tests. */
function randomStudy(models: number, samples: number, queries: number, seed: number) {
  const rng = new Rng(seed);
  const keep = balancedMasks(models, samples, seed);
  const values = new Float64Array(models * samples * queries);
  for (let m = 0; m < models; m++) {
    for (let i = 0; i < samples; i++) {
      const level = rng.normal() + 2 * keep[m * samples + i]!;
      for (let a = 0; a < queries; a++) values[(m * samples + i) * queries + a] = level + 0.3 * rng.normal();
    }
  }
  return { keep, values };
}

describe('LiRA structure', () => {
  it('never uses the target as its own shadow: its keep row does not matter', () => {
    const models = 8;
    const samples = 200;
    const { keep, values } = randomStudy(models, samples, 2, 11);
    const source = arrayScoreSource(values, models, samples, 2);
    for (const mode of ['online', 'offline'] as const) {
      const base = liraScores(source, keep, 4, { mode, variance: 'per-example' }).scores;
      const flipped = keep.slice();
      for (let i = 0; i < samples; i++) flipped[4 * samples + i] = 1 - flipped[4 * samples + i]!;
      expect(liraScores(source, flipped, 4, { mode, variance: 'per-example' }).scores).toEqual(base);
    }
  });

  it('gives the same scores whatever the block size or source kind', () => {
    const { keep, values } = randomStudy(6, 101, 3, 5);
    const flat = arrayScoreSource(values, 6, 101, 3);
    const perModel = modelArraysSource(
      Array.from({ length: 6 }, (_, m) => values.subarray(m * 303, (m + 1) * 303)),
      3,
    );
    const reference = liraScores(flat, keep, 2).scores;
    expect(liraScores(flat, keep, 2, { blockSize: 7 }).scores).toEqual(reference);
    expect(liraScores(perModel, keep, 2, { blockSize: 16 }).scores).toEqual(reference);
  });

  it('separates members from non-members on synthetic data', () => {
    const models = 16;
    const samples = 400;
    const { keep, values } = randomStudy(models, samples, 2, 3);
    const scores = liraScores(arrayScoreSource(values, models, samples, 2), keep, 15).scores;
    let members = 0;
    let nonMembers = 0;
    for (let i = 0; i < samples; i++) {
      if (keep[15 * samples + i]) members += scores[i]!;
      else nonMembers += scores[i]!;
    }
    expect(members / 200).toBeGreaterThan(nonMembers / 200 + 1);
  });

  it('truncates to equal counts, first models first', () => {
    // Target 5. Sample 0: IN shadows {0, 1, 2}, OUT {3, 4}; sample 1: IN {0, 1}, OUT {2, 3, 4}.
    // Equal counts keep 2 IN and 2 OUT per sample, the first models: model 2's 30 is dropped.
    const keep = Uint8Array.from([1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1]);
    const values = Float64Array.from([1, 5, 2, 6, 30, 0, -1, 0, 0, 1, 3, 3]);
    const source = arrayScoreSource(values, 6, 2, 1);
    const equal = liraScores(source, keep, 5, { equalCounts: 'global', variance: 'per-example', sigmaFloor: 0 });
    expect(equal.diagnostics.inUsed).toEqual({ min: 2, max: 2 });
    expect(equal.diagnostics.inShadows).toEqual({ min: 2, max: 3 });
    expect(equal.diagnostics.outUsed).toEqual({ min: 2, max: 2 });
    // Sample 0 online: IN {1, 2} (median 1.5, σ 0.5), OUT {0, −1} (median −0.5, σ 0.5), s = 3.
    const expected = (-0.5 * ((3 - 1.5) / 0.5) ** 2) - (-0.5 * ((3 + 0.5) / 0.5) ** 2);
    expect(equal.scores[0]).toBeCloseTo(expected, 12);
  });

  it('falls back to the global-centred σ for samples with < 2 shadows on a side, and reports it', () => {
    // Target 3; shadows 0–2. Sample 0: IN {0, 1} OUT {2}; sample 1: IN {0} OUT {1, 2}; sample 2: IN {1, 2} OUT {0}.
    const keep = Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0]);
    const values = Float64Array.from([2, 2.5, 0.1, 3, 0.2, 2.0, 0.3, -0.2, 2.4, 2.6, 0.4, 1.0]);
    const result = liraScores(arrayScoreSource(values, 4, 3, 1), keep, 3, { variance: 'per-example', sigmaFloor: 0, equalCounts: 'none' });
    expect(result.diagnostics.fallbackSamples).toBe(3);
    expect(result.diagnostics.varianceUsed).toBe('per-example');
    // Pooled residuals: IN ±0.5 (sample 0), ±0.2 (sample 2) → σ_in = √0.145; OUT ±0.2 (sample 1) → σ_out = 0.2.
    const sigmaIn = Math.sqrt(0.145);
    expect(result.diagnostics.sigmaIn.centred).toBeCloseTo(sigmaIn, 14);
    expect(result.diagnostics.sigmaOut.centred).toBeCloseTo(0.2, 14);
    const logN = (x: number, mu: number, sd: number) => -0.5 * ((x - mu) / sd) ** 2 - Math.log(sd);
    expect(result.scores[0]).toBeCloseTo(logN(2.6, 2.5, sigmaIn) - logN(2.6, 0.3, 0.2), 10);
  });

  it('leaves samples without an IN shadow unscored (NaN) online but scores them offline', () => {
    const keep = Uint8Array.from([1, 0, 1, 0, 0, 1]);
    const values = Float64Array.from([1, 0, 2, 0.5, 3, 1]);
    const source = arrayScoreSource(values, 3, 2, 1);
    // Shadows 0 and 1: sample 0 is IN for both, sample 1 OUT for both.
    const online = liraScores(source, keep, 2, { variance: 'global-centred' });
    expect(online.diagnostics.unscoredSamples).toBe(2);
    expect(Number.isNaN(online.scores[0]!)).toBe(true);
    const offline = liraScores(source, keep, 2, { mode: 'offline', variance: 'global-centred' });
    expect(offline.diagnostics.unscoredSamples).toBe(1);
    expect(Number.isNaN(offline.scores[0]!)).toBe(true);
    // OUT {0, 0.5}: median 0.25, σ 0.25; s = 1 → u = 3.
    expect(offline.scores[1]).toBeCloseTo(-logNdtr(-3), 12);
    expect(() => liraScores(arrayScoreSource(values, 3, 2, 1), Uint8Array.from([1, 0, 0, 1, 0, 1]), 2)).toThrow(
      /global-centred σ of the (IN|OUT) signals/,
    );
  });

  it('floors σ = 0 (all shadows agree) and counts the samples that hit the floor', () => {
    // Sample 0: every shadow gives exactly 1.0 — per-example σ is 0.
    const models = 8;
    const samples = 40;
    const { keep, values } = randomStudy(models, samples, 1, 9);
    for (let m = 0; m < models; m++) values[m * samples] = 1.0;
    const source = arrayScoreSource(values, models, samples, 1);
    const floored = liraScores(source, keep, 0, { variance: 'per-example' });
    expect(floored.diagnostics.sigmaFloorHits).toBe(1);
    expect(floored.diagnostics.sigmaFloorIn).toBeCloseTo(1e-6 * floored.diagnostics.sigmaIn.centred, 18);
    expect(Number.isFinite(floored.scores[0]!)).toBe(true);
    const raw = liraScores(source, keep, 0, { variance: 'per-example', sigmaFloor: 0 });
    expect(Number.isFinite(raw.scores[0]!)).toBe(false);
  });

  it('validates options and inputs, naming the field', () => {
    const { source, keep } = singleExample(3);
    expect(() => liraScores(source, keep, 11)).toThrow(/target must be a model index in 0..10, got 11/);
    expect(() => liraScores(source, keep.subarray(1), 10)).toThrow(/keep has length 10/);
    expect(() => resolveLiraOptions({ location: 'mode' as never })).toThrow(/location = mode/);
    expect(() => resolveLiraOptions({ sigmaFloor: -1 })).toThrow(/sigmaFloor/);
    expect(() => liraPreset('nope' as never)).toThrow(/unknown LiRA preset 'nope'/);
    expect(liraPreset('lira-ref', { variance: 'global-ref-quirk' }).variance).toBe('global-ref-quirk');
  });

  it('scores 5 000 samples × 64 models × 2 queries quickly (smoke test of the full-size bench)', () => {
    const models = 64;
    const samples = 5000;
    const keep = balancedMasks(models, samples, 1);
    const rng = new Rng(1);
    const perModel = Array.from({ length: models }, () => Float32Array.from({ length: samples * 2 }, () => rng.uniform()));
    const started = performance.now();
    const result = liraScores(modelArraysSource(perModel, 2), keep, 0);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.diagnostics.varianceUsed).toBe('per-example');
    expect(result.scores.every(Number.isFinite)).toBe(true);
  });
});

describe('LiRA on models that learned nothing about membership', () => {
  /** Mean AUC over four leave-one-out targets when every signal is i.i.d. noise, whatever the membership. */
  function nullAuc(models: number, options: Parameters<typeof liraScores>[3]): number {
    const samples = 4000;
    const rng = new Rng(11);
    const keep = balancedMasks(models, samples, 5);
    const values = Float64Array.from({ length: models * samples }, () => rng.normal());
    let total = 0;
    for (let target = 0; target < 4; target++) {
      const { scores } = liraScores(arrayScoreSource(values, models, samples, 1), keep, target, options);
      total += auc(rocCurve(scores, keep.subarray(target * samples, (target + 1) * samples)));
    }
    return total / 4;
  }

  it.each([4, 8, 16])('scores members and non-members alike with the default options (K = %i)', (models) => {
    expect(Math.abs(nullAuc(models, { mode: 'online' }) - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(nullAuc(models, { mode: 'offline' }) - 0.5)).toBeLessThan(0.02);
  });

  it('would score members lower without equal shadow counts: the bias the default avoids', () => {
    expect(nullAuc(4, { mode: 'online', equalCounts: 'none' })).toBeLessThan(0.45);
  });
});

describe('liraPreset overrides', () => {
  it('keeps the preset choice for an override left undefined (as a config with unset fields passes it)', () => {
    const preset = liraPreset('lira-ref', { mode: undefined, offline: undefined, variance: undefined });
    expect(preset).toEqual(liraPreset('lira-ref'));
    expect(preset.offline).toBe('two-sided-ref');
    expect(liraPreset('lira-ref', { offline: 'one-sided' }).offline).toBe('one-sided');
  });
});

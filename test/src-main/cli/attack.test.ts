import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateAttack } from '../../../src-main/attacks/evaluate';
import { augmentationThresholdAttack } from '../../../src-main/attacks/label-only';
import { liraScores } from '../../../src-main/attacks/lira';
import { liraPreset } from '../../../src-main/attacks/lira-options';
import { nnAttack } from '../../../src-main/attacks/nn-attack';
import { rmiaScores } from '../../../src-main/attacks/rmia';
import { auc, rocCurve } from '../../../src-main/attacks/roc';
import { arrayScoreSource } from '../../../src-main/attacks/score-source';
import { computeSignals, softmax } from '../../../src-main/attacks/signals';
import { classThresholdAttack, correctnessAttack } from '../../../src-main/attacks/threshold';
import { Rng } from '../../../src-main/math/prng';
import { writeNpy, type NpyDtype, type NpyData } from '../../../src-main/io/npy';
import { writeNpz } from '../../../src-main/io/npz';
import { SCORES_FIXTURE, scoresFixtureArrays, writeScoresFixture } from '../io/lira-fixture';
import { runCli } from './run-cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-attack-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let counter = 0;
/** Writes an array to a fresh .npy file in the temp dir and returns its path. */
async function npy(data: NpyData, shape?: number[], dtype?: NpyDtype): Promise<string> {
  const file = path.join(tmp, `a${counter++}.npy`);
  await writeNpy(file, { data, ...(shape ? { shape } : {}), ...(dtype ? { dtype } : {}) });
  return file;
}

async function json(argv: string[]): Promise<Record<string, any>> {
  const { code, stdout, stderr } = await runCli(['attack', ...argv]);
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
  return JSON.parse(stdout);
}

async function failure(argv: string[]): Promise<{ code: number; stderr: string }> {
  const { code, stderr, stdout } = await runCli(['attack', ...argv]);
  expect(stdout).toBe('');
  return { code, stderr };
}

const { models: M, samples: N, queries: A } = SCORES_FIXTURE;
const fixture = scoresFixtureArrays();
const liraDir = path.join(tmp, 'lira');
fs.mkdirSync(liraDir);
const ready = writeScoresFixture(liraDir);

describe('mnemo attack lira', () => {
  it('scores the LiRA reference layout as plot.py would (last model = target)', async () => {
    await ready;
    const rocFile = path.join(tmp, 'roc.csv');
    const out = await json(['lira', '--lira-dir', liraDir, '--preset', 'lira-ref', '--target', 'last', '--fpr', '0.2,0.5', '--roc', rocFile]);
    const source = arrayScoreSource(fixture.scores, M, N, A);
    const expected = liraScores(source, fixture.keep, M - 1, liraPreset('lira-ref'));
    const labels = fixture.keep.subarray((M - 1) * N);
    const roc = rocCurve(expected.scores, labels);
    const [target] = out.targets;
    expect(target.target).toBe(10);
    expect(target.model).toBe('experiment-10_11');
    expect(target.auc).toBe(auc(roc));
    expect(target.auc).toBeCloseTo(14 / 24, 12); // from the reference member scores in lira-layout.test.ts
    expect(target.tpr.map((p: { fpr: number }) => p.fpr)).toEqual([0.2, 0.5]);
    expect(target.diagnostics.varianceUsed).toBe('per-example');
    expect(target.diagnostics.inUsed).toEqual({ min: 4, max: 4 });
    expect(out.options).toMatchObject({ preset: 'lira-ref', mode: 'online', offline: 'two-sided-ref', equalCounts: 'global', epsilon: 1e-30 });
    expect(out.input).toMatchObject({ liraDir, source: 'scores', epoch: 10, models: M, samples: N, queries: A });
    expect(out.summary.auc).toEqual({ mean: target.auc, std: null, n: 1 });
    expect(out.flags).toContain('a single target: the std over targets is undefined (null)');
    expect(out.flags.some((f: string) => f.includes('truncated to the first 4 IN and 4 OUT shadows'))).toBe(true);
    expect(JSON.stringify(out)).not.toContain('"roc"');
    const csv = fs.readFileSync(rocFile, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('curve,fpr,tpr,threshold,tp,fp');
    expect(csv[1]).toBe('target-10,0,0,inf,0,0');
    expect(csv.filter((line) => line.startsWith('pooled,')).length).toBe(roc.fpr.length);
  });

  it('on --keep/--scores arrays equals evaluateAttack over liraScores, leave-one-out', async () => {
    const keep = await npy(fixture.keep, [M, N], 'u1');
    const scores = await npy(fixture.scores, [M, N, A]);
    const out = await json(['lira', '--keep', keep, '--scores', scores, '--targets', '3', '--mode', 'offline', '--variance', 'global-centred']);
    const source = arrayScoreSource(fixture.scores, M, N, A);
    const options = liraPreset('paper', { mode: 'offline', variance: 'global-centred' });
    const expected = evaluateAttack({ keep: fixture.keep, models: M, samples: N, targets: { count: 3 }, scoreFor: (t) => liraScores(source, fixture.keep, t, options).scores });
    expect(out.targets.map((t: { target: number }) => t.target)).toEqual([0, 1, 2]);
    expect(out.targets.map((t: { auc: number }) => t.auc)).toEqual(expected.targets.map((t) => t.auc));
    expect(out.summary.auc.mean).toBe(expected.summary.auc.mean);
    expect(out.summary.auc.std).toBe(expected.summary.auc.std);
    expect(out.pooled.tpr.map((p: { tpr: number }) => p.tpr)).toEqual(expected.pooled.tpr.map((p) => p.tpr));
    expect(out.input).toEqual({ keep, scores, models: M, samples: N, queries: A });
  });

  it('takes the equal-counts rule from --equal-counts, online', async () => {
    const keep = await npy(fixture.keep, [M, N], 'u1');
    const scores = await npy(fixture.scores, [M, N, A]);
    const source = arrayScoreSource(fixture.scores, M, N, A);
    for (const rule of ['none', 'global'] as const) {
      const out = await json(['lira', '--keep', keep, '--scores', scores, '--targets', '2', '--equal-counts', rule]);
      const expected = evaluateAttack({ keep: fixture.keep, models: M, samples: N, targets: { count: 2 }, scoreFor: (t) => liraScores(source, fixture.keep, t, liraPreset('paper', { equalCounts: rule })).scores });
      expect(out.options.equalCounts).toBe(rule);
      expect(out.targets.map((t: { auc: number }) => t.auc)).toEqual(expected.targets.map((t) => t.auc));
    }
  });

  it('computes φ from logits and labels in an .npz', async () => {
    const K = 3;
    const rng = new Rng(7);
    const logits = Float32Array.from({ length: M * N * A * K }, () => rng.normal() * 2);
    const labels = Int32Array.from({ length: N }, (_, i) => i % K);
    const archive = path.join(tmp, 'pool.npz');
    await writeNpz(archive, { keep: { data: fixture.keep, shape: [M, N], dtype: 'b1' }, logits: { data: logits, shape: [M, N, A, K] }, labels: { data: labels } });
    const out = await json(['lira', '--keep', `${archive}:keep`, '--logits', `${archive}:logits`, '--labels', `${archive}:labels`, '--targets', '2', '--phi', 'lira-ref']);
    const perRow = Int32Array.from({ length: M * N * A }, (_, r) => labels[Math.floor(r / A) % N]!);
    const phi = computeSignals(logits, perRow, { phi: 'lira-ref' }).phi;
    const source = arrayScoreSource(phi, M, N, A);
    const expected = evaluateAttack({ keep: fixture.keep, models: M, samples: N, targets: { count: 2 }, scoreFor: (t) => liraScores(source, fixture.keep, t).scores });
    expect(out.summary.auc.mean).toBe(expected.summary.auc.mean);
    expect(out.input).toMatchObject({ queries: A, classes: K, phi: 'lira-ref' });
  });
});

describe('mnemo attack rmia', () => {
  const probability = Float64Array.from(fixture.scores, (phi) => 1 / (1 + Math.exp(-phi)));

  it('on probability arrays equals evaluateAttack over rmiaScores', async () => {
    const keep = await npy(fixture.keep, [M, N], 'b1');
    const scores = await npy(probability, [M, N, A]);
    const out = await json(['rmia', '--keep', keep, '--scores', scores, '--targets', '4', '--gamma', '1', '--a', '0.5']);
    const source = arrayScoreSource(probability, M, N, A);
    const expected = evaluateAttack({
      keep: fixture.keep,
      models: M,
      samples: N,
      targets: { count: 4 },
      scoreFor: (t) => rmiaScores(source, fixture.keep, t, { gamma: 1, a: 0.5 }).scores,
    });
    expect(out.targets.map((t: { auc: number }) => t.auc)).toEqual(expected.targets.map((t) => t.auc));
    expect(out.options).toMatchObject({ temperature: 1, mode: 'offline', a: 0.5, gamma: 1 });
    expect(out.targets[0].diagnostics).toMatchObject({ references: M - 1, populationSize: N, fastPath: false });
  });

  it('reads Pr(x|θ) = sigmoid(φ) from the LiRA layout', async () => {
    await ready;
    const keep = await npy(fixture.keep, [M, N], 'b1');
    const scores = await npy(probability, [M, N, A]);
    const fromDir = await json(['rmia', '--lira-dir', liraDir, '--gamma', '1', '--target', '3']);
    const fromArrays = await json(['rmia', '--keep', keep, '--scores', scores, '--gamma', '1', '--target', '3']);
    expect(fromDir.targets[0].auc).toBe(fromArrays.targets[0].auc);
    expect(fromDir.targets[0].model).toBe('experiment-3_11');
  });
});

/** Synthetic model outputs on n records: members get a larger true-class logit. */
function records(n: number, k: number, seed: number, labels?: Int32Array) {
  const rng = new Rng(seed);
  const y = labels ?? Int32Array.from({ length: n }, () => rng.int(k));
  const membership = Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0));
  const logits = new Float64Array(n * k);
  const probs = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) logits[i * k + c] = rng.normal() + (c === y[i] ? 1 + 1.5 * membership[i]! : 0);
    probs.set(softmax(logits.subarray(i * k, (i + 1) * k)), i * k);
  }
  return { labels: y, membership, logits, probs };
}

async function recordFlags(role: 'target' | 'shadow', set: ReturnType<typeof records>, k: number, outputs: 'probs' | 'logits' = 'probs') {
  const n = set.labels.length;
  return [
    `--${role}-${outputs}`,
    await npy(outputs === 'probs' ? set.probs : set.logits, [n, k]),
    `--${role}-labels`,
    await npy(set.labels),
    `--${role}-membership`,
    await npy(set.membership, undefined, 'b1'),
  ];
}

describe('mnemo attack threshold', () => {
  it('equals the library pool attack when shadow and target share their records', async () => {
    const K = 3;
    const target = records(40, K, 1);
    const shadow = records(40, K, 2, target.labels);
    const out = await json(['threshold', ...(await recordFlags('target', target, K)), ...(await recordFlags('shadow', shadow, K)), '--signal', 'all']);
    const confidence = (set: typeof target) => Float64Array.from(set.labels, (y, i) => set.probs[i * K + y]!);
    const pool = { keep: Uint8Array.from([...shadow.membership, ...target.membership]), models: 2, samples: 40, target: 1 };
    const expected = classThresholdAttack({
      ...pool,
      signal: Float64Array.from([...confidence(shadow), ...confidence(target)]),
      labels: Uint16Array.from(target.labels),
      numClasses: K,
    });
    const perClass = out.signals.confidence.perClass;
    expect(perClass.thresholds).toEqual(Array.from(expected.thresholds));
    expect(perClass.balancedAccuracy).toBe(expected.balancedAccuracy);
    expect(perClass.accuracy).toBe(expected.accuracy);
    expect(out.signals.confidence.sweep.auc).toBe(auc(rocCurve(confidence(target), target.membership)));
    expect(Object.keys(out.signals)).toEqual(['confidence', 'entropy', 'modified-entropy', 'loss']);
    const correct = Uint8Array.from(target.labels, (y, i) => {
      const row = Array.from(target.probs.subarray(i * K, (i + 1) * K));
      return row.indexOf(Math.max(...row)) === y ? 1 : 0;
    });
    const gap = correctnessAttack({ keep: target.membership, models: 1, samples: 40, target: 0, correct });
    expect(out.correctness).toEqual({
      attackAccuracy: gap.attackAccuracy,
      trainAccuracy: gap.trainAccuracy,
      testAccuracy: gap.testAccuracy,
      gapAttackPercent: gap.gapAttackPercent,
    });
  });

  it('chooses per-class thresholds on a shadow of another size (known answer)', async () => {
    // K = 2, p = (c, 1 − c) for label 0 and (1 − c, c) for label 1, so the confidence is c.
    const rows = (conf: number[], labels: number[]) => Float64Array.from(conf.flatMap((c, i) => (labels[i] === 0 ? [c, 1 - c] : [1 - c, c])));
    const shadowConf = [0.9, 0.8, 0.6, 0.5, 0.95, 0.7, 0.65, 0.55];
    const shadowLabels = [0, 0, 0, 0, 1, 1, 1, 1];
    const shadowIn = [1, 1, 0, 0, 1, 1, 0, 0];
    const targetConf = [0.85, 0.75, 0.72, 0.6, 0.99];
    const targetLabels = [0, 0, 1, 1, 1];
    const targetIn = [1, 0, 1, 0, 0];
    const out = await json([
      'threshold',
      '--shadow-probs', await npy(rows(shadowConf, shadowLabels), [8, 2]),
      '--shadow-labels', await npy(Int32Array.from(shadowLabels)),
      '--shadow-membership', await npy(Uint8Array.from(shadowIn), undefined, 'b1'),
      '--target-probs', await npy(rows(targetConf, targetLabels), [5, 2]),
      '--target-labels', await npy(Int32Array.from(targetLabels)),
      '--target-membership', await npy(Uint8Array.from(targetIn), undefined, 'b1'),
      '--signal', 'confidence',
    ]);
    const perClass = out.signals.confidence.perClass;
    // τ_0 = 0.8 (IN {0.9, 0.8} vs OUT {0.6, 0.5}), τ_1 = 0.7 (IN {0.95, 0.7} vs OUT {0.65, 0.55}).
    expect(perClass.thresholds).toEqual([0.8, 0.7]);
    // Target: 0.85 ≥ 0.8 member ✓, 0.75 < 0.8 ✓, 0.72 ≥ 0.7 member ✓, 0.6 < 0.7 ✓, 0.99 ≥ 0.7 but OUT ✗.
    expect(perClass).toMatchObject({ tpr: 1, tnr: 2 / 3, accuracy: 0.8, members: 2, nonMembers: 3 });
    expect(Object.keys(out.signals)).toEqual(['confidence']);
  });

  it('takes logits instead of probabilities', async () => {
    const K = 4;
    const target = records(30, K, 3);
    const shadow = records(20, K, 4);
    const fromLogits = await json(['threshold', ...(await recordFlags('target', target, K, 'logits')), ...(await recordFlags('shadow', shadow, K, 'logits')), '--signal', 'loss']);
    const logProb = computeSignals(target.logits, Uint16Array.from(target.labels)).logProb;
    expect(fromLogits.signals.loss.sweep.auc).toBe(auc(rocCurve(logProb, target.membership)));
    expect(fromLogits.input.target).toMatchObject({ records: 30, classes: K, members: 15, nonMembers: 15 });
  });
});

describe('mnemo attack nn', () => {
  it('equals nnAttack on the two-model pool when the records coincide', async () => {
    const K = 3;
    const target = records(40, K, 5);
    const shadow = records(40, K, 6, target.labels);
    for (const perClass of [false, true]) {
      const out = await json([
        'nn', ...(await recordFlags('target', target, K)), ...(await recordFlags('shadow', shadow, K)),
        '--top-k', '2', '--epochs', '3', '--seed', '5', ...(perClass ? ['--per-class'] : []),
      ]);
      const expected = nnAttack({
        keep: Uint8Array.from([...shadow.membership, ...target.membership]),
        models: 2,
        samples: 40,
        target: 1,
        probabilities: Float64Array.from([...shadow.probs, ...target.probs]),
        labels: Uint16Array.from(target.labels),
        numClasses: K,
        topK: 2,
        epochs: 3,
        seed: 5,
        perClass,
      });
      expect(out.accuracy).toBe(expected.accuracy);
      expect(out.tpr).toBe(expected.tpr);
      expect(out.tnr).toBe(expected.tnr);
      expect(out.trainingRecords).toEqual(expected.trainingRecords);
      expect(out.sweep.auc).toBe(auc(rocCurve(expected.scores, target.membership)));
    }
  });

  it('runs on a shadow and a target of different sizes', async () => {
    const K = 3;
    const out = await json(['nn', ...(await recordFlags('target', records(24, K, 7), K)), ...(await recordFlags('shadow', records(36, K, 8), K)), '--epochs', '2']);
    expect(out.members + out.nonMembers).toBe(24);
    expect(out.options).toMatchObject({ topK: 3, perClass: false, epochs: 2, seed: 0 });
    expect(out.sweep.auc).toBeGreaterThanOrEqual(0);
    expect(out.sweep.auc).toBeLessThanOrEqual(1);
  });
});

describe('mnemo attack label-only', () => {
  it('augmentation features: equals the library pool attack when sizes agree', async () => {
    const Q = 5;
    const rng = new Rng(9);
    const features = (membership: Uint8Array) =>
      Uint8Array.from({ length: membership.length * Q }, (_, r) => (rng.uniform() < (membership[Math.floor(r / Q)] ? 0.8 : 0.5) ? 1 : 0));
    const targetIn = Uint8Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const shadowIn = Uint8Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const targetF = features(targetIn);
    const shadowF = features(shadowIn);
    const out = await json([
      'label-only',
      '--target-features', await npy(targetF, [30, Q], 'b1'),
      '--target-membership', await npy(targetIn, undefined, 'b1'),
      '--shadow-features', await npy(shadowF, [30, Q], 'u1'),
      '--shadow-membership', await npy(shadowIn, undefined, 'u1'),
    ]);
    const expected = augmentationThresholdAttack({
      keep: Uint8Array.from([...shadowIn, ...targetIn]),
      models: 2,
      samples: 30,
      target: 1,
      correctUnderQueries: Uint8Array.from([...shadowF, ...targetF]),
      queries: Q,
    });
    expect(out).toMatchObject({ kind: 'augmentation', objective: 'accuracy', threshold: expected.threshold, sourceObjective: expected.sourceObjective });
    expect(out.accuracy).toBe(expected.accuracy);
    expect(out.balancedAccuracy).toBe(expected.balancedAccuracy);
    expect(out.sweep.auc).toBe(auc(rocCurve(expected.scores, targetIn)));
  });

  it('noise robustness on sets of different sizes (known answer)', async () => {
    const out = await json([
      'label-only', '--kind', 'noise',
      '--shadow-features', await npy(Float64Array.of(0.9, 0.8, 0.3, 0.2, 0.85, 0.4)),
      '--shadow-membership', await npy(Uint8Array.of(1, 1, 0, 0, 1, 0), undefined, 'b1'),
      '--target-features', await npy(Float32Array.of(0.95, 0.5, 0.82, 0.1), [4, 1]),
      '--target-membership', await npy(Int32Array.of(1, 1, 0, 0)),
    ]);
    // Shadow: IN {0.9, 0.8, 0.85}, OUT {0.3, 0.2, 0.4}: the smallest perfect threshold is 0.8.
    expect(out.threshold).toBe(0.8);
    expect(out.sourceObjective).toBe(1);
    // Target: 0.95 ✓, 0.5 missed, 0.82 false positive, 0.1 ✓.
    expect(out).toMatchObject({ tpr: 0.5, tnr: 0.5, accuracy: 0.5 });
    expect(out.sweep.auc).toBe(0.75);
  });
});

describe('mnemo attack errors name the flag, the file and the shapes', () => {
  it('arrays of the wrong shape or values exit with 2', async () => {
    const keep = await npy(fixture.keep, [M, N], 'u1');
    const short = await npy(new Float64Array(M * (N - 1)), [M, N - 1]);
    let r = await failure(['lira', '--keep', keep, '--scores', short]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`mnemo attack: --scores ${short}: expected (M, N) or (M, N, A) with M = 11, N = 10 as --keep ${keep}, found shape (11, 9)`);
    const bad = await npy(Uint8Array.of(0, 2, 1, 0), [2, 2]);
    r = await failure(['lira', '--keep', bad, '--scores', short]);
    expect(r.stderr).toBe(`mnemo attack: --keep ${bad}: expected only 0/1 (or False/True) values, found 2 at [0, 1]`);
    const vector = await npy(Uint8Array.of(0, 1), undefined, 'b1');
    r = await failure(['lira', '--keep', vector, '--scores', short]);
    expect(r.stderr).toContain(`--keep ${vector}: expected a 2-D M × N 0/1 membership matrix (model m trained on sample i), found shape (2,)`);
    r = await failure(['lira', '--keep', path.join(tmp, 'missing.npy'), '--scores', short]);
    expect(r.stderr).toBe(`mnemo attack: --keep ${path.join(tmp, 'missing.npy')}: no such file`);
    const notProbabilities = await npy(fixture.scores, [M, N, A]);
    r = await failure(['rmia', '--keep', keep, '--scores', notProbabilities]);
    expect(r.stderr).toMatch(/--scores .*: expected probabilities Pr\(x\|θ\) in \[0, 1\], found -?\d.* at flat index \d+; pass logits with --logits and --labels instead/);
    const logits = await npy(new Float32Array(M * N * 3), [M, N, 3]);
    r = await failure(['lira', '--keep', keep, '--logits', logits]);
    expect(r.stderr).toContain('--labels is required with --logits');
    const labels = await npy(Int32Array.from({ length: N }, (_, i) => (i === 4 ? 3 : 0)));
    r = await failure(['lira', '--keep', keep, '--logits', logits, '--labels', labels]);
    expect(r.stderr).toContain(`--labels ${labels}: expected labels in 0..2 for the 3 classes of --logits ${logits}, found 3 at [4]`);
  });

  it('the LiRA layout and conflicting or unknown flags', async () => {
    await ready;
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    let r = await failure(['lira', '--lira-dir', empty]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`mnemo attack: --lira-dir ${empty}: expected experiment-* folders`);
    r = await failure(['lira', '--lira-dir', liraDir, '--keep', 'k.npy']);
    expect(r.stderr).toContain('--lira-dir and --keep cannot be used together');
    r = await failure(['lira', '--lira-dir', liraDir, '--epoch', '3']);
    expect(r.stderr).toContain('no scores/ file for epoch 3 (epochs found: 5, 10)');
    r = await failure(['lira', '--lira-dir', liraDir, '--target', '11']);
    expect(r.stderr).toContain('--target must be a model index in 0..10 or "last", got "11"');
    r = await failure(['lira', '--lira-dir', liraDir, '--targets', '12']);
    expect(r.stderr).toContain('--targets must be at most the number of models (11), got 12');
    r = await failure(['rmia', '--lira-dir', liraDir, '--temperature', '2']);
    expect(r.stderr).toContain('--temperature needs --logits arrays');
    r = await failure(['threshold', '--preset', 'paper']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--preset/);
    r = await failure(['lira', '--lira-dir', liraDir, '--variance', 'fixed']);
    expect(r.stderr).toContain('--variance must be one of auto, per-example, global-centred, global-ref-quirk, got "fixed"');
    r = await failure(['lira', '--lira-dir', liraDir, '--equal-counts', 'yes']);
    expect(r.stderr).toContain('--equal-counts must be one of per-sample, global, none, got "yes"');
    r = await failure(['steal']);
    expect(r.stderr).toContain('unknown subcommand "steal" (use lira, rmia, threshold, nn, label-only)');
    r = await failure(['lira', '--lira-dir', liraDir, '--fpr', '0.01,2']);
    expect(r.stderr).toContain('--fpr must be a comma-separated list of rates in (0, 1], got "2"');
  });

  it('an .npz without a key names the arrays it holds', async () => {
    const archive = path.join(tmp, 'two.npz');
    await writeNpz(archive, { keep: { data: fixture.keep, shape: [M, N], dtype: 'b1' }, scores: { data: fixture.scores, shape: [M, N, A] } });
    const r = await failure(['lira', '--keep', archive, '--scores', `${archive}:scores`]);
    expect(r.stderr).toBe(`mnemo attack: --keep ${archive}: name one array as FILE.npz:KEY; it holds keep, scores`);
    const missing = await failure(['lira', '--keep', `${archive}:mask`, '--scores', `${archive}:scores`]);
    expect(missing.stderr).toContain(`--keep ${archive}:mask: no array "mask"; it holds keep, scores`);
  });

  it('separate-array inputs', async () => {
    const K = 3;
    const target = records(30, K, 10);
    const shadow = records(20, K, 11);
    const targetFlags = await recordFlags('target', target, K);
    const shadowFlags = await recordFlags('shadow', shadow, K);
    const labels29 = await npy(target.labels.slice(0, 29));
    let r = await failure(['threshold', ...targetFlags.slice(0, 2), '--target-labels', labels29, ...targetFlags.slice(4), ...shadowFlags]);
    expect(r.stderr).toBe(`mnemo attack: --target-labels ${labels29}: expected the class labels, one per row of --target-probs ${targetFlags[1]}, of shape (30,), found shape (29,)`);
    const unnormalised = await npy(target.logits, [30, K]);
    r = await failure(['threshold', '--target-probs', unnormalised, ...targetFlags.slice(2), ...shadowFlags]);
    expect(r.stderr).toMatch(/--target-probs .*: expected softmax probabilities in \[0, 1\], found .*; pass logits with --target-logits instead/);
    const allIn = await npy(new Uint8Array(30).fill(1), undefined, 'b1');
    r = await failure(['nn', ...targetFlags.slice(0, 4), '--target-membership', allIn, ...shadowFlags]);
    expect(r.stderr).toContain(`--target-membership ${allIn}: expected both members (1) and non-members (0), found only 1s`);
    const wide = records(20, 4, 12);
    r = await failure(['threshold', ...targetFlags, ...(await recordFlags('shadow', wide, 4))]);
    expect(r.stderr).toMatch(/--shadow-probs .*: expected shape \(N, 3\), K as --target-probs .*, found shape \(20, 4\)/);
    r = await failure(['threshold', ...targetFlags]);
    expect(r.stderr).toContain('--shadow-probs (or --shadow-logits) is required');
    const flat = await npy(new Uint8Array(30), undefined, 'b1');
    r = await failure(['label-only', '--target-features', flat, '--target-membership', targetFlags[5]!, '--shadow-features', flat, '--shadow-membership', targetFlags[5]!]);
    expect(r.stderr).toBe(`mnemo attack: --target-features ${flat}: expected an N × Q 0/1 matrix (correct under each query), found shape (30,); for N noise-robustness fractions use --kind noise`);
  });

  it('a failure of the attack itself exits with 1', async () => {
    // Two models: one shadow, so no sample has 2 IN or 2 OUT shadows for the global σ.
    const keep = await npy(Uint8Array.of(1, 0, 1, 0, 1, 0, 1, 0), [2, 4], 'b1');
    const scores = await npy(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8), [2, 4]);
    const r = await failure(['lira', '--keep', keep, '--scores', scores, '--variance', 'global-centred']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LiRA cannot estimate the global-centred σ');
  });
});

describe('mnemo attack help', () => {
  it('documents every subcommand and flag', async () => {
    const all = await runCli(['attack', '--help']);
    expect(all.code).toBe(0);
    for (const text of ['mnemo attack lira', 'mnemo attack rmia', 'mnemo attack threshold', 'mnemo attack nn', 'mnemo attack label-only', '--roc FILE', 'Exit status']) {
      expect(all.stdout).toContain(text);
    }
    const lira = await runCli(['attack', 'lira', '--help']);
    expect(lira.code).toBe(0);
    expect(lira.stdout).toContain('--lira-dir DIR');
    expect(lira.stdout).toContain('Output options');
    expect(lira.stdout).not.toContain('mnemo attack label-only');
    const bare = await runCli(['attack']);
    expect(bare.code).toBe(2);
    expect((await runCli(['--help'])).stdout).toContain('mnemo attack <lira|rmia|threshold|nn|label-only>');
  });
});

describe('mnemo attack on a stored study', () => {
  it('re-runs LiRA on a study with other options, and matches the stored analysis with the same ones', async () => {
    const { openTestRuntime, tempDir, tinyConfig } = await import('../studies/study-fixtures');
    const dir = tempDir();
    const runtime = await openTestRuntime(dir);
    let id: string;
    let stored: { summary: { auc: { mean: number } } };
    try {
      const study = await runtime.runner.create(tinyConfig('attack-study'));
      await runtime.runner.waitFor(study.id);
      id = study.id;
      stored = runtime.store.analyses.get(id, 'lira')!.result as typeof stored;
    } finally {
      await runtime.close();
    }
    const same = await runCli(['attack', 'lira', '--study', id.slice(0, 8), '--data-dir', dir, '--targets', '2', '--compact']);
    expect(same.code, same.stderr).toBe(0);
    expect(JSON.parse(same.stdout).summary.auc.mean).toBeCloseTo(stored.summary.auc.mean, 12);
    const offline = await runCli(['attack', 'lira', '--study', id.slice(0, 8), '--data-dir', dir, '--targets', '2', '--mode', 'offline', '--compact']);
    expect(JSON.parse(offline.stdout).options.mode).toBe('offline');
    const wrong = await runCli(['attack', 'lira', '--study', 'no-such-study', '--data-dir', dir]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('no study with id or name "no-such-study"');
  }, 120_000);
});

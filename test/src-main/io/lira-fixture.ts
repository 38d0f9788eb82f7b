/**
 * Small experiment folders in the LiRA reference layout (tensorflow/privacy research/mi_lira_2021:
 * `experiment-<i>_<n>/keep.npy`, `scores/<epoch>.npy` N × A float64, `logits/<epoch>.npy`
 * N × 1 × A × K float32, `y_train.npy` int64 beside the experiments), written with writeNpy.
 * Every value is a dyadic rational, so numpy and these formulas agree exactly (the expected numbers in
 * lira-layout.test.ts were computed from the same formulas with python3 + numpy).
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeNpy } from '../../../src-main/io/npy';

/** The scores fixture: 11 models × 10 samples × 2 queries; the last model is the reference's target. */
export const SCORES_FIXTURE = { models: 11, samples: 10, queries: 2, epoch: 10 } as const;

/** keep[m][i] = ((3m + 7i + (m·i mod 5)) mod 10) < 4 + (i mod 3): 4–6 IN shadows per sample. */
export function fixtureKeep(m: number, i: number): 0 | 1 {
  return (m * 3 + i * 7 + ((m * i) % 5)) % 10 < 4 + (i % 3) ? 1 : 0;
}

/** score[m][i][a] = ((7m + 13i + 5a + 3mi + m²) mod 23)/8 − 1 + 1.5·keep[m][i] + 0.25a. */
export function fixtureScore(m: number, i: number, a: number): number {
  return ((m * 7 + i * 13 + a * 5 + m * i * 3 + m * m) % 23) / 8 - 1 + 1.5 * fixtureKeep(m, i) + 0.25 * a;
}

/** The fixture as flat arrays (keep M × N, scores M × N × A). */
export function scoresFixtureArrays(): { keep: Uint8Array; scores: Float64Array } {
  const { models, samples, queries } = SCORES_FIXTURE;
  const keep = new Uint8Array(models * samples);
  const scores = new Float64Array(models * samples * queries);
  for (let m = 0; m < models; m++) {
    for (let i = 0; i < samples; i++) {
      keep[m * samples + i] = fixtureKeep(m, i);
      for (let a = 0; a < queries; a++) scores[(m * samples + i) * queries + a] = fixtureScore(m, i, a);
    }
  }
  return { keep, scores };
}

/**
 * Writes the scores fixture under `dir`: `experiment-<m>_11` folders created in reverse order, each
 * with keep.npy (bool), a stale `scores/0000000005.npy` of zeros and the real `scores/0000000010.npy`;
 * plus a `logs/` folder and a `notes.txt` that the reader must ignore.
 */
export async function writeScoresFixture(dir: string): Promise<void> {
  const { models, samples, queries, epoch } = SCORES_FIXTURE;
  const { keep, scores } = scoresFixtureArrays();
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not an experiment');
  for (let m = models - 1; m >= 0; m--) {
    const folder = path.join(dir, `experiment-${m}_${models}`);
    fs.mkdirSync(path.join(folder, 'scores'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'hparams.json'), '{}');
    await writeNpy(path.join(folder, 'keep.npy'), { data: keep.slice(m * samples, (m + 1) * samples), dtype: 'b1' });
    await writeNpy(path.join(folder, 'scores', '0000000005.npy'), { data: new Float64Array(samples * queries), shape: [samples, queries] });
    const row = scores.slice(m * samples * queries, (m + 1) * samples * queries);
    await writeNpy(path.join(folder, 'scores', `${String(epoch).padStart(10, '0')}.npy`), { data: row, shape: [samples, queries] });
  }
}

/** The logits fixture: 3 models × 5 samples × 2 queries × 4 classes, epoch 100. */
export const LOGITS_FIXTURE = { models: 3, samples: 5, queries: 2, classes: 4, epoch: 100 } as const;

/** labels[i] = 3i mod 4 for the 5 samples, then two extra entries (y_train.npy may be longer than N). */
export const FIXTURE_LABELS = [0, 3, 2, 1, 0, 0, 1];

/**
 * z[m][i][a][k] = ((5m + 3i + 7a + 11k) mod 13)/4 − 1.5, except model 1, sample 2: 120 at the label and
 * 0 elsewhere (a saturated, memorised point).
 */
export function fixtureLogit(m: number, i: number, a: number, k: number): number {
  if (m === 1 && i === 2) return k === FIXTURE_LABELS[i] ? 120 : 0;
  return ((m * 5 + i * 3 + a * 7 + k * 11) % 13) / 4 - 1.5;
}

/** Writes the logits fixture under `dir` (logits N × 1 × A × K float32, y_train.npy int64, keep.npy bool). */
export async function writeLogitsFixture(dir: string, options: { labels?: boolean } = {}): Promise<void> {
  const { models, samples, queries, classes, epoch } = LOGITS_FIXTURE;
  for (let m = 0; m < models; m++) {
    const folder = path.join(dir, `experiment-${m}_${models}`);
    fs.mkdirSync(path.join(folder, 'logits'), { recursive: true });
    const keep = Uint8Array.from({ length: samples }, (_, i) => (i + m) % 2);
    await writeNpy(path.join(folder, 'keep.npy'), { data: keep, dtype: 'b1' });
    const logits = new Float32Array(samples * queries * classes);
    for (let i = 0; i < samples; i++) {
      for (let a = 0; a < queries; a++) {
        for (let k = 0; k < classes; k++) logits[(i * queries + a) * classes + k] = fixtureLogit(m, i, a, k);
      }
    }
    await writeNpy(path.join(folder, 'logits', `${String(epoch).padStart(10, '0')}.npy`), { data: logits, shape: [samples, 1, queries, classes] });
  }
  if (options.labels ?? true) {
    await writeNpy(path.join(dir, 'y_train.npy'), { data: BigInt64Array.from(FIXTURE_LABELS, BigInt) });
  }
}

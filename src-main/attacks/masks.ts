/**
 * Shadow-model membership design: the `keep` matrix (`keep[m * N + i] = 1` when model m trains on
 * sample i; SCIENCE.md §2).
 */
import { Rng } from '../math/prng';
import type { CountRange } from './types';

/**
 * Checks that `keep` is an `M × N` 0/1 matrix.
 *
 * Throws RangeError naming the shape or the first offending entry.
 */
export function assertKeep(keep: Uint8Array, models: number, samples: number): void {
  if (!Number.isInteger(models) || models < 1 || !Number.isInteger(samples) || samples < 0) {
    throw new RangeError(`keep shape must be models >= 1 by samples >= 0, got ${models} × ${samples}`);
  }
  if (keep.length !== models * samples) {
    throw new RangeError(`keep has length ${keep.length}, expected models × samples = ${models} × ${samples}`);
  }
  const bad = keep.findIndex((v) => v > 1);
  if (bad >= 0) {
    const where = `model ${Math.floor(bad / samples)}, sample ${bad % samples}`;
    throw new RangeError(`keep[${bad}] = ${keep[bad]} (${where}) is not 0 or 1`);
  }
}

/**
 * The balanced design: every sample is IN for exactly `pIn · M` models, chosen independently per
 * sample as a uniformly random subset of the models (DeMem's design, SCIENCE.md §2.2; the LiRA
 * reference's rank construction, §2.1, has the same distribution). Model sizes vary around `pIn · N`.
 *
 * Args: `models` M ≥ 1; `samples` N ≥ 0; `seed` for {@link Rng}; `pIn` in [0, 1] with `pIn · M` an integer.
 * Returns keep as a `Uint8Array` of length M × N.
 * Throws RangeError when `pIn · M` is not an integer, naming both.
 */
export function balancedMasks(models: number, samples: number, seed: number, pIn = 0.5): Uint8Array {
  if (!Number.isInteger(models) || models < 1) throw new RangeError(`models must be an integer >= 1, got ${models}`);
  if (!Number.isInteger(samples) || samples < 0) throw new RangeError(`samples must be an integer >= 0, got ${samples}`);
  if (!(pIn >= 0 && pIn <= 1)) throw new RangeError(`pIn must be in [0, 1], got ${pIn}`);
  const inPerSample = Math.round(pIn * models);
  if (Math.abs(pIn * models - inPerSample) > 1e-9) {
    throw new RangeError(`pIn · models must be an integer: pIn = ${pIn}, models = ${models} gives ${pIn * models}`);
  }
  const rng = new Rng(seed);
  const keep = new Uint8Array(models * samples);
  // A partial Fisher–Yates shuffle of any arrangement draws a uniform subset, so the order left by the
  // previous sample can be reused without resetting.
  const order = new Int32Array(models);
  for (let m = 0; m < models; m++) order[m] = m;
  for (let i = 0; i < samples; i++) {
    for (let t = 0; t < inPerSample; t++) {
      const j = t + rng.int(models - t);
      const chosen = order[j]!;
      order[j] = order[t]!;
      order[t] = chosen;
      keep[chosen * samples + i] = 1;
    }
  }
  return keep;
}

/**
 * Number of models that trained on each sample, optionally leaving one model out.
 *
 * Args: `keep` M × N; `exclude` a model index to leave out (e.g. the target), or −1.
 * Returns an Int32Array of length N.
 */
export function inCounts(keep: Uint8Array, models: number, samples: number, exclude = -1): Int32Array {
  assertKeep(keep, models, samples);
  const counts = new Int32Array(samples);
  for (let m = 0; m < models; m++) {
    if (m === exclude) continue;
    const row = m * samples;
    for (let i = 0; i < samples; i++) counts[i]! += keep[row + i]!;
  }
  return counts;
}

/** Training-set size of each model (row sums of keep). */
export function modelSizes(keep: Uint8Array, models: number, samples: number): Int32Array {
  assertKeep(keep, models, samples);
  const sizes = new Int32Array(models);
  for (let m = 0; m < models; m++) {
    let size = 0;
    for (let i = 0; i < samples; i++) size += keep[m * samples + i]!;
    sizes[m] = size;
  }
  return sizes;
}

/** Smallest and largest value of a count array ({0, 0} when empty). */
export function countRange(counts: Int32Array): CountRange {
  if (counts.length === 0) return { min: 0, max: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (const c of counts) {
    if (c < min) min = c;
    if (c > max) max = c;
  }
  return { min, max };
}

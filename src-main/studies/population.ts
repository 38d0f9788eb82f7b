/**
 * Which samples a study uses, in study order: the population (the samples membership masks are
 * drawn over) and the held-out samples no model ever trains on (influence targets). Drawn from the
 * dataset with the study's seed, so a study can be re-created exactly from its config.
 */
import type { DatasetConfig } from '../../src-shared/config/dataset';
import { MnemoError } from '../../src-shared/result';
import { deriveSeed, Rng } from '../math/prng';

export interface DatasetShape {
  size: number;
  splits: { train: number; test: number } | null;
}

export interface Population {
  /** Dataset indices in study order: the population first, then the held-out samples. */
  sampleIndices: Int32Array;
  populationSize: number;
  heldOutSize: number;
}

/**
 * Draws a study's samples.
 * @throws MnemoError ('invalid-request') naming `dataset.split`, `dataset.limit` or `dataset.heldOut` when they cannot be met.
 */
export function drawPopulation(dataset: DatasetShape, config: DatasetConfig, seed: number): Population {
  let start = 0;
  let end = dataset.size;
  if (config.split !== 'all') {
    if (!dataset.splits) {
      throw new MnemoError('invalid-request', `dataset.split: "${config.split}" needs a dataset with an official train/test split; ${config.id} has none (use "all")`, [
        { path: 'dataset.split', message: 'this dataset has no official split' },
      ]);
    }
    [start, end] = config.split === 'train' ? [0, dataset.splits.train] : [dataset.splits.train, dataset.splits.train + dataset.splits.test];
  }
  const available = end - start;
  const rng = new Rng(deriveSeed(seed, 'population'));
  const order = rng.permutation(available);
  const count = config.limit ?? available;
  if (count > available) {
    throw new MnemoError('invalid-request', `dataset.limit: ${count} samples were asked for, but the ${config.split} split of ${config.id} has ${available}`, [
      { path: 'dataset.limit', message: `at most ${available}` },
    ]);
  }
  if (config.heldOut >= count - 1) {
    throw new MnemoError('invalid-request', `dataset.heldOut: holding out ${config.heldOut} of ${count} samples leaves too few to train on`, [
      { path: 'dataset.heldOut', message: `must be below ${count - 1}` },
    ]);
  }
  const chosen = order.subarray(0, count);
  const populationSize = count - config.heldOut;
  // Ascending order within each part keeps reads of the dataset local; the draw itself is random.
  const population = Int32Array.from(chosen.subarray(0, populationSize), (i) => i + start).sort();
  const heldOut = Int32Array.from(chosen.subarray(populationSize), (i) => i + start).sort();
  const sampleIndices = new Int32Array(count);
  sampleIndices.set(population, 0);
  sampleIndices.set(heldOut, populationSize);
  return { sampleIndices, populationSize, heldOutSize: config.heldOut };
}

/** Positions (into the study's samples) model `k` trains on: its IN population samples. */
export function trainPositions(keep: Uint8Array, k: number, populationSize: number): Int32Array {
  const positions: number[] = [];
  const row = k * populationSize;
  for (let i = 0; i < populationSize; i++) if (keep[row + i]) positions.push(i);
  return Int32Array.from(positions);
}

/** A seeded subset of at most `max` positions model `k` never trained on (OUT population and held-out samples). */
export function robustPositions(keep: Uint8Array, k: number, population: Population, max: number, seed: number): Int32Array {
  const out: number[] = [];
  const row = k * population.populationSize;
  for (let i = 0; i < population.populationSize; i++) if (!keep[row + i]) out.push(i);
  for (let i = 0; i < population.heldOutSize; i++) out.push(population.populationSize + i);
  const rng = new Rng(deriveSeed(seed, 'robust', k));
  rng.shuffle(out);
  return Int32Array.from(out.slice(0, max)).sort();
}

/**
 * LiRA throughput benchmark: online LiRA (paper defaults) over synthetic float32 signals stored one
 * array per model, as the engine stores them. The project bench runs it at CIFAR scale
 * (N = 60 000, M = 128, A = 10; budget ≤ 10 s on one core).
 */
import { Rng } from '../math/prng';
import { liraScores } from './lira';
import { balancedMasks } from './masks';
import { modelArraysSource } from './score-source';

/**
 * Times one `liraScores` call (target 0) on N samples × M models × A queries.
 *
 * Args: `samples` N; `models` M (even, ≥ 2); `queries` A; `seed` for masks and signals.
 * Returns the elapsed wall time of the scoring alone, in milliseconds (data generation excluded).
 */
export function benchLira(samples: number, models: number, queries: number, seed: number): number {
  const rng = new Rng(seed);
  const keep = balancedMasks(models, samples, seed);
  const perModel: Float32Array[] = [];
  for (let m = 0; m < models; m++) {
    const values = new Float32Array(samples * queries);
    // Members sit one unit higher: a realistic spread of IN/OUT medians for the quickselect.
    for (let i = 0; i < samples; i++) {
      const shift = keep[m * samples + i]!;
      for (let a = 0; a < queries; a++) values[i * queries + a] = rng.uniform() + shift;
    }
    perModel.push(values);
  }
  const source = modelArraysSource(perModel, queries);
  const started = performance.now();
  liraScores(source, keep, 0);
  return performance.now() - started;
}

/**
 * Score sources: the block readers through which attacks see `M × N × A` signals (layout in
 * types.ts), over one flat array or over the engine's one-array-per-model storage.
 */
import type { ScoreArray, ScoreSource } from './types';

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
}

function assertRange(start: number, end: number, samples: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > samples || start > end) {
    throw new RangeError(`readBlock(${start}, ${end}) is outside 0..${samples}`);
  }
}

/**
 * A source over one flat `M × N × A` array.
 *
 * Args: `values` row-major model × sample × query; `models`, `samples`, `queries` its shape.
 * Returns a source whose full-range block is `values` itself (no copy); other blocks are copies.
 * Throws RangeError when the length is not `models × samples × queries`.
 */
export function arrayScoreSource(values: ScoreArray, models: number, samples: number, queries: number): ScoreSource {
  assertCount('models', models, 1);
  assertCount('samples', samples, 0);
  assertCount('queries', queries, 1);
  if (values.length !== models * samples * queries) {
    throw new RangeError(
      `values has length ${values.length}, expected models × samples × queries = ${models} × ${samples} × ${queries}`,
    );
  }
  const rowLength = samples * queries;
  return {
    models,
    samples,
    queries,
    readBlock(start, end) {
      assertRange(start, end, samples);
      if (start === 0 && end === samples) return values;
      const width = (end - start) * queries;
      const block = values instanceof Float32Array ? new Float32Array(models * width) : new Float64Array(models * width);
      for (let m = 0; m < models; m++) {
        const from = m * rowLength + start * queries;
        block.set(values.subarray(from, from + width), m * width);
      }
      return block;
    },
  };
}

/**
 * A source over one `N × A` array per model, as the engine stores signals.
 *
 * Args: `perModel[m]` holds model m's signals, sample-major; `queries` is A.
 * Returns a source that copies each block (float32 when every model is float32, else float64).
 * Throws RangeError when there are no models or the arrays disagree in length or are not a multiple of A.
 */
export function modelArraysSource(perModel: ReadonlyArray<ScoreArray>, queries: number): ScoreSource {
  assertCount('queries', queries, 1);
  const first = perModel[0];
  if (first === undefined) throw new RangeError('modelArraysSource needs at least one model array');
  if (first.length % queries !== 0) {
    throw new RangeError(`model 0 has ${first.length} values, not a multiple of queries = ${queries}`);
  }
  perModel.forEach((array, m) => {
    if (array.length !== first.length) {
      throw new RangeError(`model ${m} has ${array.length} values, model 0 has ${first.length}`);
    }
  });
  const samples = first.length / queries;
  const models = perModel.length;
  const allFloat32 = perModel.every((array) => array instanceof Float32Array);
  return {
    models,
    samples,
    queries,
    readBlock(start, end) {
      assertRange(start, end, samples);
      const width = (end - start) * queries;
      const block = allFloat32 ? new Float32Array(models * width) : new Float64Array(models * width);
      for (let m = 0; m < models; m++) {
        block.set(perModel[m]!.subarray(start * queries, end * queries), m * width);
      }
      return block;
    },
  };
}

/**
 * Calls `visit(block, start, end)` for consecutive sample blocks of at most `blockSize` samples.
 *
 * Throws RangeError when `blockSize` is not a positive integer.
 */
export function forEachBlock(
  source: ScoreSource,
  blockSize: number,
  visit: (block: ScoreArray, start: number, end: number) => void,
): void {
  assertCount('blockSize', blockSize, 1);
  for (let start = 0; start < source.samples; start += blockSize) {
    const end = Math.min(source.samples, start + blockSize);
    visit(source.readBlock(start, end), start, end);
  }
}

/**
 * Data layout shared by the membership-inference attacks (SCIENCE.md §0).
 *
 * Everything is row-major over plain typed arrays, so the attacks run unchanged in Node, a worker or
 * the renderer:
 *
 * - **Membership** `keep`: a `Uint8Array` of length `M × N`; `keep[m * N + i] = 1` when model `m`
 *   trained on sample `i`, else 0. `M` models, `N` audited samples.
 * - **Signals** (a score per model, sample and query): `M × N × A` values,
 *   `value(m, i, a) = values[(m * N + i) * A + a]`, with `A` queries (augmentations) per sample. The
 *   engine stores one `N × A` array per model, so attacks read them through a {@link ScoreSource} in
 *   blocks of samples and memory stays bounded however many models there are.
 * - **Member scores**: one `Float64Array` of length `N`, larger = more likely a member.
 * - **Labels for evaluation**: `Uint8Array`, 1 = member, 0 = non-member.
 */

/** Signal values as the engine stores them (float32) or as computed in float64. */
export type ScoreArray = Float32Array | Float64Array;

/**
 * Per-model, per-sample, per-query signals, read in blocks of consecutive samples.
 *
 * `readBlock(start, end)` returns `models × (end − start) × queries` values, row-major:
 * `value(m, start + j, a) = block[(m * (end − start) + j) * queries + a]`. Callers must not write into
 * the returned array (a source may hand out its own storage).
 */
export interface ScoreSource {
  /** M: number of models. */
  readonly models: number;
  /** N: number of samples. */
  readonly samples: number;
  /** A: number of queries (augmentations) per sample. */
  readonly queries: number;
  readBlock(start: number, end: number): ScoreArray;
}

/** Samples per block when attacks stream a {@link ScoreSource}. */
export const DEFAULT_BLOCK_SIZE = 4096;

/** Minimum and maximum of a per-sample count (e.g. IN shadows per sample). */
export interface CountRange {
  min: number;
  max: number;
}

/**
 * Influence-entropy buckets (the SAM memorization paper): held-out points are ranked by the entropy
 * of the training points that influence them, then cut into five buckets — 1 holds the lowest
 * entropy (a few training points decide the prediction: atypical samples), 5 the highest. The
 * accuracy per bucket shows where a method helps or hurts. Each study computes its own buckets from
 * its own models, so buckets of two studies hold the same points only when their populations match.
 */
import type { InfluenceResult } from '../../src-shared/analysis';
import type { StudyConfig } from '../../src-shared/config/study';

export interface BucketSeriesInput {
  key: string;
  label: string;
  influence: InfluenceResult | null;
}

export interface BucketRow {
  bucket: number;
  cells: Array<{ series: string; count: number; accuracy: number | null }>;
}

/** Rows per bucket number (the union over the studies), each with every study's count and accuracy. */
export function bucketRows(inputs: readonly BucketSeriesInput[]): BucketRow[] {
  const numbers = new Set<number>();
  for (const input of inputs) for (const row of input.influence?.buckets ?? []) numbers.add(row.bucket);
  return [...numbers]
    .sort((a, b) => a - b)
    .map((bucket) => ({
      bucket,
      cells: inputs.map((input) => {
        const row = input.influence?.buckets.find((b) => b.bucket === bucket);
        const accuracy = row && row.count > 0 && typeof row.accuracy === 'number' && Number.isFinite(row.accuracy) ? row.accuracy : null;
        return { series: input.key, count: row?.count ?? 0, accuracy };
      }),
    }));
}

/** What decides which samples a study draws: the dataset choice and the seed. */
function populationKey(config: StudyConfig): string {
  const d = config.dataset;
  return JSON.stringify([d.id, d.path ?? null, d.split, d.limit ?? null, d.heldOut, d.options, config.seed]);
}

/**
 * Whether the studies draw the same population and held-out points (same dataset choice and seed),
 * so that their buckets are built over the same held-out points and can be compared bucket by bucket.
 */
export function sameHeldOutPoints(configs: readonly StudyConfig[]): boolean {
  if (configs.length < 2) return true;
  const first = populationKey(configs[0]!);
  return configs.every((c) => populationKey(c) === first);
}

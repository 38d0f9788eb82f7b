/** Datasets loaded by this worker, kept for the next job of the same study. */
import { loadDataset } from '../data/registry';
import type { Dataset, DatasetSpec } from '../data/types';

const cache = new Map<string, Promise<Dataset>>();
const LIMIT = 2;

/** Loads a dataset once per worker; keeps the most recent few. */
export function cachedDataset(spec: DatasetSpec): Promise<Dataset> {
  const key = JSON.stringify([spec.id, spec.path ?? null, spec.seed ?? 0, spec.options ?? {}]);
  let dataset = cache.get(key);
  if (!dataset) {
    dataset = loadDataset(spec);
    dataset.catch(() => cache.delete(key));
    cache.set(key, dataset);
    while (cache.size > LIMIT) cache.delete(cache.keys().next().value!);
  }
  return dataset;
}

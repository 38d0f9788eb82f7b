/** The `describe-dataset` job: what the study runner needs to draw a population, without the pixels. */
import type { Dataset, DatasetSpec } from '../data/types';
import { cachedDataset } from './dataset-cache';
import { defineJob } from './handlers';

/** A dataset without its features (and null where it has no official split). */
export interface DatasetDescription
  extends Pick<Dataset, 'id' | 'name' | 'kind' | 'shape' | 'numClasses' | 'classNames' | 'size' | 'labels' | 'fingerprint' | 'source' | 'binaryFeatures'> {
  splits: { train: number; test: number } | null;
}

export const describeDatasetJob = defineJob(async (spec: DatasetSpec): Promise<DatasetDescription> => {
  const data = await cachedDataset(spec);
  return {
    id: data.id,
    name: data.name,
    kind: data.kind,
    shape: data.shape,
    numClasses: data.numClasses,
    classNames: data.classNames,
    size: data.size,
    labels: Uint16Array.from(data.labels),
    fingerprint: data.fingerprint,
    source: data.source,
    splits: data.splits ?? null,
    binaryFeatures: data.binaryFeatures,
  };
});

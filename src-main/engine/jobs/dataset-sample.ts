/** The `dataset-sample` job: one sample's raw features, for the sample inspector. */
import type { DatasetSpec } from '../data/types';
import { cachedDataset } from './dataset-cache';
import { defineJob } from './handlers';

export interface DatasetSamplePayload {
  spec: DatasetSpec;
  index: number;
}

export interface DatasetSample {
  shape: number[];
  kind: 'image' | 'tabular';
  /** Images: 0..255; tabular: the features as loaded. */
  values: number[];
  label: number;
}

export const datasetSampleJob = defineJob(async ({ spec, index }: DatasetSamplePayload): Promise<DatasetSample> => {
  const data = await cachedDataset(spec);
  if (!(Number.isInteger(index) && index >= 0 && index < data.size)) throw new RangeError(`sample ${index} is outside 0..${data.size - 1}`);
  const size = data.shape.reduce((a, b) => a * b, 1);
  const values = Array.from(data.features.subarray(index * size, (index + 1) * size));
  return { shape: data.shape, kind: data.kind, values, label: data.labels[index]! };
});

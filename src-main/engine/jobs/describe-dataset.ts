/** The `describe-dataset` job: what the study runner needs to draw a population, without the pixels. */
import type { DatasetSpec } from '../data/types';
import { cachedDataset } from './dataset-cache';
import { defineJob } from './handlers';

export interface DatasetDescription {
  id: string;
  name: string;
  kind: 'image' | 'tabular';
  shape: number[];
  numClasses: number;
  classNames: string[];
  size: number;
  labels: Uint16Array;
  fingerprint: string;
  source: string;
  splits: { train: number; test: number } | null;
  binaryFeatures: boolean;
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

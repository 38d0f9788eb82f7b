/**
 * Turning a validated config into a study ready to run: the dataset described by a worker, the
 * population drawn, balanced membership masks, one seed per model, and the study's fixed design.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StudyConfig } from '../../src-shared/config/study';
import { MnemoError } from '../../src-shared/result';
import type { StudyDesign } from '../../src-shared/studies';
import { balancedMasks } from '../attacks/masks';
import { attackQueries, labelOnlyQueries, queryName } from '../engine/eval/queries';
import type { EnginePool } from '../engine/host/pool';
import type { DatasetSpec } from '../engine/data/types';
import type { DatasetDescription } from '../engine/jobs/describe-dataset';
import { deriveSeed } from '../math/prng';
import { drawPopulation, type Population } from './population';

export interface PreparedStudy {
  design: StudyDesign;
  population: Population;
  /** K × P membership over the population. */
  keep: Uint8Array;
  labels: Uint16Array;
  modelSeeds: number[];
}

/**
 * Finds a dataset file given by a bare or relative name (presets name `dataset_location.tgz`, not a
 * path on your disk): as given (relative to the working directory), then in `<dataDir>/datasets/`,
 * then in each folder of MNEMO_DATASETS (separated like PATH). Returns the config with an absolute
 * path, so the stored config says exactly what was read; a path that is nowhere is left for the
 * loader's error, which names it.
 */
export function resolveDatasetPath(config: StudyConfig, dataDir: string, env: NodeJS.ProcessEnv = process.env): StudyConfig {
  const given = config.dataset.path;
  if (!given || path.isAbsolute(given) || config.dataset.id === 'imported') return config;
  const folders = [process.cwd(), path.join(dataDir, 'datasets'), ...(env.MNEMO_DATASETS ?? '').split(path.delimiter).filter(Boolean)];
  const found = folders.map((folder) => path.resolve(folder, given)).find((candidate) => fs.existsSync(candidate));
  return found ? { ...config, dataset: { ...config.dataset, path: found } } : config;
}

/**
 * The loader spec of a study's dataset (the digits' embedded order is part of the dataset, so seed 0).
 * @throws MnemoError for an imported study, which has outputs but no data to load.
 */
export function datasetSpec(config: StudyConfig): DatasetSpec {
  const { id } = config.dataset;
  if (id === 'imported') throw new MnemoError('conflict', `Study "${config.name}" was imported from another pipeline's outputs: it has no dataset to train on or show.`);
  return { id, path: config.dataset.path, seed: 0, options: config.dataset.options };
}

/**
 * Prepares a study.
 * @throws MnemoError('invalid-request') naming the dataset field when the data cannot be read or the population drawn.
 */
export async function prepareStudy(engine: EnginePool, config: StudyConfig): Promise<PreparedStudy> {
  let description: DatasetDescription;
  try {
    description = await engine.run<DatasetDescription>({ kind: 'describe-dataset', payload: datasetSpec(config) });
  } catch (error) {
    const field = config.dataset.path ? 'dataset.path' : 'dataset.id';
    const hint = config.dataset.path && !path.isAbsolute(config.dataset.path) ? ` (looked in the working directory, <data dir>/datasets and MNEMO_DATASETS)` : '';
    throw new MnemoError('invalid-request', `The dataset could not be loaded: ${(error as Error).message}${hint}`, [{ path: field, message: (error as Error).message }]);
  }
  const population = drawPopulation(description, config.dataset, config.seed);
  const models = config.shadow.models;
  const keep = balancedMasks(models, population.populationSize, deriveSeed(config.seed, 'masks'), config.shadow.pIn);
  const labels = Uint16Array.from(population.sampleIndices, (i) => description.labels[i]!);
  const design: StudyDesign = {
    populationSize: population.populationSize,
    heldOutSize: population.heldOutSize,
    samples: population.sampleIndices.length,
    models,
    classes: description.numClasses,
    classNames: description.classNames,
    datasetName: description.name,
    datasetKind: description.kind,
    shape: description.shape,
    binaryFeatures: description.binaryFeatures,
    queryNames: attackQueries(config.queries, description.kind).map(queryName),
    labelOnlyQueryNames: description.kind === 'image' ? labelOnlyQueries(config.queries.labelOnly.translation, config.queries.labelOnly.rotation).map(queryName) : [],
    fingerprint: description.fingerprint,
    source: description.source,
  };
  const modelSeeds = Array.from({ length: models }, (_, k) => deriveSeed(config.seed, 'model', k));
  return { design, population, keep, labels, modelSeeds };
}

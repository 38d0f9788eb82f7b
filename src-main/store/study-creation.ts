/** Creating a study: its row, its K pending models, their train jobs and its analysis job, at once. */
import type { AnalysisInput } from './analyses-repository';
import type { ArrayInput } from './arrays-repository';
import type { Store } from './database';
import type { NewStudy, StudyWithModels } from './studies-repository';

export interface CreateStudyInput extends NewStudy {
  /** One seed per model: model i gets `modelSeeds[i]`, a pending row and a train-model job. */
  modelSeeds: readonly number[];
  /** Queue an 'analyze' job after the models (default true). */
  analyze?: boolean;
  /** Study-level arrays known up front, e.g. 'keep' (u8, K×S), 'sample_indices' (i32), 'labels' (u16). */
  arrays?: readonly ArrayInput[];
  /** Records known up front, stored like analysis results (e.g. kind 'design': the study's fixed facts). */
  analyses?: readonly AnalysisInput[];
}

/**
 * Creates a study ready to run, in ONE transaction, so a crash never leaves a study without its
 * models or jobs.
 * Returns the study with its models.
 * Throws MnemoError('invalid-request') for a bad name or tag, ('conflict') for a taken id;
 * RangeError/TypeError for bad seeds or arrays (nothing is written).
 */
export function createStudy(store: Store, input: CreateStudyInput): StudyWithModels {
  const { modelSeeds, analyze = true, arrays = [], analyses = [], ...study } = input;
  return store.write(`create study "${study.name ?? study.config.name}"`, () => {
    const created = store.studies.insert(study);
    store.models.addPending(created.id, modelSeeds);
    modelSeeds.forEach((_, idx) => store.jobs.enqueue(created.id, 'train-model', idx, created.createdAt));
    if (analyze) store.jobs.enqueue(created.id, 'analyze', null, created.createdAt);
    store.arrays.writeRows(created.id, null, arrays);
    store.analyses.writeRows(created.id, analyses, created.createdAt);
    store.events.add(created.id, 'info', `Study created with ${modelSeeds.length} models.`, created.createdAt);
    return store.studies.getWithModels(created.id)!;
  });
}

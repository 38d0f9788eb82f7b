/** The results store's public surface. */
export { openStore, Store, DATABASE_FILE, DEFAULT_BUSY_TIMEOUT_MS, type OpenStoreOptions } from './database';
export { createStudy, type CreateStudyInput } from './study-creation';
export { recordModelResult, type ModelResultInput } from './model-result';
export { modelResultFromTraining, MODEL_ARRAYS, type TrainedModel } from './training-result';
export { recordAnalysis, type AnalysisResultInput } from './analysis-result';
export { sweepOrphanWeights, type SweepReport } from './weights-sweep';
export { readWeightsFile, writeWeightsFile, encodeWeights, decodeWeights, type WeightsData, type WrittenWeights } from './weights-file';
export { checkpointPath, readCheckpoint, removeCheckpoint, writeCheckpoint, type CheckpointData } from './checkpoint-file';
export { CorruptDataError } from './errors';
export type { ArrayDtype, StoredArray } from './blob-codec';
export type { StudyRecord, StudyListItem, StudyWithModels, StudyStatus, StudyRunInfo, ModelProgress, NewStudy } from './studies-repository';
export type { ModelRecord, ModelStatus, WeightsRef } from './models-repository';
export type { ArrayInput, ArrayInfo, ArrayRecord } from './arrays-repository';
export type { EpochInput, StoredEpoch } from './epochs-repository';
export type { JobRecord, JobKind, JobStatus } from './jobs-repository';
export type { AnalysisInput, AnalysisRecord } from './analyses-repository';
export type { EventRecord, EventLevel } from './events-repository';

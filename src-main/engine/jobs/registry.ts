/** Every job kind an engine worker runs. */
import { analyzeStudyJob } from './analyze-study';
import { benchJob } from './bench';
import { datasetSampleJob } from './dataset-sample';
import { describeDatasetJob } from './describe-dataset';
import type { JobHandler } from './handlers';
import { trainModelJob } from './train-model';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  'analyze-study': analyzeStudyJob,
  bench: benchJob,
  'dataset-sample': datasetSampleJob,
  'describe-dataset': describeDatasetJob,
  'train-model': trainModelJob,
};

/** Every job kind an engine worker runs. */
import { describeDatasetJob } from './describe-dataset';
import type { JobHandler } from './handlers';
import { trainModelJob } from './train-model';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  'describe-dataset': describeDatasetJob,
  'train-model': trainModelJob,
};

/** Every job kind an engine worker runs. */
import { benchJob } from './bench';
import { describeDatasetJob } from './describe-dataset';
import type { JobHandler } from './handlers';
import { trainModelJob } from './train-model';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  bench: benchJob,
  'describe-dataset': describeDatasetJob,
  'train-model': trainModelJob,
};

/** The `bench` job: one workload × step measured inside a worker, on the worker's backend. */
import { measureCase, type BenchCase, type BenchRecord } from '../bench/measure';
import { defineJob } from './handlers';

export const benchJob = defineJob(async (benchCase: BenchCase): Promise<BenchRecord> => measureCase(benchCase));

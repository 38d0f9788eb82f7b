/**
 * Child process for the crash-safety test: claims train jobs of one study and records fake model
 * results as fast as it can, until it is killed (or runs out of jobs).
 * Usage: node --import tsx crash-writer.ts <dataDir> <studyId> <samples>
 */
import { openStore } from '../../../src-main/store/database';
import { recordModelResult } from '../../../src-main/store/model-result';
import { fakeResult } from './store-fixtures';

const [dataDir, studyId, samples] = process.argv.slice(2);
if (!dataDir || !studyId || !samples) throw new Error('usage: crash-writer.ts <dataDir> <studyId> <samples>');
const store = openStore({ dataDir });
process.stdout.write('ready\n');
for (let job = store.jobs.claimNext(); job; job = store.jobs.claimNext()) {
  if (job.kind !== 'train-model' || job.studyId !== studyId) continue;
  const idx = job.modelIdx!;
  await recordModelResult(store, studyId, idx, fakeResult(Number(samples), 2, idx, 600 * 64));
  process.stdout.write(`done ${idx}\n`);
}
store.close();

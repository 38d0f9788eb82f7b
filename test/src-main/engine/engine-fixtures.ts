/** Small, fast training fixtures shared by the engine tests: the embedded digits and a trained MLP. */
import { StudyConfigSchema } from '../../../src-shared/config/study';
import { loadDigits } from '../../../src-main/engine/data/digits';
import type { Dataset } from '../../../src-main/engine/data/types';
import { buildModel, type Model } from '../../../src-main/engine/models/model';
import { trainModel } from '../../../src-main/engine/training/trainer';

let digits: Promise<Dataset> | null = null;

/** The 10,000 embedded digits, loaded once per test file. */
export function embeddedDigits(): Promise<Dataset> {
  digits ??= loadDigits({ id: 'digits', seed: 0 });
  return digits;
}

export const range = (start: number, end: number): Int32Array => Int32Array.from({ length: end - start }, (_, i) => start + i);

/** Parses a study's method and training blocks with defaults. */
export function studyParts(method: object = {}, training: object = {}, model: object = { kind: 'mlp', hidden: [64] }) {
  const study = StudyConfigSchema.parse({ name: 't', dataset: { id: 'digits' }, model, method, training });
  return { method: study.method, training: study.training, model: study.model };
}

/** An MLP trained for a few epochs on 2,000 digits (about 90% test accuracy). */
export async function trainedMlp(seed = 1): Promise<{ model: Model; data: Dataset }> {
  const data = await embeddedDigits();
  const { method, training, model: config } = studyParts({}, { epochs: 3, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, weightDecay: 0 } });
  const model = await buildModel(config, data.shape, data.numClasses, seed);
  await trainModel({ model, data, trainIndices: range(0, 2000), training, method, seed });
  return { model, data };
}

/** The store's "no such thing" errors, phrased the same way everywhere. */
import { MnemoError } from '../../src-shared/result';

/** MnemoError('not-found') for a missing study. */
export function studyNotFound(studyId: string): MnemoError {
  return new MnemoError('not-found', `There is no study "${studyId}".`);
}

/** MnemoError('not-found') for a missing model of a study. */
export function modelNotFound(studyId: string, modelIdx: number): MnemoError {
  return new MnemoError('not-found', `Study "${studyId}" has no model ${modelIdx}.`);
}

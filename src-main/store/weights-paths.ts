/** Where a model's weight file lives: `<dataDir>/weights/<studyId>/<modelIdx>.weights`. */
import path from 'node:path';

export const WEIGHTS_DIR = 'weights';
export const WEIGHTS_EXTENSION = '.weights';

/** Study ids become folder names, so they are restricted to characters every file system accepts. */
const STUDY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * Checks that `id` can name a study (and its weights folder).
 * Throws RangeError naming the id otherwise.
 */
export function assertStudyId(id: string): void {
  if (!STUDY_ID.test(id)) throw new RangeError(`study id "${id}" must be 1–64 letters, digits, "-" or "_", starting with a letter or digit`);
}

/** The path stored in `models.weights_path`: relative to the data directory, with "/" separators. */
export function weightsRelativePath(studyId: string, modelIdx: number): string {
  assertStudyId(studyId);
  if (!Number.isInteger(modelIdx) || modelIdx < 0) throw new RangeError(`model index ${modelIdx} must be a whole number ≥ 0`);
  return `${WEIGHTS_DIR}/${studyId}/${modelIdx}${WEIGHTS_EXTENSION}`;
}

/**
 * The absolute path of a data-directory-relative path.
 * Throws RangeError when `relative` is absolute or climbs out of the data directory.
 */
export function resolveDataPath(dataDir: string, relative: string): string {
  const parts = relative.split('/');
  if (path.isAbsolute(relative) || parts.some((part) => part === '..' || part === '')) {
    throw new RangeError(`"${relative}" is not a path inside the data directory`);
  }
  return path.join(dataDir, ...parts);
}

/** The folder that holds a study's weight files. */
export function studyWeightsDir(dataDir: string, studyId: string): string {
  assertStudyId(studyId);
  return path.join(dataDir, WEIGHTS_DIR, studyId);
}

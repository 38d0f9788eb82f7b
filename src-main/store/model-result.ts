/**
 * The write that matters most: a trained model's result — its row, epochs, per-sample arrays, the
 * weight file it points at, and its job marked done — so that a model marked 'done' always has
 * everything, whatever moment the process dies at.
 */
import fsp from 'node:fs/promises';
import { MnemoError } from '../../src-shared/result';
import { validateArrays, type ArrayInput } from './arrays-repository';
import { isoNow } from './connection';
import type { Store } from './database';
import type { EpochInput } from './epochs-repository';
import { storeError } from './errors';
import type { ModelRecord } from './models-repository';
import { modelNotFound, studyNotFound } from './not-found';
import { validateWeights, writeWeightsFile, type WeightsData } from './weights-file';
import { resolveDataPath, weightsRelativePath } from './weights-paths';

/** What one trained model produced (see `modelResultFromTraining` for the engine's TrainModelResult). */
export interface ModelResultInput {
  weights: WeightsData;
  epochs: readonly EpochInput[];
  /** Model-level arrays ('phi', 'log_prob', 'correct', …); earlier arrays of the model are replaced. */
  arrays: readonly ArrayInput[];
  /** Stored as JSON: NaN and ±Infinity become null. */
  metrics: Record<string, unknown>;
  timings: Record<string, number>;
  /** Defaults to now. */
  finishedAt?: string;
}

/**
 * Records a trained model. The weight file is written first (atomically) and the database second,
 * in ONE transaction: model row (status 'done', metrics, timings, weights path, SHA-256 and size),
 * epochs, arrays, and its train-model job marked done. If the transaction fails the file is removed;
 * if the process dies between the two, the file is an orphan for `sweepOrphanWeights`.
 *
 * Args: the open (writable) store; the study and model index (the model row must exist, as
 * `createStudy` makes it); the result.
 * Returns the model as stored.
 * Throws MnemoError('not-found') for a missing study or model; ('conflict') when the model is
 * already done or being recorded; ('unavailable') for a full disk or a locked database (nothing
 * written); RangeError/TypeError for inconsistent weights or arrays (nothing written).
 */
export async function recordModelResult(store: Store, studyId: string, modelIdx: number, result: ModelResultInput): Promise<ModelRecord> {
  const action = `record model ${modelIdx} of study "${studyId}"`;
  validateWeights(result.weights);
  validateArrays(studyId, modelIdx, result.arrays);
  if (!store.studies.exists(studyId)) throw studyNotFound(studyId);
  const before = store.models.get(studyId, modelIdx);
  if (!before) throw modelNotFound(studyId, modelIdx);
  if (before.status === 'done') throw new MnemoError('conflict', `Model ${modelIdx} of study "${studyId}" is already done.`);

  const relative = weightsRelativePath(studyId, modelIdx);
  const inFlight = store.connection.weightsInFlight;
  if (inFlight.has(relative)) throw new MnemoError('conflict', `Model ${modelIdx} of study "${studyId}" is already being recorded.`);
  inFlight.add(relative);
  try {
    const file = resolveDataPath(store.dataDir, relative);
    let written;
    try {
      written = await writeWeightsFile(file, result.weights);
    } catch (error) {
      throw storeError(error, { file, action });
    }
    try {
      return store.write(action, () => {
        const at = result.finishedAt ?? isoNow();
        const changes = store.db
          .prepare(
            `UPDATE models SET status = 'done', error = NULL, metrics = ?, timings = ?, weights_path = ?, weights_sha256 = ?, weights_bytes = ?, finished_at = ?
             WHERE study_id = ? AND idx = ? AND status <> 'done'`,
          )
          .run(JSON.stringify(result.metrics), JSON.stringify(result.timings), relative, written.sha256, written.bytes, at, studyId, modelIdx).changes;
        if (changes === 0) throw new MnemoError('conflict', `Model ${modelIdx} of study "${studyId}" was completed or removed while it was being recorded.`);
        store.epochs.writeRows(studyId, modelIdx, result.epochs);
        // Arrays left by an earlier, failed attempt must not mix with this result's.
        store.db.prepare('DELETE FROM arrays WHERE study_id = ? AND model_idx = ?').run(studyId, modelIdx);
        store.arrays.writeRows(studyId, modelIdx, result.arrays);
        store.db
          .prepare("UPDATE jobs SET status = 'done', error = NULL, updated_at = ? WHERE study_id = ? AND kind = 'train-model' AND model_idx = ? AND status IN ('queued', 'running')")
          .run(at, studyId, modelIdx);
        return store.models.require(studyId, modelIdx);
      });
    } catch (error) {
      await fsp.rm(file, { force: true });
      throw error;
    }
  } finally {
    inFlight.delete(relative);
  }
}

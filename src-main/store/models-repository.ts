/** The `models` table: one row per shadow model of a study, with its state, metrics and weights. */
import fsp from 'node:fs/promises';
import { MnemoError } from '../../src-shared/result';
import { isoNow, type Connection } from './connection';
import { fromJson } from './json-columns';
import { modelNotFound, studyNotFound } from './not-found';
import { readWeightsFile, type WeightsData } from './weights-file';
import { resolveDataPath } from './weights-paths';

export type ModelStatus = 'pending' | 'running' | 'done' | 'failed';

/** Where a model's weights are: a path relative to the data directory, checked by SHA-256 and size. */
export interface WeightsRef {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ModelRecord {
  studyId: string;
  /** 0…K−1 within the study. */
  idx: number;
  seed: number;
  status: ModelStatus;
  error: string | null;
  metrics: Record<string, unknown> | null;
  timings: Record<string, number> | null;
  weights: WeightsRef | null;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ModelRow {
  id: number;
  study_id: string;
  idx: number;
  seed: number;
  status: ModelStatus;
  error: string | null;
  metrics: string | null;
  timings: string | null;
  weights_path: string | null;
  weights_sha256: string | null;
  weights_bytes: number | null;
  started_at: string | null;
  finished_at: string | null;
}

/** A `models` row as a domain object. */
export function mapModel(row: ModelRow): ModelRecord {
  const where = (column: string) => `models.${column} of model ${row.idx} of study "${row.study_id}"`;
  return {
    studyId: row.study_id,
    idx: row.idx,
    seed: row.seed,
    status: row.status,
    error: row.error,
    metrics: fromJson<Record<string, unknown>>(row.metrics, where('metrics')),
    timings: fromJson<Record<string, number>>(row.timings, where('timings')),
    weights:
      row.weights_path !== null && row.weights_sha256 !== null && row.weights_bytes !== null
        ? { path: row.weights_path, sha256: row.weights_sha256, bytes: row.weights_bytes }
        : null,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export class ModelsRepository {
  constructor(private readonly conn: Connection) {}

  /**
   * Adds models `first`, `first`+1, … as 'pending' with the given seeds.
   * Throws MnemoError('not-found') for a missing study, ('conflict') when an index is taken.
   */
  addPending(studyId: string, seeds: readonly number[], first = 0): ModelRecord[] {
    seeds.forEach((seed, i) => {
      if (!Number.isSafeInteger(seed)) throw new RangeError(`seed of model ${first + i} is ${seed}; seeds are whole numbers`);
    });
    return this.conn.write(`add models to study "${studyId}"`, () => {
      if (!this.conn.db.prepare('SELECT 1 FROM studies WHERE id = ?').get(studyId)) throw studyNotFound(studyId);
      const insert = this.conn.db.prepare("INSERT INTO models (study_id, idx, seed, status) VALUES (?, ?, ?, 'pending') ON CONFLICT DO NOTHING");
      seeds.forEach((seed, i) => {
        if (insert.run(studyId, first + i, seed).changes === 0) throw new MnemoError('conflict', `Study "${studyId}" already has a model ${first + i}.`);
      });
      return this.list(studyId).filter((m) => m.idx >= first && m.idx < first + seeds.length);
    });
  }

  /** One model, or null. */
  get(studyId: string, idx: number): ModelRecord | null {
    const row = this.conn.db.prepare<[string, number], ModelRow>('SELECT * FROM models WHERE study_id = ? AND idx = ?').get(studyId, idx);
    return row ? mapModel(row) : null;
  }

  /** One model. Throws MnemoError('not-found'). */
  require(studyId: string, idx: number): ModelRecord {
    const model = this.get(studyId, idx);
    if (!model) throw modelNotFound(studyId, idx);
    return model;
  }

  /** A study's models in index order. */
  list(studyId: string): ModelRecord[] {
    return this.conn.db.prepare<[string], ModelRow>('SELECT * FROM models WHERE study_id = ? ORDER BY idx').all(studyId).map(mapModel);
  }

  /** Updates a model row; with `unlessDone`, a done model is refused (MnemoError 'conflict'). */
  private setState(studyId: string, idx: number, action: string, unlessDone: boolean, sql: string, ...params: unknown[]): ModelRecord {
    return this.conn.write(action, () => {
      if (unlessDone && this.require(studyId, idx).status === 'done') throw new MnemoError('conflict', `Model ${idx} of study "${studyId}" is already done.`);
      const changes = this.conn.db.prepare(`UPDATE models SET ${sql} WHERE study_id = ? AND idx = ?`).run(...params, studyId, idx).changes;
      if (changes === 0) throw modelNotFound(studyId, idx);
      return this.require(studyId, idx);
    });
  }

  /** Marks a model 'running' and stamps started_at. Throws MnemoError('conflict') if it is done. */
  markRunning(studyId: string, idx: number, at = isoNow()): ModelRecord {
    return this.setState(studyId, idx, `start model ${idx} of study "${studyId}"`, true, "status = 'running', error = NULL, started_at = ?, finished_at = NULL", at);
  }

  /** Marks a model 'failed' with a reason. Throws MnemoError('conflict') if it is done. */
  markFailed(studyId: string, idx: number, error: string, at = isoNow()): ModelRecord {
    return this.setState(studyId, idx, `record the failure of model ${idx} of study "${studyId}"`, true, "status = 'failed', error = ?, finished_at = ?", error, at);
  }

  /**
   * Sets a model back to 'pending' (to train it again): clears its results, deletes its arrays and
   * epochs, then removes its weight file. A crash between the two leaves a file the sweep removes.
   */
  async reset(studyId: string, idx: number): Promise<ModelRecord> {
    const { model, weights } = this.conn.write(`reset model ${idx} of study "${studyId}"`, () => {
      const before = this.require(studyId, idx);
      this.conn.db.prepare('DELETE FROM arrays WHERE study_id = ? AND model_idx = ?').run(studyId, idx);
      this.conn.db.prepare('DELETE FROM epochs WHERE study_id = ? AND model_idx = ?').run(studyId, idx);
      const after = this.setState(
        studyId,
        idx,
        `reset model ${idx} of study "${studyId}"`,
        false,
        "status = 'pending', error = NULL, metrics = NULL, timings = NULL, weights_path = NULL, weights_sha256 = NULL, weights_bytes = NULL, started_at = NULL, finished_at = NULL",
      );
      return { model: after, weights: before.weights };
    });
    if (weights) await fsp.rm(resolveDataPath(this.conn.dataDir, weights.path), { force: true });
    return model;
  }

  /**
   * Reads a done model's weights, verifying the file's size and SHA-256 against the row.
   * Throws MnemoError('not-found') when the model has no weights yet; CorruptDataError naming the
   * file when it is missing or damaged.
   */
  async readWeights(studyId: string, idx: number): Promise<WeightsData> {
    const model = this.require(studyId, idx);
    if (!model.weights) throw new MnemoError('not-found', `Model ${idx} of study "${studyId}" has no weights yet (it is ${model.status}).`);
    return readWeightsFile(resolveDataPath(this.conn.dataDir, model.weights.path), model.weights);
  }
}

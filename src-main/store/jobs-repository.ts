/**
 * The `jobs` table: the persistent work queue. A study has one 'train-model' job per model and one
 * 'analyze' job; claiming a job is one atomic UPDATE, so two schedulers never take the same job, and
 * a crash leaves jobs 'running' that `requeueRunning` puts back on resume.
 */
import { MnemoError } from '../../src-shared/result';
import { isoNow, type Connection } from './connection';

export type JobKind = 'train-model' | 'analyze';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRecord {
  id: number;
  studyId: string;
  kind: JobKind;
  /** The model a 'train-model' job trains; null for 'analyze'. */
  modelIdx: number | null;
  status: JobStatus;
  /** How many times it has been claimed. */
  attempts: number;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

interface JobRow {
  id: number;
  study_id: string;
  kind: JobKind;
  model_idx: number | null;
  status: JobStatus;
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

function mapJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    studyId: row.study_id,
    kind: row.kind,
    modelIdx: row.model_idx,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A queued job is ready unless it is an analysis whose study still has models that are not done. */
const READY = `j.status = 'queued' AND (j.kind <> 'analyze' OR NOT EXISTS (
  SELECT 1 FROM models m WHERE m.study_id = j.study_id AND m.status <> 'done'))`;

export class JobsRepository {
  constructor(private readonly conn: Connection) {}

  /**
   * Queues a job. 'train-model' needs `modelIdx` (an existing model); 'analyze' takes none.
   * Throws RangeError for a wrong modelIdx; MnemoError('not-found') for a missing study or model.
   */
  enqueue(studyId: string, kind: JobKind, modelIdx: number | null = null, at = isoNow()): JobRecord {
    if ((kind === 'train-model') !== (modelIdx !== null)) {
      throw new RangeError(kind === 'train-model' ? 'a train-model job needs a model index' : 'an analyze job has no model index');
    }
    return this.conn.write(`queue a ${kind} job for study "${studyId}"`, () => {
      const exists =
        modelIdx === null
          ? this.conn.db.prepare('SELECT 1 FROM studies WHERE id = ?').get(studyId)
          : this.conn.db.prepare('SELECT 1 FROM models WHERE study_id = ? AND idx = ?').get(studyId, modelIdx);
      if (!exists) throw new MnemoError('not-found', modelIdx === null ? `There is no study "${studyId}".` : `Study "${studyId}" has no model ${modelIdx}.`);
      const row = this.conn.db
        .prepare<unknown[], JobRow>("INSERT INTO jobs (study_id, kind, model_idx, status, created_at, updated_at) VALUES (?, ?, ?, 'queued', ?, ?) RETURNING *")
        .get(studyId, kind, modelIdx, at, at)!;
      return mapJob(row);
    });
  }

  /** One job, or null. */
  get(id: number): JobRecord | null {
    const row = this.conn.db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id);
    return row ? mapJob(row) : null;
  }

  /** A study's jobs in queue order. */
  list(studyId: string): JobRecord[] {
    return this.conn.db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE study_id = ? ORDER BY id').all(studyId).map(mapJob);
  }

  /** The next `limit` ready queued jobs, oldest first (an analysis waits until its models are done). */
  nextQueued(limit = 1): JobRecord[] {
    return this.conn.db.prepare<[number], JobRow>(`SELECT j.* FROM jobs j WHERE ${READY} ORDER BY j.id LIMIT ?`).all(limit).map(mapJob);
  }

  private claimWhere(where: string, params: unknown[], at: string): JobRecord | null {
    return this.conn.write('claim a job', () => {
      const row = this.conn.db
        .prepare<unknown[], JobRow>(`UPDATE jobs SET status = 'running', attempts = attempts + 1, error = NULL, updated_at = ? WHERE id = (${where}) RETURNING *`)
        .get(at, ...params);
      if (!row) return null;
      if (row.kind === 'train-model') {
        this.conn.db
          .prepare("UPDATE models SET status = 'running', error = NULL, started_at = ?, finished_at = NULL WHERE study_id = ? AND idx = ? AND status <> 'done'")
          .run(at, row.study_id, row.model_idx);
      }
      return mapJob(row);
    });
  }

  /**
   * Takes a queued job (queued → running, attempts + 1) and, for 'train-model', marks its model
   * running, atomically. Returns null when the job is not queued any more (someone else took it).
   */
  claim(id: number, at = isoNow()): JobRecord | null {
    return this.claimWhere("SELECT id FROM jobs WHERE id = ? AND status = 'queued'", [id], at);
  }

  /** Takes the oldest ready queued job, as {@link claim} does; null when none is ready. */
  claimNext(at = isoNow()): JobRecord | null {
    return this.claimWhere(`SELECT j.id FROM jobs j WHERE ${READY} ORDER BY j.id LIMIT 1`, [], at);
  }

  private finish(id: number, status: 'done' | 'failed', error: string | null, at: string): JobRecord {
    return this.conn.write(`mark job ${id} ${status}`, () => {
      const row = this.conn.db
        .prepare<unknown[], JobRow>("UPDATE jobs SET status = ?, error = ?, updated_at = ? WHERE id = ? AND status IN ('queued', 'running') RETURNING *")
        .get(status, error, at, id);
      if (!row) {
        const job = this.get(id);
        throw job ? new MnemoError('conflict', `Job ${id} is already ${job.status}.`) : new MnemoError('not-found', `There is no job ${id}.`);
      }
      if (status === 'failed' && row.kind === 'train-model') {
        this.conn.db
          .prepare("UPDATE models SET status = 'failed', error = ?, finished_at = ? WHERE study_id = ? AND idx = ? AND status <> 'done'")
          .run(error, at, row.study_id, row.model_idx);
      }
      return mapJob(row);
    });
  }

  /** Marks a job done (train-model jobs are completed by recordModelResult instead). */
  complete(id: number, at = isoNow()): JobRecord {
    return this.finish(id, 'done', null, at);
  }

  /**
   * Cancels one queued or running job (its study was stopped while it ran); a train-model job's
   * unfinished model goes back to 'pending', so a resume trains it again.
   */
  cancel(id: number, at = isoNow()): JobRecord | null {
    return this.conn.write(`cancel job ${id}`, () => {
      const row = this.conn.db
        .prepare<unknown[], JobRow>("UPDATE jobs SET status = 'cancelled', updated_at = ? WHERE id = ? AND status IN ('queued', 'running') RETURNING *")
        .get(at, id);
      if (row?.kind === 'train-model') {
        this.conn.db.prepare("UPDATE models SET status = 'pending', started_at = NULL WHERE study_id = ? AND idx = ? AND status = 'running'").run(row.study_id, row.model_idx);
      }
      return row ? mapJob(row) : null;
    });
  }

  /** Marks a job failed with a reason; a train-model job's model becomes 'failed' too. */
  fail(id: number, error: string, at = isoNow()): JobRecord {
    return this.finish(id, 'failed', error, at);
  }

  /**
   * Puts every 'running' job of a study back in the queue and its 'running' models back to
   * 'pending' (on resume after a crash or quit). Returns how many jobs were requeued.
   */
  requeueRunning(studyId: string, at = isoNow()): number {
    return this.conn.write(`requeue the jobs of study "${studyId}"`, () => {
      this.conn.db.prepare("UPDATE models SET status = 'pending', started_at = NULL WHERE study_id = ? AND status = 'running'").run(studyId);
      return this.conn.db.prepare("UPDATE jobs SET status = 'queued', updated_at = ? WHERE study_id = ? AND status = 'running'").run(at, studyId).changes;
    });
  }

  /** Cancels a study's queued jobs (running ones finish or fail on their own). Returns how many. */
  cancelQueued(studyId: string, at = isoNow()): number {
    return this.conn.write(`cancel the jobs of study "${studyId}"`, () =>
      this.conn.db.prepare("UPDATE jobs SET status = 'cancelled', updated_at = ? WHERE study_id = ? AND status = 'queued'").run(at, studyId).changes,
    );
  }

  /** Puts a study's failed and cancelled jobs back in the queue (retry); failed models become pending. */
  requeueUnfinished(studyId: string, at = isoNow()): number {
    return this.conn.write(`retry the jobs of study "${studyId}"`, () => {
      this.conn.db.prepare("UPDATE models SET status = 'pending', error = NULL WHERE study_id = ? AND status = 'failed'").run(studyId);
      return this.conn.db
        .prepare("UPDATE jobs SET status = 'queued', error = NULL, updated_at = ? WHERE study_id = ? AND status IN ('failed', 'cancelled')")
        .run(at, studyId).changes;
    });
  }
}

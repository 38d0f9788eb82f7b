/** The `studies` table: what a study is, how it went, and what the studies list shows. */
import { randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import type { StudyConfig } from '../../src-shared/config/study';
import { MnemoError } from '../../src-shared/result';
import type { StudyStatus } from '../../src-shared/studies';
import { isoNow, type Connection } from './connection';
import { fromJson, toJson } from './json-columns';
import { mapModel, type ModelRecord, type ModelRow } from './models-repository';
import { studyNotFound } from './not-found';
import { assertStudyId, studyWeightsDir } from './weights-paths';

export type { StudyStatus };
export const STUDY_STATUSES: readonly StudyStatus[] = ['queued', 'running', 'interrupted', 'cancelled', 'failed', 'completed'];

/** Where and how a study ran. */
export interface StudyRunInfo {
  datasetFingerprint: string | null;
  datasetSource: string | null;
  backend: string | null;
  /** Versions of the backend's packages, e.g. {"@tensorflow/tfjs-core": "4.22.0"}. */
  backendVersions: Record<string, string> | null;
  appVersion: string | null;
  sampleCount: number | null;
}

export interface StudyRecord extends StudyRunInfo {
  id: string;
  /** The current name (renaming does not touch `config.name`, which says what was run). */
  name: string;
  config: StudyConfig;
  tags: string[];
  notes: string;
  status: StudyStatus;
  error: string | null;
  archived: boolean;
  /** The baseline other studies are compared with; at most one study is pinned. */
  pinned: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  /** Headline metrics written by the analysis step; the store keeps them as an opaque JSON object. */
  summary: Record<string, unknown> | null;
}

/** How many of a study's models are in each state. */
export interface ModelProgress {
  total: number;
  done: number;
  running: number;
  failed: number;
}

export interface StudyListItem extends StudyRecord {
  progress: ModelProgress;
}

export interface StudyWithModels {
  study: StudyRecord;
  models: ModelRecord[];
}

export interface NewStudy {
  /** Defaults to a random UUID. */
  id?: string;
  config: StudyConfig;
  /** Defaults to `config.name`. */
  name?: string;
  /** Defaults to `config.tags`. */
  tags?: readonly string[];
  notes?: string;
  createdAt?: string;
  run?: Partial<StudyRunInfo>;
}

export interface StudyRow {
  id: string;
  name: string;
  config: string;
  tags: string;
  notes: string;
  status: StudyStatus;
  error: string | null;
  archived: number;
  pinned: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_seconds: number | null;
  dataset_fingerprint: string | null;
  dataset_source: string | null;
  backend: string | null;
  backend_versions: string | null;
  app_version: string | null;
  sample_count: number | null;
  summary: string | null;
}

interface StudyListRow extends StudyRow {
  models_total: number;
  models_done: number;
  models_running: number;
  models_failed: number;
}

/** A `studies` row as a domain object (JSON columns parsed). */
export function mapStudy(row: StudyRow): StudyRecord {
  const where = (column: string) => `studies.${column} of study "${row.id}"`;
  return {
    id: row.id,
    name: row.name,
    config: fromJson<StudyConfig>(row.config, where('config')),
    tags: fromJson<string[]>(row.tags, where('tags')),
    notes: row.notes,
    status: row.status,
    error: row.error,
    archived: row.archived === 1,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationSeconds: row.duration_seconds,
    datasetFingerprint: row.dataset_fingerprint,
    datasetSource: row.dataset_source,
    backend: row.backend,
    backendVersions: fromJson<Record<string, string>>(row.backend_versions, where('backend_versions')),
    appVersion: row.app_version,
    sampleCount: row.sample_count,
    summary: fromJson<Record<string, unknown>>(row.summary, where('summary')),
  };
}

const NAME_MAX = 200;
const TAG_MAX = 60;

/** Trims and checks a study name. Throws MnemoError('invalid-request') naming the field. */
function checkedName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > NAME_MAX) {
    throw new MnemoError('invalid-request', `A study name must be 1–${NAME_MAX} characters.`, [{ path: 'name', message: `must be 1–${NAME_MAX} characters` }]);
  }
  return trimmed;
}

/** Trims, de-duplicates and checks tags. Throws MnemoError('invalid-request') naming the bad tag. */
function checkedTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  tags.forEach((tag, i) => {
    const trimmed = typeof tag === 'string' ? tag.trim() : '';
    if (trimmed.length === 0 || trimmed.length > TAG_MAX) {
      throw new MnemoError('invalid-request', `Tag ${i + 1} must be 1–${TAG_MAX} characters.`, [{ path: `tags.${i}`, message: `must be 1–${TAG_MAX} characters` }]);
    }
    if (!out.includes(trimmed)) out.push(trimmed);
  });
  return out;
}

const LIST_SQL = `
SELECT s.*,
  ifnull(p.total, 0) AS models_total, ifnull(p.done, 0) AS models_done,
  ifnull(p.running, 0) AS models_running, ifnull(p.failed, 0) AS models_failed
FROM studies s
LEFT JOIN (
  SELECT study_id, count(*) AS total, sum(status = 'done') AS done,
    sum(status = 'running') AS running, sum(status = 'failed') AS failed
  FROM models GROUP BY study_id
) p ON p.study_id = s.id
WHERE @archived IS NULL OR s.archived = @archived
ORDER BY s.created_at DESC, s.id`;

export class StudiesRepository {
  constructor(private readonly conn: Connection) {}

  /**
   * Inserts a study (status 'queued'). Most callers want `createStudy`, which adds its models and
   * jobs in the same transaction.
   * Throws MnemoError('invalid-request') for a bad name or tag, ('conflict') when the id is taken.
   */
  insert(study: NewStudy): StudyRecord {
    const id = study.id ?? randomUUID();
    assertStudyId(id);
    const name = checkedName(study.name ?? study.config.name);
    const tags = checkedTags(study.tags ?? study.config.tags);
    const run = study.run ?? {};
    return this.conn.write(`create study "${name}"`, () => {
      if (this.exists(id)) throw new MnemoError('conflict', `A study with id "${id}" already exists.`);
      this.conn.db
        .prepare(
          `INSERT INTO studies (id, name, config, tags, notes, created_at, dataset_fingerprint, dataset_source, backend, backend_versions, app_version, sample_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          id,
          name,
          JSON.stringify(study.config),
          JSON.stringify(tags),
          study.notes ?? '',
          study.createdAt ?? isoNow(),
          run.datasetFingerprint ?? null,
          run.datasetSource ?? null,
          run.backend ?? null,
          toJson(run.backendVersions),
          run.appVersion ?? null,
          run.sampleCount ?? null,
        );
      return this.require(id);
    });
  }

  /** True when a study with this id exists. */
  exists(id: string): boolean {
    return this.conn.db.prepare('SELECT 1 FROM studies WHERE id = ?').get(id) !== undefined;
  }

  /** One study, or null. */
  get(id: string): StudyRecord | null {
    const row = this.conn.db.prepare<[string], StudyRow>('SELECT * FROM studies WHERE id = ?').get(id);
    return row ? mapStudy(row) : null;
  }

  /** One study. Throws MnemoError('not-found') naming the id. */
  require(id: string): StudyRecord {
    const study = this.get(id);
    if (!study) throw studyNotFound(id);
    return study;
  }

  /** One study with its models in index order, or null. */
  getWithModels(id: string): StudyWithModels | null {
    const study = this.get(id);
    if (!study) return null;
    const rows = this.conn.db.prepare<[string], ModelRow>('SELECT * FROM models WHERE study_id = ? ORDER BY idx').all(id);
    return { study, models: rows.map(mapModel) };
  }

  /**
   * Every study, newest first, with its summary and model progress counts, in one query.
   * Args: `archived` true or false to keep only archived or only active studies; omit for all.
   */
  list(options: { archived?: boolean } = {}): StudyListItem[] {
    const archived = options.archived === undefined ? null : options.archived ? 1 : 0;
    const rows = this.conn.db.prepare<{ archived: number | null }, StudyListRow>(LIST_SQL).all({ archived });
    return rows.map((row) => ({
      ...mapStudy(row),
      progress: { total: row.models_total, done: row.models_done, running: row.models_running, failed: row.models_failed },
    }));
  }

  /** The pinned baseline study, or null. */
  baseline(): StudyRecord | null {
    const row = this.conn.db.prepare<[], StudyRow>('SELECT * FROM studies WHERE pinned = 1').get();
    return row ? mapStudy(row) : null;
  }

  private update(id: string, action: string, sql: string, ...params: unknown[]): StudyRecord {
    return this.conn.write(action, () => {
      const changes = this.conn.db.prepare(`UPDATE studies SET ${sql} WHERE id = ?`).run(...params, id).changes;
      if (changes === 0) throw studyNotFound(id);
      return this.require(id);
    });
  }

  /** Renames a study. Throws MnemoError('invalid-request') for an empty or long name, ('not-found'). */
  rename(id: string, name: string): StudyRecord {
    const checked = checkedName(name);
    return this.update(id, `rename study "${id}"`, 'name = ?', checked);
  }

  /** Replaces a study's tags (trimmed, de-duplicated). */
  setTags(id: string, tags: readonly string[]): StudyRecord {
    return this.update(id, `set the tags of study "${id}"`, 'tags = ?', JSON.stringify(checkedTags(tags)));
  }

  /** Replaces a study's free-text notes. */
  setNotes(id: string, notes: string): StudyRecord {
    return this.update(id, `save the notes of study "${id}"`, 'notes = ?', notes);
  }

  /** Archives a study (hidden from the default list, kept whole) or brings it back. */
  setArchived(id: string, archived: boolean): StudyRecord {
    return this.update(id, `archive study "${id}"`, 'archived = ?', archived ? 1 : 0);
  }

  /** Makes a study the baseline (unpinning the previous one), or unpins it. */
  setPinned(id: string, pinned: boolean): StudyRecord {
    return this.conn.write(`pin study "${id}"`, () => {
      if (pinned) this.conn.db.prepare('UPDATE studies SET pinned = 0 WHERE pinned = 1 AND id <> ?').run(id);
      return this.update(id, `pin study "${id}"`, 'pinned = ?', pinned ? 1 : 0);
    });
  }

  /**
   * Moves a study to `status`. 'running' stamps started_at the first time; a final status
   * ('completed', 'failed', 'cancelled') stamps finished_at and, unless given, the duration since
   * started_at. `error` is kept for 'failed' and 'interrupted' and cleared otherwise.
   */
  setStatus(id: string, status: StudyStatus, options: { error?: string | null; at?: string; durationSeconds?: number } = {}): StudyRecord {
    const at = options.at ?? isoNow();
    const final = status === 'completed' || status === 'failed' || status === 'cancelled';
    const error = status === 'failed' || status === 'interrupted' ? (options.error ?? null) : null;
    return this.conn.write(`set the status of study "${id}"`, () => {
      const study = this.require(id);
      const startedAt = study.startedAt ?? (status === 'running' ? at : null);
      let finishedAt = study.finishedAt;
      let duration = study.durationSeconds;
      if (status === 'running') {
        finishedAt = null;
        duration = null;
      } else if (final) {
        finishedAt = at;
        duration = startedAt ? Math.max(0, (Date.parse(at) - Date.parse(startedAt)) / 1000) : null;
      }
      if (options.durationSeconds !== undefined) duration = options.durationSeconds;
      return this.update(
        id,
        `set the status of study "${id}"`,
        'status = ?, error = ?, started_at = ?, finished_at = ?, duration_seconds = ?',
        status,
        error,
        startedAt,
        finishedAt,
        duration,
      );
    });
  }

  /**
   * Marks every 'running' study 'interrupted' (at startup, after a crash or a quit mid-run), with
   * `reason` as its error. Returns their ids.
   */
  interruptRunning(reason: string): string[] {
    return this.conn.write('mark running studies as interrupted', () =>
      this.conn.db
        .prepare<[string], { id: string }>("UPDATE studies SET status = 'interrupted', error = ? WHERE status = 'running' RETURNING id")
        .all(reason)
        .map((row) => row.id),
    );
  }

  /** Records where and how the study ran (only the fields given change). */
  setRunInfo(id: string, info: Partial<StudyRunInfo>): StudyRecord {
    const columns: Array<[keyof StudyRunInfo, string]> = [
      ['datasetFingerprint', 'dataset_fingerprint'],
      ['datasetSource', 'dataset_source'],
      ['backend', 'backend'],
      ['backendVersions', 'backend_versions'],
      ['appVersion', 'app_version'],
      ['sampleCount', 'sample_count'],
    ];
    const given = columns.filter(([key]) => key in info);
    if (given.length === 0) return this.require(id);
    const values = given.map(([key]) => (key === 'backendVersions' ? toJson(info.backendVersions) : (info[key] ?? null)));
    return this.update(id, `record how study "${id}" ran`, given.map(([, column]) => `${column} = ?`).join(', '), ...values);
  }

  /** Replaces the headline metrics (written by the analysis step). */
  setSummary(id: string, summary: Record<string, unknown> | null): StudyRecord {
    return this.update(id, `save the summary of study "${id}"`, 'summary = ?', toJson(summary));
  }

  /**
   * Deletes a study with everything it owns (models, arrays, epochs, jobs, analyses, events) and
   * then its weight files. A crash between the two leaves files the orphan sweep removes.
   * Returns false when there was no such study.
   */
  async delete(id: string): Promise<boolean> {
    const deleted = this.conn.write(`delete study "${id}"`, () => this.conn.db.prepare('DELETE FROM studies WHERE id = ?').run(id).changes > 0);
    if (deleted) await fsp.rm(studyWeightsDir(this.conn.dataDir, id), { recursive: true, force: true });
    return deleted;
  }
}

/**
 * The `analyses` table: one result per (study, kind) — 'lira', 'rmia', 'threshold',
 * 'memorization'… — replaced when the analysis is run again. Per-sample scores go to `arrays`.
 */
import { isoNow, type Connection } from './connection';
import { fromJson } from './json-columns';
import { studyNotFound } from './not-found';

export interface AnalysisInput {
  kind: string;
  /** The options it ran with. */
  config: Record<string, unknown>;
  /** Its metrics (JSON; NaN and ±Infinity are stored as null). */
  result: unknown;
}

export interface AnalysisRecord {
  id: number;
  studyId: string;
  kind: string;
  config: Record<string, unknown>;
  result: unknown;
  createdAt: string;
}

interface AnalysisRow {
  id: number;
  study_id: string;
  kind: string;
  config: string;
  result: string;
  created_at: string;
}

function mapAnalysis(row: AnalysisRow): AnalysisRecord {
  const where = (column: string) => `analyses.${column} of the ${row.kind} analysis of study "${row.study_id}"`;
  return {
    id: row.id,
    studyId: row.study_id,
    kind: row.kind,
    config: fromJson<Record<string, unknown>>(row.config, where('config')),
    result: fromJson<unknown>(row.result, where('result')),
    createdAt: row.created_at,
  };
}

export class AnalysesRepository {
  constructor(private readonly conn: Connection) {}

  /** Writes analyses, replacing same-kind ones; for callers inside a write transaction. */
  writeRows(studyId: string, analyses: readonly AnalysisInput[], at = isoNow()): void {
    const upsert = this.conn.db.prepare(
      `INSERT INTO analyses (study_id, kind, config, result, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (study_id, kind) DO UPDATE SET config = excluded.config, result = excluded.result, created_at = excluded.created_at`,
    );
    for (const a of analyses) {
      if (typeof a.kind !== 'string' || a.kind.length === 0) throw new RangeError(`an analysis of study "${studyId}" has no kind`);
      upsert.run(studyId, a.kind, JSON.stringify(a.config ?? {}), JSON.stringify(a.result ?? null), at);
    }
  }

  /**
   * Stores one analysis result, replacing an earlier one of the same kind.
   * Throws MnemoError('not-found') for a missing study.
   */
  put(studyId: string, analysis: AnalysisInput, at = isoNow()): AnalysisRecord {
    return this.conn.write(`save the ${analysis.kind} analysis of study "${studyId}"`, () => {
      if (!this.conn.db.prepare('SELECT 1 FROM studies WHERE id = ?').get(studyId)) throw studyNotFound(studyId);
      this.writeRows(studyId, [analysis], at);
      return this.get(studyId, analysis.kind)!;
    });
  }

  /** One analysis, or null. */
  get(studyId: string, kind: string): AnalysisRecord | null {
    const row = this.conn.db.prepare<[string, string], AnalysisRow>('SELECT * FROM analyses WHERE study_id = ? AND kind = ?').get(studyId, kind);
    return row ? mapAnalysis(row) : null;
  }

  /** A study's analyses, by kind. */
  list(studyId: string): AnalysisRecord[] {
    return this.conn.db.prepare<[string], AnalysisRow>('SELECT * FROM analyses WHERE study_id = ? ORDER BY kind').all(studyId).map(mapAnalysis);
  }

  /** Deletes one analysis. Returns false when there was none. */
  delete(studyId: string, kind: string): boolean {
    return this.conn.write(`delete the ${kind} analysis of study "${studyId}"`, () =>
      this.conn.db.prepare('DELETE FROM analyses WHERE study_id = ? AND kind = ?').run(studyId, kind).changes > 0,
    );
  }
}

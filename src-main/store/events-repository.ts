/** The `events` table: the log a study (or the app, with a null study) shows as its tail. */
import { isoNow, type Connection } from './connection';

export type EventLevel = 'info' | 'warn' | 'error';

export interface EventRecord {
  id: number;
  studyId: string | null;
  at: string;
  level: EventLevel;
  message: string;
}

interface EventRow {
  id: number;
  study_id: string | null;
  at: string;
  level: EventLevel;
  message: string;
}

function mapEvent(row: EventRow): EventRecord {
  return { id: row.id, studyId: row.study_id, at: row.at, level: row.level, message: row.message };
}

export class EventsRepository {
  constructor(private readonly conn: Connection) {}

  /** Appends a log line for a study (or the app, `studyId` null). */
  add(studyId: string | null, level: EventLevel, message: string, at = isoNow()): EventRecord {
    return this.conn.write('write to the study log', () =>
      mapEvent(this.conn.db.prepare<unknown[], EventRow>('INSERT INTO events (study_id, at, level, message) VALUES (?, ?, ?, ?) RETURNING *').get(studyId, at, level, message)!),
    );
  }

  /** The last `limit` lines of a study's (or the app's) log, oldest first. */
  tail(studyId: string | null, limit = 200): EventRecord[] {
    return this.conn.db
      .prepare<[string | null, number], EventRow>('SELECT * FROM events WHERE study_id IS ? ORDER BY id DESC LIMIT ?')
      .all(studyId, limit)
      .reverse()
      .map(mapEvent);
  }

  /** Lines written after event `afterId`, oldest first (for a live log that polls). */
  since(studyId: string | null, afterId: number, limit = 1000): EventRecord[] {
    return this.conn.db
      .prepare<[string | null, number, number], EventRow>('SELECT * FROM events WHERE study_id IS ? AND id > ? ORDER BY id LIMIT ?')
      .all(studyId, afterId, limit)
      .map(mapEvent);
  }

  /** Keeps only the newest `keep` lines of a study's (or the app's) log. Returns how many were removed. */
  prune(studyId: string | null, keep: number): number {
    return this.conn.write('trim the study log', () => {
      if (keep <= 0) return this.conn.db.prepare('DELETE FROM events WHERE study_id IS ?').run(studyId).changes;
      // The id of the keep-th newest line; everything older goes (nothing when there are fewer lines).
      const oldestKept = 'SELECT id FROM events WHERE study_id IS ? ORDER BY id DESC LIMIT 1 OFFSET ?';
      return this.conn.db.prepare(`DELETE FROM events WHERE study_id IS ? AND id < ifnull((${oldestKept}), -1)`).run(studyId, studyId, Math.floor(keep) - 1).changes;
    });
  }
}

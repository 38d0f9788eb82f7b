/**
 * One open SQLite connection with what every repository needs beside it: the file name for error
 * messages, the data directory for weight files, and the one way to write (an IMMEDIATE transaction
 * whose disk-full and locked failures become user-facing MnemoErrors).
 */
import type Database from 'better-sqlite3';
import { storeError } from './errors';

/** The current time as ISO 8601 text, the form every timestamp column holds. */
export function isoNow(): string {
  return new Date().toISOString();
}

export class Connection {
  /** Weight files being written by this process (relative paths): the orphan sweep leaves them alone. */
  readonly weightsInFlight = new Set<string>();

  constructor(
    readonly db: Database.Database,
    /** Absolute path of the database file. */
    readonly file: string,
    /** The data directory that holds the database and `weights/`. */
    readonly dataDir: string,
    readonly readOnly: boolean,
    readonly busyTimeoutMs: number,
  ) {}

  /**
   * Runs `fn` in one transaction that takes the write lock at BEGIN (IMMEDIATE), so it waits for the
   * busy timeout up front instead of failing half-way when a reader's snapshot is stale. Nested calls
   * become savepoints of the outer transaction.
   *
   * Args: `action`, a verb phrase for error messages ("rename study …"); `fn`, the writes.
   * Throws MnemoError('unavailable') for a full disk or a database locked past the timeout (the
   * transaction has been rolled back); any other error from `fn` unchanged, after rolling back.
   */
  write<T>(action: string, fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      throw storeError(error, { file: this.file, action, busyTimeoutMs: this.busyTimeoutMs });
    }
  }
}

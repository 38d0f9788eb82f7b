/** Brings a database's schema up to date, one numbered migration per transaction. */
import type Database from 'better-sqlite3';
import { MnemoError } from '../../src-shared/result';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

/** The schema version recorded in the file (0 for a new, empty database). */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses a database written by a newer Mnemo, whose schema this build does not know. Called
 * before anything is changed in the file (not even its journal mode).
 * Throws MnemoError('unavailable') naming both versions and the file.
 */
export function assertNotNewer(version: number, file: string): void {
  if (version > LATEST_VERSION) {
    throw new MnemoError(
      'unavailable',
      `${file} was written by a newer version of Mnemo (schema version ${version}; this version knows up to ${LATEST_VERSION}). Update Mnemo to open it. Nothing was changed in the file.`,
    );
  }
}

/**
 * Applies every migration newer than the file's user_version, each with its version bump in one
 * transaction, so a crash leaves the database at a whole version.
 * Returns the versions applied.
 */
export function migrate(db: Database.Database, file: string): number[] {
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      if (schemaVersion(db) >= migration.version) return false;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (step.immediate()) applied.push(migration.version);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MnemoError('unavailable', `Could not upgrade ${file} to schema version ${migration.version} (${migration.description}): ${reason}. The file is left at version ${schemaVersion(db)}.`);
    }
  }
  return applied;
}

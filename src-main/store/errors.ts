/**
 * What the store tells people when SQLite or the file system refuses a write. A full disk and a
 * locked database are conditions a user can fix, so they become `MnemoError('unavailable')` with a
 * message naming the file and saying that nothing was written; anything else is rethrown unchanged.
 */
import { MnemoError } from '../../src-shared/result';

const DISK_FULL = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);

function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
}

/** True for SQLite's "database or disk is full" and the file system's ENOSPC / EDQUOT. */
export function isDiskFull(error: unknown): boolean {
  return DISK_FULL.has(codeOf(error));
}

/** True for SQLITE_BUSY and SQLITE_LOCKED and their extended codes (e.g. SQLITE_BUSY_SNAPSHOT). */
export function isLocked(error: unknown): boolean {
  const code = codeOf(error);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export interface StoreErrorContext {
  /** The file the write went to (the database or a weights file). */
  file: string;
  /** What was being done, as a verb phrase: "record model 3 of study …". */
  action: string;
  /** How long SQLite waited for the lock, for the locked message. */
  busyTimeoutMs?: number;
}

/**
 * Turns a disk-full or locked-database error into a MnemoError('unavailable') that says what
 * happened, which file, and that the write was rolled back; returns any other error as it is.
 * Callers throw the result: `throw storeError(error, context)`.
 */
export function storeError(error: unknown, { file, action, busyTimeoutMs }: StoreErrorContext): unknown {
  if (error instanceof MnemoError) return error;
  const code = codeOf(error);
  if (isDiskFull(error)) {
    return new MnemoError(
      'unavailable',
      `Could not ${action}: the disk holding ${file} is full (${code}). Nothing was written: the change was rolled back. Free some disk space and try again.`,
    );
  }
  if (isLocked(error)) {
    const waited = busyTimeoutMs === undefined ? '' : ` after waiting ${busyTimeoutMs} ms`;
    return new MnemoError(
      'unavailable',
      `Could not ${action}: the database ${file} is locked by another connection or process (${code}${waited}). Nothing was written: the change was rolled back. Close other Mnemo windows or commands that use this data directory and try again.`,
    );
  }
  return error;
}

/** A stored value that cannot be what the schema promises: a damaged row or file. */
export class CorruptDataError extends MnemoError {
  constructor(message: string) {
    super('internal', message);
    this.name = 'CorruptDataError';
  }
}

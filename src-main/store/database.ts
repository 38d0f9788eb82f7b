/**
 * The results store: one SQLite file per data directory (`<dataDir>/mnemo.sqlite`) holding every
 * study, model, per-sample array, epoch, job, analysis and log line, plus weight files beside it
 * under `weights/`. One read-write connection (the writer, owned by the main process) and any number
 * of read-only ones for browsing and export.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { MnemoError } from '../../src-shared/result';
import { AnalysesRepository } from './analyses-repository';
import { ArraysRepository } from './arrays-repository';
import { Connection } from './connection';
import { EpochsRepository } from './epochs-repository';
import { EventsRepository } from './events-repository';
import { JobsRepository } from './jobs-repository';
import { assertNotNewer, migrate, schemaVersion } from './migrate';
import { LATEST_VERSION } from './migrations';
import { ModelsRepository } from './models-repository';
import { StudiesRepository } from './studies-repository';

export const DATABASE_FILE = 'mnemo.sqlite';
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export interface OpenStoreOptions {
  dataDir: string;
  /** Path of better-sqlite3's native addon (the Electron build ships its own binary). */
  nativeBinding?: string;
  /** A read-only connection for browsing and export; the database must already exist and be current. */
  readOnly?: boolean;
  /** How long a write waits for another connection's lock before failing (default 5 s). */
  busyTimeoutMs?: number;
}

/** An open store: the connection and one repository per table group. */
export class Store {
  readonly studies: StudiesRepository;
  readonly models: ModelsRepository;
  readonly arrays: ArraysRepository;
  readonly epochs: EpochsRepository;
  readonly jobs: JobsRepository;
  readonly analyses: AnalysesRepository;
  readonly events: EventsRepository;

  constructor(readonly connection: Connection) {
    this.studies = new StudiesRepository(connection);
    this.models = new ModelsRepository(connection);
    this.arrays = new ArraysRepository(connection);
    this.epochs = new EpochsRepository(connection);
    this.jobs = new JobsRepository(connection);
    this.analyses = new AnalysesRepository(connection);
    this.events = new EventsRepository(connection);
  }

  get db(): Database.Database {
    return this.connection.db;
  }

  get file(): string {
    return this.connection.file;
  }

  get dataDir(): string {
    return this.connection.dataDir;
  }

  /** See {@link Connection.write}. */
  write<T>(action: string, fn: () => T): T {
    return this.connection.write(action, fn);
  }

  /** SQLite's own consistency check: an empty list when the file is sound, else its complaints. */
  integrityProblems(): string[] {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    const foreign = this.db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
    return [...problems, ...foreign.map((f) => `${f.table} row ${f.rowid} refers to a missing ${f.parent} row`)];
  }

  /** Closes the connection (the last writer to close also checkpoints the WAL into the file). */
  close(): void {
    if (this.db.open) this.db.close();
  }
}

/**
 * Sets the connection up for a writer: WAL, so readers never block the writer nor see half a
 * transaction. synchronous = NORMAL is crash-safe in WAL mode for committed transactions: a commit
 * appends checksummed frames to the WAL with write(), so once it returns the transaction survives
 * the process being killed (the OS holds the data); SQLite fsyncs the WAL before every checkpoint,
 * so a power loss can at worst drop the last few commits since then, never corrupt the file or keep
 * part of a transaction. Without WAL (some network file systems) NORMAL is not that safe, so FULL.
 */
function configureWriter(db: Database.Database): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  db.pragma(mode === 'wal' ? 'synchronous = NORMAL' : 'synchronous = FULL');
}

/**
 * Opens (creating when needed) the store of a data directory and brings its schema up to date.
 *
 * Args: see {@link OpenStoreOptions}.
 * Returns the open {@link Store}; close it when done.
 * Throws MnemoError('unavailable') when the file was written by a newer Mnemo (nothing is changed
 * in it), is not a database, is locked past the timeout, or (read-only) does not exist or has an
 * older schema than this build.
 */
export function openStore(options: OpenStoreOptions): Store {
  const dataDir = path.resolve(options.dataDir);
  const file = path.join(dataDir, DATABASE_FILE);
  const readOnly = options.readOnly ?? false;
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  if (!readOnly) fs.mkdirSync(dataDir, { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: readOnly, fileMustExist: readOnly, timeout: busyTimeoutMs, nativeBinding: options.nativeBinding });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MnemoError('unavailable', `Could not open the database ${file}${readOnly ? ' read-only' : ''}: ${reason}`);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
    db.pragma('foreign_keys = ON');
    const version = schemaVersion(db);
    assertNotNewer(version, file);
    if (readOnly) {
      if (version < LATEST_VERSION) {
        throw new MnemoError('unavailable', `${file} has schema version ${version}, older than this Mnemo's ${LATEST_VERSION}: open it read-write once to upgrade it before browsing.`);
      }
    } else {
      configureWriter(db);
      migrate(db, file);
    }
    return new Store(new Connection(db, file, dataDir, readOnly, busyTimeoutMs));
  } catch (error) {
    db.close();
    if (error instanceof MnemoError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new MnemoError('unavailable', `${file} is not a Mnemo database or is damaged (${code}). Move it aside to start a new one; nothing was changed in it.`);
    }
    if (code?.startsWith('SQLITE_BUSY')) {
      throw new MnemoError('unavailable', `Could not open ${file}: it stayed locked by another process for ${busyTimeoutMs} ms (${code}). Nothing was changed in it.`);
    }
    throw error;
  }
}

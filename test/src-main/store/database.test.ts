import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MnemoError } from '../../../src-shared/result';
import { DATABASE_FILE, openStore } from '../../../src-main/store/database';
import { LATEST_VERSION } from '../../../src-main/store/migrations';
import { studyConfig, tempDataDir } from './store-fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function dataDir(): string {
  const { dir, cleanup } = tempDataDir();
  cleanups.push(cleanup);
  return dir;
}

function caught(fn: () => unknown): MnemoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MnemoError);
    return error as MnemoError;
  }
  throw new Error('expected an error');
}

describe('openStore', () => {
  it('creates the database with WAL, foreign keys, a busy timeout, NORMAL sync and the latest schema', () => {
    const dir = path.join(dataDir(), 'nested', 'data');
    const store = openStore({ dataDir: dir, busyTimeoutMs: 1234 });
    try {
      expect(store.file).toBe(path.join(dir, DATABASE_FILE));
      expect(fs.existsSync(store.file)).toBe(true);
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(1234);
      expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
      expect(store.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      const tables = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['analyses', 'arrays', 'epochs', 'events', 'jobs', 'models', 'studies']);
      expect(store.integrityProblems()).toEqual([]);
    } finally {
      store.close();
    }
  });

  it('keeps data and does not migrate again on reopen', () => {
    const dir = dataDir();
    const first = openStore({ dataDir: dir });
    const id = first.studies.insert({ config: studyConfig() }).id;
    first.close();
    const second = openStore({ dataDir: dir });
    expect(second.studies.require(id).name).toBe('purchase baseline');
    expect(second.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    second.close();
  });

  it('refuses a database written by a newer Mnemo and changes nothing in it', () => {
    const dir = dataDir();
    const file = path.join(dir, DATABASE_FILE);
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_VERSION + 3}`);
    raw.close();
    const before = fs.readFileSync(file);
    const error = caught(() => openStore({ dataDir: dir }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('written by a newer version of Mnemo');
    expect(error.message).toContain(`schema version ${LATEST_VERSION + 3}`);
    expect(error.message).toContain(`up to ${LATEST_VERSION}`);
    expect(error.message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(caught(() => openStore({ dataDir: dir, readOnly: true })).message).toContain('newer version of Mnemo');
  });

  it('names a file that is not a database', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, DATABASE_FILE), 'this is not sqlite '.repeat(100));
    const error = caught(() => openStore({ dataDir: dir }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain(path.join(dir, DATABASE_FILE));
    expect(error.message).toContain('not a Mnemo database');
  });

  it('opens a read-only connection that sees committed writes and refuses to write', () => {
    const dir = dataDir();
    expect(caught(() => openStore({ dataDir: dir, readOnly: true })).message).toContain('read-only');
    const writer = openStore({ dataDir: dir });
    const reader = openStore({ dataDir: dir, readOnly: true });
    try {
      const id = writer.studies.insert({ config: studyConfig() }).id;
      expect(reader.studies.list().map((s) => s.id)).toEqual([id]);
      expect(() => reader.studies.rename(id, 'other')).toThrow(/readonly/i);
      expect(writer.studies.require(id).name).toBe('purchase baseline');
    } finally {
      reader.close();
      writer.close();
    }
  });

  it('loads better-sqlite3 from the nativeBinding it is given', () => {
    const require = createRequire(import.meta.url);
    const binding = path.join(path.dirname(require.resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
    const store = openStore({ dataDir: dataDir(), nativeBinding: binding });
    expect(store.studies.list()).toEqual([]);
    store.close();
    const missing = path.join(dataDir(), 'no-such-binding.node');
    expect(caught(() => openStore({ dataDir: dataDir(), nativeBinding: missing })).message).toContain('Could not open the database');
  });
});

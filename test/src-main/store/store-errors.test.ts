import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MnemoError } from '../../../src-shared/result';
import { openStore, type Store } from '../../../src-main/store/database';
import { storeError } from '../../../src-main/store/errors';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { fakeResult, studyConfig, tempDataDir } from './store-fixtures';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function open(busyTimeoutMs = 5000): Store {
  const { dir, cleanup } = tempDataDir();
  const store = openStore({ dataDir: dir, busyTimeoutMs });
  cleanups.push(cleanup, () => store.close());
  return store;
}

function weightFiles(store: Store, studyId: string): string[] {
  const dir = path.join(store.dataDir, 'weights', studyId);
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

describe('a locked database', () => {
  it('turns SQLITE_BUSY after the timeout into an "unavailable" error that names the file, writing nothing', async () => {
    const store = open(100);
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1] }).study.id;
    const other = new Database(store.file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      let error: unknown;
      try {
        store.studies.rename(id, 'renamed');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MnemoError);
      expect((error as MnemoError).code).toBe('unavailable');
      expect((error as MnemoError).message).toBe(
        `Could not rename study "${id}": the database ${store.file} is locked by another connection or process (SQLITE_BUSY after waiting 100 ms). Nothing was written: the change was rolled back. Close other Mnemo windows or commands that use this data directory and try again.`,
      );
      await expect(recordModelResult(store, id, 0, fakeResult(20, 2, 1))).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('is locked') });
      expect(weightFiles(store, id)).toEqual([]);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(store.studies.require(id).name).toBe('purchase baseline');
    expect(store.models.require(id, 0).status).toBe('pending');
    expect(store.studies.rename(id, 'renamed').name).toBe('renamed');
  });
});

describe('a full disk', () => {
  it('turns SQLITE_FULL into an "unavailable" error, rolls the whole result back and keeps the file sound', async () => {
    const store = open();
    const id = createStudy(store, { config: studyConfig(), modelSeeds: [1, 2] }).study.id;
    await recordModelResult(store, id, 0, fakeResult(100, 2, 1));
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    // Room for a few more pages: the 400 kB of arrays below cannot fit.
    store.db.pragma(`max_page_count = ${pages + 4}`);
    const result = fakeResult(25_000, 2, 2);
    let error: unknown;
    try {
      await recordModelResult(store, id, 1, result);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'unavailable',
      message: `Could not record model 1 of study "${id}": the disk holding ${store.file} is full (SQLITE_FULL). Nothing was written: the change was rolled back. Free some disk space and try again.`,
    });
    expect(store.integrityProblems()).toEqual([]);
    expect(store.models.require(id, 1)).toMatchObject({ status: 'pending', weights: null, metrics: null });
    expect(store.arrays.list(id, 1)).toEqual([]);
    expect(store.epochs.list(id, 1)).toEqual([]);
    expect(store.jobs.list(id).find((j) => j.modelIdx === 1)!.status).toBe('queued');
    expect(weightFiles(store, id)).toEqual(['0.weights']);
    expect(store.arrays.list(id, 0)).toHaveLength(5);

    store.db.pragma('max_page_count = 1073741823');
    await recordModelResult(store, id, 1, result);
    expect(store.arrays.require(id, 1, 'phi').data).toEqual(result.arrays[0]!.data);
    expect(store.integrityProblems()).toEqual([]);
  });

  it('says the same for ENOSPC from the file system, and leaves other errors alone', () => {
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const translated = storeError(enospc, { file: '/data/weights/s/0.weights', action: 'record model 0 of study "s"' }) as MnemoError;
    expect(translated.code).toBe('unavailable');
    expect(translated.message).toBe(
      'Could not record model 0 of study "s": the disk holding /data/weights/s/0.weights is full (ENOSPC). Nothing was written: the change was rolled back. Free some disk space and try again.',
    );
    const other = new Error('boom');
    expect(storeError(other, { file: 'f', action: 'a' })).toBe(other);
  });
});

/** A fresh store per test, closed and deleted afterwards. */
import { afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../../src-main/store/database';
import { tempDataDir } from './store-fixtures';

/** Registers beforeEach/afterEach hooks; call `current()` inside a test for the open store. */
export function useStore(): { current: () => Store } {
  let store: Store | undefined;
  let cleanup = () => {};
  beforeEach(() => {
    const temp = tempDataDir();
    cleanup = temp.cleanup;
    store = openStore({ dataDir: temp.dir });
  });
  afterEach(() => {
    store?.close();
    cleanup();
  });
  return { current: () => store! };
}

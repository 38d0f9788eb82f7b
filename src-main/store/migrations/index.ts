/** Every migration, in order. Append a new numbered file here; never edit one that has shipped. */
import { migration001 } from './001-initial';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [migration001];

/** The schema version this build of Mnemo writes. */
export const LATEST_VERSION = MIGRATIONS.length;

/** The services a CLI command opens over the data directory: the store, and for running, the engine and runner. */
import { createNodeEngine } from '../engine/host/node-engine';
import type { EnginePool } from '../engine/host/pool';
import { EventHub } from '../ipc/event-hub';
import { openStore, type Store } from '../store';
import { StudyRunner } from '../studies/runner';
import { resolveDataDir } from '../system/data-dir';
import { engineChoice, loadSettings } from '../system/settings';

export interface Runtime {
  store: Store;
  events: EventHub;
  runner: StudyRunner;
  close(): Promise<void>;
}

/** Opens the store read-only (listing, showing, exporting never take the runner lock). */
export function openReadOnlyStore(dataDirFlag: string | undefined): Store {
  return openStore({ dataDir: resolveDataDir({ flag: dataDirFlag }).path, readOnly: true });
}

/** Opens the store for writing without running anything (rename, delete…). */
export function openWritableStore(dataDirFlag: string | undefined): Store {
  return openStore({ dataDir: resolveDataDir({ flag: dataDirFlag }).path });
}

/** Opens everything needed to run studies from the command line. */
export async function openRuntime(dataDirFlag: string | undefined, log?: (message: string) => void): Promise<Runtime> {
  const store = openWritableStore(dataDirFlag);
  return startRunner(store, createNodeEngine({ ...engineChoice(loadSettings(store.dataDir)), log }));
}

/** A runner over an open store and engine; closing it closes all three (the store also when the runner cannot start). */
export async function startRunner(store: Store, engine: EnginePool): Promise<Runtime> {
  const events = new EventHub();
  let runner: StudyRunner;
  try {
    runner = await StudyRunner.open({ store, engine, events });
  } catch (error) {
    store.close();
    throw error;
  }
  return {
    store,
    events,
    runner,
    close: async () => {
      await runner.close();
      await engine.close();
      store.close();
    },
  };
}

/**
 * Finds a study by id or unique id prefix (like git's short hashes), or by exact name.
 * @throws Error naming the candidates when ambiguous or naming what was looked for when absent.
 */
export function resolveStudyId(store: Store, reference: string): string {
  const studies = store.studies.list();
  const exact = studies.find((s) => s.id === reference);
  if (exact) return exact.id;
  const matches = studies.filter((s) => s.id.startsWith(reference) || s.name === reference);
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) throw new Error(`"${reference}" matches ${matches.length} studies (${matches.slice(0, 5).map((s) => `${s.id.slice(0, 8)} ${s.name}`).join(', ')}); give more of the id`);
  throw new Error(`no study with id or name "${reference}" (see \`mnemo study list\`)`);
}

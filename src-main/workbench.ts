/**
 * The composition root shared by the Electron main process and the browser bridge: one set of
 * services and one dispatcher, whatever the transport.
 */
import fs from 'node:fs';
import type { DataDirInfo } from '../src-shared/system';
import type { EnginePool } from './engine/host/pool';
import { openStore } from './store';
import { presetById } from './studies/presets';
import { StudyRunner } from './studies/runner';
import type { AppContext } from './ipc/context';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { EventHub } from './ipc/event-hub';
import { createHandlers } from './ipc/handlers';

export interface Workbench {
  context: AppContext;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  dataDir: DataDirInfo;
  transport: AppContext['transport'];
  /** The engine pool for this transport (utility processes in Electron, threads under Node); started here. */
  engine: EnginePool;
  /** Where unexpected handler errors go. */
  log?: (message: string) => void;
  /** On a data directory without studies, start the quick study (the main job on a fresh machine). */
  quickStudyIfEmpty?: boolean;
}

/** Opens the workbench's services over a data directory (created if missing). */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  fs.mkdirSync(options.dataDir.path, { recursive: true });
  const log = options.log ?? ((message: string) => console.error(message));
  const events = new EventHub();
  const store = openStore({ dataDir: options.dataDir.path, nativeBinding: process.env.MNEMO_SQLITE_BINDING || undefined });
  const engineReady = options.engine.start();
  // The About panel reports a failed probe; nothing else should crash on it meanwhile.
  engineReady.catch((error) => log(`[engine] ${(error as Error).message}`));
  let runner: StudyRunner;
  try {
    runner = await StudyRunner.open({ store, engine: options.engine, events, log: (message) => log(`[studies] ${message}`) });
  } catch (error) {
    store.close();
    await options.engine.close();
    throw error;
  }
  const context: AppContext = { dataDir: options.dataDir, transport: options.transport, events, engine: options.engine, engineReady, store, runner };
  if (options.quickStudyIfEmpty && store.studies.list().length === 0) {
    log('[studies] No studies yet: starting the quick study.');
    void (async () => {
      for (const config of presetById('quick').studies) await runner.createOrReuse(config);
    })().catch((error) => log(`[studies] The quick study could not start: ${(error as Error).message}`));
  }
  const dispatch = createDispatch(createHandlers(context), (channel, error) =>
    log(`[ipc] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return {
    context,
    dispatch,
    close: async () => {
      await runner.close();
      await options.engine.close();
      store.close();
    },
  };
}

/**
 * The composition root shared by the Electron main process and the browser bridge: one set of
 * services and one dispatcher, whatever the transport.
 */
import fs from 'node:fs';
import type { DataDirInfo } from '../src-shared/system';
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
  /** Where unexpected handler errors go. */
  log?: (message: string) => void;
}

/** Opens the workbench's services over a data directory (created if missing). */
export async function openWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  fs.mkdirSync(options.dataDir.path, { recursive: true });
  const log = options.log ?? ((message: string) => console.error(message));
  const events = new EventHub();
  const context: AppContext = { dataDir: options.dataDir, transport: options.transport, events };
  const dispatch = createDispatch(createHandlers(context), (channel, error) =>
    log(`[ipc] ${channel} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return {
    context,
    dispatch,
    close: async () => {},
  };
}

/** What the IPC handlers work with: the services of one running workbench. */
import type { DataDirInfo } from '../../src-shared/system';
import type { EventHub } from './event-hub';

export interface AppContext {
  dataDir: DataDirInfo;
  /** How the renderer talks to this process. */
  transport: 'electron' | 'browser';
  events: EventHub;
}

/** What the IPC handlers work with: the services of one running workbench. */
import type { DataDirInfo } from '../../src-shared/system';
import type { BackendSelection } from '../engine/backend/select';
import type { EnginePool } from '../engine/host/pool';
import type { Store } from '../store';
import type { StudyRunner } from '../studies/runner';
import type { EventHub } from './event-hub';

export interface AppContext {
  dataDir: DataDirInfo;
  /** How the renderer talks to this process. */
  transport: 'electron' | 'browser';
  events: EventHub;
  /** The engine's workers (training never runs in this process's thread). */
  engine: EnginePool;
  /** Resolves once the first worker has probed and chosen a backend. */
  engineReady: Promise<BackendSelection>;
  /** The writer connection to the results store. */
  store: Store;
  runner: StudyRunner;
}

/**
 * The engine pool as plain Node starts it (CLI, browser bridge, tests): worker threads for CPU
 * backends and a child process for tfjs-node(-gpu), both running the TypeScript sources through tsx.
 */
import { fileURLToPath } from 'node:url';
import { backendInventory } from '../backend/inventory';
import { forcedBackend } from '../backend/select';
import { processSpawner, threadSpawner } from './channel';
import { EnginePool } from './pool';

const BOOTSTRAP = fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url));

export interface NodeEngineOptions {
  /** Workers for CPU backends (default: MNEMO_WORKERS, else one per core; see system/settings.ts engineChoice). */
  workers?: number;
  /** Forced backend (default: MNEMO_BACKEND). */
  backend?: string;
  log?: (message: string) => void;
}

/** Creates (but does not start) the pool. @throws Error for an unknown MNEMO_BACKEND or worker count. */
export function createNodeEngine(options: NodeEngineOptions = {}): EnginePool {
  const envWorkers = process.env.MNEMO_WORKERS;
  const workers = options.workers ?? (envWorkers ? Number(envWorkers) : undefined);
  if (workers !== undefined && !(Number.isInteger(workers) && workers > 0)) throw new Error(`MNEMO_WORKERS must be a positive integer, got "${envWorkers ?? workers}"`);
  const inventory = backendInventory();
  return new EnginePool({
    spawn: { process: processSpawner(BOOTSTRAP), thread: threadSpawner(BOOTSTRAP) },
    workers,
    forced: forcedBackend(options.backend ?? process.env.MNEMO_BACKEND),
    nativeInstalled: inventory.some((b) => (b.name === 'tensorflow' || b.name === 'tensorflow-gpu') && b.installed),
    log: options.log,
  });
}

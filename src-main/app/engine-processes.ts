/**
 * Engine workers under Electron: each is a utilityProcess (a Node process Electron supervises),
 * never the main thread. The worker entry is the bundled engine-worker.js beside the main bundle.
 */
import { utilityProcess } from 'electron';
import { fileURLToPath } from 'node:url';
import { backendInventory } from '../engine/backend/inventory';
import { forcedBackend } from '../engine/backend/select';
import type { WorkerChannel, WorkerSpawner } from '../engine/host/channel';
import { EnginePool } from '../engine/host/pool';
import type { FromWorker } from '../engine/host/protocol';

const WORKER_ENTRY = fileURLToPath(new URL('./engine-worker.js', import.meta.url));

const utilitySpawner: WorkerSpawner = (): WorkerChannel => {
  const child = utilityProcess.fork(WORKER_ENTRY, [], { serviceName: 'Mnemo engine', stdio: 'inherit' });
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message) => listener(message as FromWorker)),
    onExit: (listener) => child.once('exit', (code) => listener(`exited with code ${code}`)),
    terminate: () => void child.kill(),
    get pid() {
      return child.pid ?? null;
    },
  };
};

/** The engine pool of the desktop app, with the backend and worker count of the settings (environment first). */
export function createElectronEngine(choice: { backend: string | undefined; workers: number | undefined }, log: (message: string) => void): EnginePool {
  const inventory = backendInventory();
  return new EnginePool({
    spawn: { process: utilitySpawner, thread: utilitySpawner },
    workers: choice.workers,
    forced: forcedBackend(choice.backend),
    nativeInstalled: inventory.some((b) => (b.name === 'tensorflow' || b.name === 'tensorflow-gpu') && b.installed),
    log,
  });
}

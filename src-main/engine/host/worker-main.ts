/**
 * An engine worker: probes and activates a backend, then runs jobs one at a time, streaming their
 * progress and honouring cancellation. Each worker has its own tfjs.
 */
import { backendInventory } from '../backend/inventory';
import { probeAndSelect } from '../backend/probe';
import { JOB_HANDLERS } from '../jobs/registry';
import { parentPort } from './channel';
import type { ToWorker } from './protocol';

const port = await parentPort();
const running = new Map<number, AbortController>();
let queue: Promise<void> = Promise.resolve();

const errorInfo = (error: unknown) => ({ name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) });

async function run(id: number, kind: string, payload: unknown): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const handler = JOB_HANDLERS[kind];
    if (!handler) throw new Error(`Unknown engine job "${kind}"`);
    const result = await handler(payload, { signal: controller.signal, progress: (progress) => port.post({ type: 'progress', id, progress }) });
    port.post({ type: 'result', id, result });
  } catch (error) {
    port.post({ type: 'error', id, error: errorInfo(error) });
  } finally {
    running.delete(id);
  }
}

port.onMessage((message: ToWorker) => {
  switch (message.type) {
    case 'init':
      probeAndSelect(backendInventory(), message.forced).then(
        (selection) => port.post({ type: 'ready', selection }),
        (error) => port.post({ type: 'init-failed', error: errorInfo(error) }),
      );
      break;
    case 'run':
      // One job at a time per worker: tfjs state (backend, memory) is per worker.
      queue = queue.then(() => run(message.id, message.job.kind, message.job.payload));
      break;
    case 'cancel':
      running.get(message.id)?.abort();
      break;
    case 'shutdown':
      process.exit(0);
  }
});

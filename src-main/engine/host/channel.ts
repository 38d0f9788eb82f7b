/**
 * The two ends of a worker, whatever it runs on: a worker thread, a child process (tfjs-node is not
 * safe in worker_threads), or Electron's utilityProcess.
 */
import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';
import { transferables } from './protocol';

/** The main process's handle on one worker. */
export interface WorkerChannel {
  post(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once when the worker is gone, with why. */
  onExit(listener: (description: string) => void): void;
  terminate(): void;
  /** The operating-system process id, for process workers (threads share the main process's). */
  readonly pid: number | null;
}

export type WorkerSpawner = () => WorkerChannel;

/** A worker thread running `entry` (a .mjs bootstrap or a built .js file). */
export function threadSpawner(entry: string): WorkerSpawner {
  return () => {
    const worker = new Worker(entry, { stdout: false, stderr: false });
    return {
      post: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => {
        let error: Error | null = null;
        worker.on('error', (e) => (error = e));
        worker.once('exit', (code) => listener(error ? `failed: ${error.message}` : `exited with code ${code}`));
      },
      terminate: () => void worker.terminate(),
      pid: null,
    };
  };
}

/** A child process running `entry`, with structured-clone serialisation so typed arrays survive. */
export function processSpawner(entry: string, env: NodeJS.ProcessEnv = process.env): WorkerSpawner {
  return () => {
    const child = fork(entry, [], { serialization: 'advanced', env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return {
      post: (message) => child.send(message),
      onMessage: (listener) => child.on('message', (m) => listener(m as FromWorker)),
      onExit: (listener) => child.once('exit', (code, signal) => listener(signal ? `was killed by ${signal}` : `exited with code ${code}`)),
      terminate: () => void child.kill('SIGKILL'),
      pid: child.pid ?? null,
    };
  };
}

/** The worker's end: the port it talks to the main process through. */
export interface ParentPort {
  post(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
}

/** Finds how this worker was started and returns its port. */
export async function parentPort(): Promise<ParentPort> {
  const threads = await import('node:worker_threads');
  if (threads.parentPort) {
    const port = threads.parentPort;
    return { post: (message) => port.postMessage(message, transferables(message)), onMessage: (listener) => port.on('message', listener) };
  }
  const electronPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (event: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) {
    return { post: (message) => electronPort.postMessage(message), onMessage: (listener) => electronPort.on('message', (event) => listener(event.data as ToWorker)) };
  }
  if (process.send) {
    return { post: (message) => process.send!(message), onMessage: (listener) => process.on('message', (m) => listener(m as ToWorker)) };
  }
  throw new Error('The engine worker was started without a channel to its parent (thread, child process or utility process).');
}

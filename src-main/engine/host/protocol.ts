/** Messages between the main process and an engine worker. Typed arrays travel as they are. */
import type { BackendName } from '../../../src-shared/system';
import type { BackendSelection } from '../backend/select';

/** A unit of engine work: its kind names the handler in the worker, its payload is the handler's input. */
export interface JobRequest {
  kind: string;
  payload: unknown;
}

export type ToWorker =
  /** Probe the backends (or only `forced`) and activate the chosen one. */
  | { type: 'init'; forced: BackendName | null }
  | { type: 'run'; id: number; job: JobRequest }
  | { type: 'cancel'; id: number }
  | { type: 'shutdown' };

export interface WorkerErrorInfo {
  name: string;
  message: string;
}

export type FromWorker =
  | { type: 'ready'; selection: BackendSelection }
  | { type: 'init-failed'; error: WorkerErrorInfo }
  | { type: 'progress'; id: number; progress: unknown }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: WorkerErrorInfo };

/** Every ArrayBuffer reachable in a value, for zero-copy transfer between threads. */
export function transferables(value: unknown, found: Set<ArrayBuffer> = new Set()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.byteLength === value.buffer.byteLength) found.add(value.buffer);
  } else if (Array.isArray(value)) for (const item of value) transferables(item, found);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) transferables(item, found);
  return [...found];
}

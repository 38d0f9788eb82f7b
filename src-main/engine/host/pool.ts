/**
 * The main process's side of the engine: a pool of workers, each with its own tfjs, fed from one
 * job queue. On CPU backends one worker per core (two wasm workers give ~1.9× one on two cores);
 * on tfjs-node(-gpu), one process (libtensorflow has its own thread pool and is not safe in
 * worker_threads). A crashed or stalled worker fails its job with a clear error and is replaced;
 * nothing waits on it forever.
 */
import os from 'node:os';
import type { BackendName } from '../../../src-shared/system';
import type { BackendSelection } from '../backend/select';
import type { WorkerChannel, WorkerSpawner } from './channel';
import type { FromWorker, JobRequest } from './protocol';

export class JobCancelledError extends Error {
  constructor(kind: string) {
    super(`The ${kind} job was cancelled.`);
    this.name = 'CancelledError';
  }
}

export class WorkerCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashedError';
  }
}

/** An error raised inside a worker, with its original name (CancelledError, DivergenceError…). */
export class EngineJobError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface PoolOptions {
  /** How to start workers: a process for native backends and probing them, a thread (or process) for CPU backends. */
  spawn: { process: WorkerSpawner; thread: WorkerSpawner };
  /** Workers for CPU backends (default: one per core). */
  workers?: number;
  forced: BackendName | null;
  /** Whether a native backend is installed (then the probe runs in a process, where it is safe). */
  nativeInstalled: boolean;
  /** A job that sends nothing for this long is declared stalled and its worker replaced. */
  stallMs?: number;
  log?: (message: string) => void;
}

export interface RunOptions {
  onProgress?: (progress: unknown) => void;
  signal?: AbortSignal;
}

interface Job {
  id: number;
  request: JobRequest;
  options: RunOptions;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  channel: WorkerChannel;
  spawner: WorkerSpawner;
  ready: boolean;
  job: Job | null;
  lastHeard: number;
}

const NATIVE: ReadonlySet<BackendName> = new Set(['tensorflow', 'tensorflow-gpu']);

export class EnginePool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private selection: BackendSelection | null = null;
  private starting: Promise<BackendSelection> | null = null;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(private readonly options: PoolOptions) {}

  /** Probes the backends in a first worker, then starts the rest of the pool on the chosen one (once). */
  start(): Promise<BackendSelection> {
    this.starting ??= this.launch();
    return this.starting;
  }

  /** Resolves with the backend once the pool runs (starting it if needed). */
  ready(): Promise<BackendSelection> {
    return this.start();
  }

  private async launch(): Promise<BackendSelection> {
    const probeSpawner = this.options.nativeInstalled || (this.options.forced && NATIVE.has(this.options.forced)) ? this.options.spawn.process : this.options.spawn.thread;
    const first = this.spawn(probeSpawner);
    this.selection = await this.init(first, this.options.forced);
    const native = NATIVE.has(this.selection.name);
    const size = native ? 1 : Math.max(1, this.options.workers ?? os.availableParallelism());
    const others = Array.from({ length: size - 1 }, () => this.spawn(this.options.spawn.thread));
    await Promise.all(others.map((slot) => this.init(slot, this.selection!.name)));
    const stallMs = this.options.stallMs ?? 10 * 60_000;
    this.watchdog = setInterval(() => this.checkStalls(stallMs), Math.min(stallMs, 30_000));
    this.watchdog.unref();
    this.dispatch();
    return this.selection;
  }

  get backend(): BackendSelection | null {
    return this.selection;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Process ids of the workers that run in their own process, and whether each is busy. */
  workerProcesses(): Array<{ pid: number; busy: boolean }> {
    return [...this.slots].filter((s) => s.channel.pid !== null).map((s) => ({ pid: s.channel.pid!, busy: s.job !== null }));
  }

  /** Queues a job; resolves with its result, rejects with its error, a cancellation or a crash. */
  run<T>(request: JobRequest, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The engine pool is closed.'));
    return new Promise<T>((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, options, resolve: resolve as (v: unknown) => void, reject };
      if (options.signal?.aborted) return reject(new JobCancelledError(request.kind));
      options.signal?.addEventListener('abort', () => this.cancel(job), { once: true });
      this.queue.push(job);
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const job of this.queue.splice(0)) job.reject(new Error('The engine pool was closed.'));
    for (const slot of this.slots) {
      slot.job?.reject(new Error('The engine pool was closed.'));
      slot.job = null;
      slot.channel.post({ type: 'shutdown' });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const slot of this.slots) slot.channel.terminate();
    this.slots.clear();
  }

  private spawn(spawner: WorkerSpawner): Slot {
    const slot: Slot = { channel: spawner(), spawner, ready: false, job: null, lastHeard: Date.now() };
    this.slots.add(slot);
    slot.channel.onMessage((message) => this.onMessage(slot, message));
    slot.channel.onExit((description) => this.onExit(slot, description));
    return slot;
  }

  private init(slot: Slot, forced: BackendName | null): Promise<BackendSelection> {
    return new Promise((resolve, reject) => {
      const listener = (message: FromWorker) => {
        if (message.type === 'ready') {
          slot.ready = true;
          resolve(message.selection);
        } else if (message.type === 'init-failed') reject(new Error(message.error.message));
      };
      slot.channel.onMessage(listener);
      slot.channel.onExit((description) => reject(new WorkerCrashedError(`The engine worker ${description} while choosing a backend.`)));
      slot.channel.post({ type: 'init', forced });
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || !this.queue.length) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.lastHeard = Date.now();
      slot.channel.post({ type: 'run', id: job.id, job: job.request });
    }
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.reject(new JobCancelledError(job.request.kind));
      return;
    }
    for (const slot of this.slots) if (slot.job === job) slot.channel.post({ type: 'cancel', id: job.id });
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    slot.lastHeard = Date.now();
    if (message.type === 'ready' || message.type === 'init-failed') return;
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    if (message.type === 'progress') {
      job.options.onProgress?.(message.progress);
      return;
    }
    slot.job = null;
    if (message.type === 'result') job.resolve(message.result);
    else job.reject(message.error.name === 'CancelledError' ? new JobCancelledError(job.request.kind) : new EngineJobError(message.error.name, message.error.message));
    this.dispatch();
  }

  private onExit(slot: Slot, description: string): void {
    if (!this.slots.delete(slot)) return;
    const job = slot.job;
    slot.job = null;
    if (job) job.reject(new WorkerCrashedError(`The engine worker ${description} while running a ${job.request.kind} job.`));
    if (this.closed || !slot.ready || !this.selection) return;
    this.options.log?.(`engine worker ${description}; starting a replacement`);
    const replacement = this.spawn(slot.spawner);
    this.init(replacement, this.selection.name).then(
      () => this.dispatch(),
      (error) => this.options.log?.(`the replacement worker failed to start: ${(error as Error).message}`),
    );
  }

  private checkStalls(stallMs: number): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.job && now - slot.lastHeard > stallMs) {
        this.options.log?.(`engine worker silent for ${Math.round((now - slot.lastHeard) / 1000)} s; stopping it`);
        slot.channel.terminate();
      }
    }
  }
}

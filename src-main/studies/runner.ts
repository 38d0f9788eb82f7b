/**
 * The study runner: a persistent job queue (in the store) fed to the engine's workers. One job per
 * model, then one analysis job. Every model's result is committed in one transaction as it lands,
 * so a kill -9 at any moment loses at most the models in progress; `resume` requeues what was not
 * done and finished models are never trained again. Lives in the main process, which only
 * supervises: the work happens in the workers.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AttackResult } from '../../src-shared/analysis';
import { StudyConfigSchema, type StudyConfig } from '../../src-shared/config/study';
import { MnemoError } from '../../src-shared/result';
import type { ModelProgressEvent, StudyDesign, StudyStatus } from '../../src-shared/studies';
import { describeFieldErrors, fieldErrors } from '../../src-shared/validation';
import { JobCancelledError, WorkerCrashedError, type EnginePool } from '../engine/host/pool';
import type { TrainModelPayload, TrainModelProgress, TrainModelResult } from '../engine/jobs/train-model';
import type { EventHub } from '../ipc/event-hub';
import { checkpointPath, createStudy, modelResultFromTraining, recordAnalysis, recordModelResult, removeCheckpoint, sweepOrphanWeights, type JobRecord, type Store, type StudyRecord } from '../store';
import { deriveSeed } from '../math/prng';
import { appVersion } from '../system/project-root';
import type { AnalysisOutput } from './analysis';
import { robustPositions, trainPositions, type Population } from './population';
import { importLiraStudy, type LiraImportOptions } from './import-lira';
import { datasetSpec, prepareStudy, resolveDatasetPath } from './prepare';
import { acquireRunnerLock, type RunnerLock } from './runner-lock';

export interface RunnerOptions {
  store: Store;
  engine: EnginePool;
  events: EventHub;
  log?: (message: string) => void;
  /** Keep full logits when one model's are at most this many bytes (sample inspection, RMIA at T ≠ 1). */
  keepLogitsBytes?: number;
}

/** What a running model job needs, loaded once per study. */
interface StudyContext {
  config: StudyConfig;
  design: StudyDesign;
  population: Population;
  keep: Uint8Array;
}

interface InFlight {
  studyId: string;
  job: JobRecord;
  controller: AbortController;
}

const TERMINAL: ReadonlySet<StudyStatus> = new Set(['completed', 'failed', 'cancelled', 'interrupted']);

/** A config as a key: what was run, without what it is called. */
export function comparableConfig(config: StudyConfig): string {
  const { name: _name, description: _description, tags: _tags, ...rest } = config;
  const sorted = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)])) : value;
  return JSON.stringify(sorted(rest));
}

export class StudyRunner {
  private readonly inflight = new Map<number, InFlight>();
  private readonly contexts = new Map<string, StudyContext>();
  private readonly waiters = new Map<string, Array<(study: StudyRecord) => void>>();
  /** Training time of studies being re-analysed, so their duration does not count the time between. */
  private readonly priorSeconds = new Map<string, number>();
  private closed = false;
  private pumping = false;
  private watcher: NodeJS.Timeout | null = null;

  private constructor(
    private readonly options: RunnerOptions,
    private readonly lock: RunnerLock,
  ) {}

  /**
   * Takes the data directory's runner lock, marks studies a dead process left running as
   * interrupted (they wait for `resume`), removes orphaned weight files, and starts the queue.
   */
  static async open(options: RunnerOptions): Promise<StudyRunner> {
    const lock = acquireRunnerLock(options.store.dataDir);
    const runner = new StudyRunner(options, lock);
    const interrupted = options.store.studies.interruptRunning('Mnemo stopped while this study was running; resume it to continue.');
    for (const id of interrupted) options.store.jobs.requeueRunning(id);
    if (interrupted.length) runner.log(`${interrupted.length} interrupted ${interrupted.length === 1 ? 'study waits' : 'studies wait'} to be resumed`);
    await sweepOrphanWeights(options.store);
    // Another process (`mnemo study cancel`) may cancel a study this runner is training: notice it.
    runner.watcher = setInterval(() => runner.stopCancelledElsewhere(), 1000);
    runner.watcher.unref();
    void runner.pump();
    return runner;
  }

  /**
   * Cancels a study from a process that does not hold the runner lock: queued jobs are cancelled
   * and the status set; the runner training it notices within a second and stops its models.
   */
  static requestCancel(store: Store, studyId: string): StudyRecord {
    const study = store.studies.require(studyId);
    if (TERMINAL.has(study.status) && study.status !== 'interrupted') return study;
    store.jobs.cancelQueued(studyId);
    store.events.add(studyId, 'warn', 'Study cancelled from another process.');
    return store.studies.setStatus(studyId, 'cancelled');
  }

  private stopCancelledElsewhere(): void {
    for (const flight of this.inflight.values()) {
      const status = this.store.studies.get(flight.studyId)?.status;
      if (status !== 'running' && status !== 'queued' && !flight.controller.signal.aborted) flight.controller.abort();
    }
  }

  private get store(): Store {
    return this.options.store;
  }

  private log(message: string, studyId: string | null = null, level: 'info' | 'warn' | 'error' = 'info'): void {
    const event = this.store.events.add(studyId, level, message);
    this.options.events.emit('study.log', { studyId, level, message, at: event.at });
    this.options.log?.(message);
  }

  private emitStatus(studyId: string): void {
    const item = this.store.studies.getWithModels(studyId);
    if (!item) return;
    const { study, models } = item;
    this.options.events.emit('study.status', {
      studyId,
      status: study.status,
      modelsDone: models.filter((m) => m.status === 'done').length,
      modelsTotal: models.length,
      error: study.error,
    });
    if (TERMINAL.has(study.status)) {
      for (const resolve of this.waiters.get(studyId) ?? []) resolve(study);
      this.waiters.delete(studyId);
    }
  }

  /**
   * Validates and creates a study, then queues its models.
   * @throws MnemoError('invalid-request') naming every wrong field at once, or the dataset problem.
   */
  async create(input: unknown): Promise<StudyRecord> {
    const parsed = StudyConfigSchema.safeParse(input);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      throw new MnemoError('invalid-request', `Invalid study configuration: ${describeFieldErrors(fields)}`, fields);
    }
    const config = resolveDatasetPath(parsed.data, this.store.dataDir);
    await this.options.engine.ready();
    const prepared = await prepareStudy(this.options.engine, config);
    const { study } = createStudy(this.store, {
      config,
      modelSeeds: prepared.modelSeeds,
      arrays: [
        { name: 'keep', data: prepared.keep, shape: [config.shadow.models, prepared.population.populationSize] },
        { name: 'sample_indices', data: prepared.population.sampleIndices },
        { name: 'labels', data: prepared.labels },
      ],
      analyses: [{ kind: 'design', config: {}, result: prepared.design }],
      run: { datasetFingerprint: prepared.design.fingerprint, datasetSource: prepared.design.source, appVersion: appVersion(), sampleCount: prepared.design.samples },
    });
    this.contexts.set(study.id, { config, design: prepared.design, population: prepared.population, keep: prepared.keep });
    this.log(`Study "${study.name}" created: ${config.shadow.models} models on ${prepared.design.populationSize} samples of ${prepared.design.datasetName}.`, study.id);
    this.emitStatus(study.id);
    void this.pump();
    return this.store.studies.require(study.id);
  }

  /**
   * A study with this config (name, description and tags aside), created unless one exists: a
   * finished or running one is reused, an interrupted or cancelled one resumed. Presets share
   * studies this way, so a reproduction never trains the same models twice.
   */
  async createOrReuse(input: unknown): Promise<StudyRecord> {
    const parsed = StudyConfigSchema.safeParse(input);
    if (parsed.success) {
      const key = comparableConfig(resolveDatasetPath(parsed.data, this.store.dataDir));
      const match = this.store.studies
        .list()
        .filter((s) => s.status !== 'failed' && comparableConfig(s.config) === key)
        .sort((a, b) => Number(b.status === 'completed') - Number(a.status === 'completed'))[0];
      if (match) return match.status === 'interrupted' || match.status === 'cancelled' ? this.resume(match.id) : match;
    }
    return this.create(input);
  }

  /** Opens another pipeline's outputs (LiRA reference layout) as a study and queues its analysis. */
  async importLira(options: LiraImportOptions): Promise<StudyRecord> {
    const study = await importLiraStudy(this.store, options);
    this.log(`Study "${study.name}" imported from ${options.dir}: ${study.config.shadow.models} models.`, study.id);
    this.emitStatus(study.id);
    void this.pump();
    return study;
  }

  /** Resolves when the study reaches completed, failed, cancelled or interrupted. */
  waitFor(studyId: string): Promise<StudyRecord> {
    const study = this.store.studies.require(studyId);
    if (TERMINAL.has(study.status)) return Promise.resolve(study);
    return new Promise((resolve) => this.waiters.set(studyId, [...(this.waiters.get(studyId) ?? []), resolve]));
  }

  /** Stops a study now: queued jobs cancelled, running ones aborted; finished models are kept. */
  async cancel(studyId: string): Promise<StudyRecord> {
    const study = this.store.studies.require(studyId);
    if (TERMINAL.has(study.status) && study.status !== 'interrupted') return study;
    this.store.jobs.cancelQueued(studyId);
    await this.abortRunning(studyId);
    this.store.studies.setStatus(studyId, 'cancelled');
    this.log('Study cancelled.', studyId, 'warn');
    this.emitStatus(studyId);
    return this.store.studies.require(studyId);
  }

  /**
   * Continues an interrupted, cancelled or failed study: unfinished jobs go back in the queue;
   * models already done are never trained again.
   */
  async resume(studyId: string): Promise<StudyRecord> {
    const study = this.store.studies.require(studyId);
    if (study.status === 'completed') throw new MnemoError('conflict', `Study "${study.name}" is already complete.`);
    if (study.status === 'running' || study.status === 'queued') return study;
    this.store.jobs.requeueRunning(studyId);
    const requeued = this.store.jobs.requeueUnfinished(studyId);
    this.store.studies.setStatus(studyId, 'queued');
    const done = this.store.models.list(studyId).filter((m) => m.status === 'done').length;
    this.log(`Study resumed: ${done} models already done, ${requeued} jobs requeued.`, studyId);
    this.emitStatus(studyId);
    void this.pump();
    return this.store.studies.require(studyId);
  }

  /**
   * Runs a completed study's attacks and estimates again on its stored models (after an update to
   * the attacks, say); the earlier results are replaced when the new ones land.
   */
  async reanalyze(studyId: string): Promise<StudyRecord> {
    const study = this.store.studies.require(studyId);
    if (study.status !== 'completed') throw new MnemoError('conflict', `Study "${study.name}" is ${study.status}: only a completed study can be analysed again.`);
    this.priorSeconds.set(studyId, study.durationSeconds ?? 0);
    this.store.jobs.enqueue(studyId, 'analyze');
    this.store.studies.setStatus(studyId, 'queued');
    this.log('Study queued to be analysed again.', studyId);
    this.emitStatus(studyId);
    void this.pump();
    return this.store.studies.require(studyId);
  }

  /** Deletes a study (stopping it first) with its models, arrays and weight files. */
  async delete(studyId: string): Promise<void> {
    this.store.studies.require(studyId);
    this.store.jobs.cancelQueued(studyId);
    await this.abortRunning(studyId);
    this.contexts.delete(studyId);
    await this.store.studies.delete(studyId);
    await fsp.rm(path.join(this.store.dataDir, 'checkpoints', studyId), { recursive: true, force: true });
  }

  /** Stops taking jobs, interrupts running studies (resumable), and releases the lock. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.watcher) clearInterval(this.watcher);
    const studies = new Set([...this.inflight.values()].map((f) => f.studyId));
    for (const id of studies) await this.abortRunning(id);
    for (const id of studies) {
      this.store.studies.setStatus(id, 'interrupted', { error: 'Mnemo was closed while this study was running; resume it to continue.' });
      this.store.jobs.requeueRunning(id);
      this.emitStatus(id);
    }
    this.lock.release();
  }

  private async abortRunning(studyId: string): Promise<void> {
    const running = [...this.inflight.values()].filter((f) => f.studyId === studyId);
    const settled = running.map((f) => new Promise<void>((resolve) => f.controller.signal.addEventListener('settled', () => resolve(), { once: true })));
    for (const f of running) f.controller.abort();
    await Promise.all(settled);
  }

  private context(studyId: string): StudyContext {
    let context = this.contexts.get(studyId);
    if (!context) {
      const study = this.store.studies.require(studyId);
      const design = this.store.analyses.get(studyId, 'design')?.result as StudyDesign | undefined;
      if (!design) throw new MnemoError('conflict', `Study "${study.name}" has no design record and cannot run.`);
      const sampleIndices = this.store.arrays.require(studyId, null, 'sample_indices').data as Int32Array;
      const keep = this.store.arrays.require(studyId, null, 'keep').data as Uint8Array;
      context = { config: study.config, design, population: { sampleIndices, populationSize: design.populationSize, heldOutSize: design.heldOutSize }, keep };
      this.contexts.set(studyId, context);
    }
    return context;
  }

  /** The next job that may start: the oldest queued one of an active study (an analysis only once its models are done). */
  private nextJob(): JobRecord | null {
    for (const job of this.store.jobs.nextQueued(200)) {
      const study = this.store.studies.get(job.studyId);
      if (!study || (study.status !== 'queued' && study.status !== 'running')) continue;
      if (job.kind === 'analyze') {
        const models = this.store.models.list(job.studyId);
        if (!models.every((m) => m.status === 'done')) continue;
      }
      return job;
    }
    return null;
  }

  /** Starts jobs while workers are free. */
  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      const backend = await this.options.engine.ready();
      while (!this.closed && this.inflight.size < Math.max(1, this.options.engine.size)) {
        const next = this.nextJob();
        if (!next) break;
        const job = this.store.jobs.claim(next.id);
        if (!job) continue;
        const study = this.store.studies.require(job.studyId);
        if (study.status === 'queued') {
          this.store.studies.setStatus(job.studyId, 'running');
          // An imported study keeps 'imported' as its backend: its models were not trained here.
          if (study.backend === null) this.store.studies.setRunInfo(job.studyId, { backend: backend.name, backendVersions: backend.versions });
          this.emitStatus(job.studyId);
        }
        const controller = new AbortController();
        this.inflight.set(job.id, { studyId: job.studyId, job, controller });
        const work = job.kind === 'train-model' ? this.runModel(job, controller) : this.runAnalysis(job, controller);
        void work.finally(() => {
          this.inflight.delete(job.id);
          controller.signal.dispatchEvent(new Event('settled'));
          void this.pump();
        });
      }
    } catch (error) {
      // Closing stops the engine under a pump waiting for it; the store is closed by then too.
      if (!this.closed) this.log(`The study queue stopped: ${(error as Error).message}`, null, 'error');
    } finally {
      this.pumping = false;
    }
  }

  private trainPayload(studyId: string, modelIdx: number, seed: number): TrainModelPayload {
    const { config, design, population, keep } = this.context(studyId);
    const logitsBytes = design.samples * design.queryNames.length * design.classes * 4;
    return {
      dataset: datasetSpec(config),
      model: config.model,
      training: config.training,
      method: config.method,
      queries: config.queries,
      robust: config.robust,
      seed,
      sampleIndices: population.sampleIndices,
      trainPositions: trainPositions(keep, modelIdx, population.populationSize),
      robustPositions: robustPositions(keep, modelIdx, population, config.robust.maxSamples, deriveSeed(config.seed, 'robust-subset')),
      keepLogits: logitsBytes <= (this.options.keepLogitsBytes ?? 32 * 1024 * 1024),
      checkpointPath: config.training.checkpointEvery > 0 ? checkpointPath(this.store.dataDir, studyId, modelIdx) : null,
    };
  }

  private async runModel(job: JobRecord, controller: AbortController): Promise<void> {
    const studyId = job.studyId;
    const modelIdx = job.modelIdx!;
    try {
      const model = this.store.models.require(studyId, modelIdx);
      const payload = this.trainPayload(studyId, modelIdx, model.seed);
      const result = await this.options.engine.run<TrainModelResult>(
        { kind: 'train-model', payload },
        { signal: controller.signal, onProgress: (progress) => this.onProgress(studyId, modelIdx, progress as TrainModelProgress) },
      );
      await recordModelResult(this.store, studyId, modelIdx, modelResultFromTraining(result));
      await removeCheckpoint(checkpointPath(this.store.dataDir, studyId, modelIdx));
      const robust = result.robustness.robustAccuracy;
      this.log(
        `Model ${modelIdx} done in ${result.timings.trainSeconds.toFixed(1)} s: natural accuracy ${(result.robustness.naturalAccuracy * 100).toFixed(1)}%, robust ${(robust * 100).toFixed(1)}%` +
          (result.dp ? `, ε = ${result.dp.epsilon > 1e3 ? 'vacuous' : result.dp.epsilon.toFixed(2)}` : '') +
          '.',
        studyId,
      );
      this.emitStatus(studyId);
    } catch (error) {
      if (error instanceof JobCancelledError || controller.signal.aborted) {
        this.store.jobs.cancel(job.id);
        await this.store.models.reset(studyId, modelIdx);
        return;
      }
      const message = error instanceof WorkerCrashedError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
      this.failStudy(studyId, job, `Model ${modelIdx} failed: ${message}`);
    }
  }

  private async runAnalysis(job: JobRecord, controller: AbortController): Promise<void> {
    const studyId = job.studyId;
    const started = Date.now();
    try {
      this.log('All models are trained; running the attacks and estimates.', studyId);
      const output = await this.options.engine.run<AnalysisOutput>({ kind: 'analyze-study', payload: { dataDir: this.store.dataDir, studyId } }, { signal: controller.signal });
      recordAnalysis(this.store, studyId, {
        analyses: [
          ...(output.accuracy ? [{ kind: 'accuracy', config: {}, result: output.accuracy }] : []),
          ...output.attacks.map((attack: AttackResult) => ({ kind: attack.kind, config: attack.options, result: attack })),
          ...(output.memorization ? [{ kind: 'memorization', config: {}, result: output.memorization }] : []),
          ...(output.influence ? [{ kind: 'influence', config: {}, result: output.influence }] : []),
        ],
        arrays: output.arrays,
        summary: output.summary as unknown as Record<string, unknown>,
      });
      for (const { kind, reason } of output.skipped) this.log(`The ${kind} attack was skipped: ${reason}`, studyId, 'warn');
      const prior = this.priorSeconds.get(studyId);
      this.priorSeconds.delete(studyId);
      this.store.studies.setStatus(studyId, 'completed', prior === undefined ? {} : { durationSeconds: prior + (Date.now() - started) / 1000 });
      this.log('Study complete.', studyId);
      this.emitStatus(studyId);
    } catch (error) {
      if (error instanceof JobCancelledError || controller.signal.aborted) {
        this.store.jobs.cancel(job.id);
        return;
      }
      this.failStudy(studyId, job, `The analysis failed: ${(error as Error).message}`);
    }
  }

  /** Fails the job (and with it its model) and the study; the study's other jobs stop. */
  private failStudy(studyId: string, job: JobRecord, message: string): void {
    this.store.jobs.fail(job.id, message);
    this.store.jobs.cancelQueued(studyId);
    for (const other of this.inflight.values()) if (other.studyId === studyId && other.job.id !== job.id) other.controller.abort();
    this.store.studies.setStatus(studyId, 'failed', { error: message });
    this.log(message, studyId, 'error');
    this.emitStatus(studyId);
  }

  private onProgress(studyId: string, modelIdx: number, progress: TrainModelProgress): void {
    const training = progress.phase === 'training' ? progress.training : null;
    const event: ModelProgressEvent = {
      studyId,
      modelIdx,
      phase: progress.phase,
      epoch: training?.epoch ?? null,
      epochs: training?.epochs ?? null,
      step: training?.step ?? null,
      stepsPerEpoch: training?.stepsPerEpoch ?? null,
      loss: training?.loss ?? null,
      accuracy: training?.accuracy ?? null,
      samplesPerSecond: training?.samplesPerSecond ?? null,
      etaSeconds: training?.etaSeconds ?? null,
    };
    this.options.events.emit('study.progress', event);
  }
}

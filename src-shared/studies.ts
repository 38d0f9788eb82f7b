/** Domain types of studies as the UI and the CLI see them. */
import type { StudySummary } from './analysis';
import type { StudyConfig } from './config/study';

export type StudyStatus = 'queued' | 'running' | 'interrupted' | 'cancelled' | 'failed' | 'completed';

/** Fixed facts of a study, decided when it is created. */
export interface StudyDesign {
  populationSize: number;
  heldOutSize: number;
  /** Population plus held-out. */
  samples: number;
  models: number;
  classes: number;
  classNames: string[];
  datasetName: string;
  datasetKind: 'image' | 'tabular';
  /** Per-sample shape ([H, W, C] or [D]). */
  shape: number[];
  binaryFeatures: boolean;
  queryNames: string[];
  labelOnlyQueryNames: string[];
  fingerprint: string;
  source: string;
}

/** Live progress of one model, as the engine reports it. */
export interface ModelProgressEvent {
  studyId: string;
  modelIdx: number;
  phase: 'training' | 'outputs' | 'robustness';
  epoch: number | null;
  epochs: number | null;
  step: number | null;
  stepsPerEpoch: number | null;
  loss: number | null;
  accuracy: number | null;
  samplesPerSecond: number | null;
  etaSeconds: number | null;
}

export interface StudyStatusEvent {
  studyId: string;
  status: StudyStatus;
  modelsDone: number;
  modelsTotal: number;
  error: string | null;
}

export interface StudyLogEvent {
  studyId: string | null;
  level: 'info' | 'warn' | 'error';
  message: string;
  at: string;
}

/** A row of the studies table. */
export interface StudyRow {
  id: string;
  name: string;
  datasetId: string;
  modelKind: string;
  methodLabel: string;
  /** The method's key parameters (λ, β, ρ, σ, C, ε…), for columns and sweeps. */
  params: Record<string, number | string>;
  status: StudyStatus;
  error: string | null;
  modelsDone: number;
  modelsTotal: number;
  summary: StudySummary | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationSeconds: number | null;
  tags: string[];
  notes: string;
  archived: boolean;
  pinned: boolean;
}

export interface StudyDetail extends StudyRow {
  config: StudyConfig;
  design: StudyDesign | null;
  backend: string | null;
  backendVersions: Record<string, string> | null;
  appVersion: string | null;
  models: Array<{
    idx: number;
    status: 'pending' | 'running' | 'done' | 'failed';
    error: string | null;
    seed: number;
    metrics: Record<string, unknown> | null;
    seconds: number | null;
  }>;
  log: StudyLogEvent[];
}

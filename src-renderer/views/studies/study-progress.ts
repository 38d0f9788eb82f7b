/**
 * A study's progress as the table shows it: the pushed status when there is one (newer than the
 * last fetch), and a fraction that moves while models train, from their latest epoch and step.
 */
import type { ModelProgressEvent, StudyRow, StudyStatus, StudyStatusEvent } from '../../../src-shared/studies';

export interface StudyProgress {
  status: StudyStatus;
  done: number;
  total: number;
  /** 0..1, counting the trained share of models still training. */
  fraction: number;
  /** The longest remaining time among the training models, in seconds. */
  etaSeconds: number | null;
}

/** Training is this share of a model's work; its outputs and robust accuracy the rest. */
const TRAINING_SHARE = 0.9;

/** The trained share of one model from its latest progress event (0 when it is not training). */
export function modelFraction(event: ModelProgressEvent): number {
  if (event.phase !== 'training' || !event.epochs || !event.stepsPerEpoch || event.epoch === null || event.step === null) return 0;
  const epochs = Math.min(event.epochs, Math.max(0, event.epoch - 1 + event.step / event.stepsPerEpoch));
  return (TRAINING_SHARE * epochs) / event.epochs;
}

/**
 * Progress of a study.
 * Args: row from the last fetch; status, the latest pushed status; models, the latest progress
 * per training model. Events of models that finished since count only through `done`, so at most
 * total − done models add a partial share.
 */
export function studyProgress(row: StudyRow, status?: StudyStatusEvent, models?: Record<number, ModelProgressEvent>): StudyProgress {
  const current = status ?? { status: row.status, modelsDone: row.modelsDone, modelsTotal: row.modelsTotal };
  const done = current.modelsDone;
  const total = current.modelsTotal;
  if (current.status === 'completed') return { status: 'completed', done, total, fraction: 1, etaSeconds: null };
  const training = current.status === 'running' ? Object.values(models ?? {}).filter((e) => e.phase === 'training') : [];
  const partial = training
    .map(modelFraction)
    .sort((a, b) => b - a)
    .slice(0, Math.max(0, total - done))
    .reduce((a, b) => a + b, 0);
  const fraction = total > 0 ? Math.min(1, (done + partial) / total) : 0;
  const etas = training.map((e) => e.etaSeconds).filter((s): s is number => s !== null && Number.isFinite(s));
  return { status: current.status, done, total, fraction, etaSeconds: etas.length ? Math.max(...etas) : null };
}

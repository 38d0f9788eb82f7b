/** Store records as the views the renderer receives (plain JSON, no typed arrays). */
import type { StudySummary } from '../../src-shared/analysis';
import { methodLabel, methodParams } from '../../src-shared/config/method';
import type { StudyDesign, StudyDetail, StudyLogEvent, StudyRow } from '../../src-shared/studies';
import type { EventRecord, ModelRecord, StudyListItem, StudyRecord } from '../store';

export function studyRow(study: StudyRecord, progress: { done: number; total: number }): StudyRow {
  return {
    id: study.id,
    name: study.name,
    datasetId: study.config.dataset.id,
    modelKind: study.config.model.kind,
    methodLabel: methodLabel(study.config.method, study.config.training),
    params: methodParams(study.config.method),
    status: study.status,
    error: study.error,
    modelsDone: progress.done,
    modelsTotal: progress.total,
    summary: study.summary as unknown as StudySummary | null,
    createdAt: study.createdAt,
    startedAt: study.startedAt,
    finishedAt: study.finishedAt,
    durationSeconds: study.durationSeconds,
    tags: study.tags,
    notes: study.notes,
    archived: study.archived,
    pinned: study.pinned,
  };
}

export function listRow(item: StudyListItem): StudyRow {
  return studyRow(item, item.progress);
}

export function logEvent(event: EventRecord): StudyLogEvent {
  return { studyId: event.studyId, level: event.level, message: event.message, at: event.at };
}

export function studyDetail(study: StudyRecord, models: ModelRecord[], design: StudyDesign | null, log: EventRecord[]): StudyDetail {
  return {
    ...studyRow(study, { done: models.filter((m) => m.status === 'done').length, total: models.length }),
    config: study.config,
    design,
    backend: study.backend,
    backendVersions: study.backendVersions,
    appVersion: study.appVersion,
    models: models.map((m) => ({
      idx: m.idx,
      status: m.status,
      error: m.error,
      seed: m.seed,
      metrics: m.metrics,
      seconds: (m.timings as { trainSeconds?: number } | null)?.trainSeconds ?? null,
    })),
    log: log.map(logEvent),
  };
}

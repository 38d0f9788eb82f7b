/**
 * The typed IPC contract: every channel once, with its request schema (validated at run time in
 * the main process) and its response type. Both transports (Electron IPC and the loopback bridge)
 * and the renderer are typed from this one table.
 */
import { z } from 'zod';
import type { ChannelName, EventName } from './channels';
import type { ReportSummaryView, ReportView } from './reports';
import type { ModelProgressEvent, StudyDetail, StudyLogEvent, StudyRow, StudyStatusEvent } from './studies';
import { SettingsSchema, type Settings } from './settings';
import type { AboutInfo } from './system';
import type { CsvView, HistoryView, PresetView, SampleDetailView, SampleTableView, ScoresView, StudyAnalysisView, ValidationView } from './views';

/** A channel: a runtime request schema plus a phantom response type. */
export interface ChannelDef<Req extends z.ZodType, Res> {
  request: Req;
  /** Never read at run time; carries the response type. */
  response?: Res;
}

function channel<Res>() {
  return <Req extends z.ZodType>(request: Req): ChannelDef<Req, Res> => ({ request });
}

const empty = z.object({}).strict();
const studyId = z.string().min(1, 'a study id is required');
const byId = z.object({ id: studyId }).strict();
const attackKind = z.enum(['lira', 'rmia', 'loss', 'confidence', 'entropy', 'modified-entropy', 'correctness', 'label-only', 'noise', 'nn']);
const target = z.number().int().min(0);

export const contract = {
  'system.about': channel<AboutInfo>()(empty),
  'system.settings': channel<Settings>()(empty),
  /** Saved to the data directory's settings.json; the engine picks them up when Mnemo next starts. */
  'system.updateSettings': channel<Settings>()(SettingsSchema.partial().strict()),
  'studies.list': channel<StudyRow[]>()(z.object({ includeArchived: z.boolean().default(false) }).strict()),
  'studies.get': channel<StudyDetail>()(byId),
  /** The config is validated by the study schema in the handler, which names every wrong field. */
  'studies.create': channel<StudyRow>()(z.object({ config: z.unknown() }).strict()),
  'studies.validate': channel<ValidationView>()(z.object({ config: z.unknown() }).strict()),
  'studies.update': channel<StudyRow>()(
    z
      .object({
        id: studyId,
        name: z.string().trim().min(1).max(200).optional(),
        tags: z.array(z.string().trim().min(1).max(60)).max(50).optional(),
        notes: z.string().max(100_000).optional(),
        archived: z.boolean().optional(),
        pinned: z.boolean().optional(),
      })
      .strict(),
  ),
  'studies.cancel': channel<StudyRow>()(byId),
  'studies.resume': channel<StudyRow>()(byId),
  /** Runs a completed study's attacks and estimates again on its stored models. */
  'studies.reanalyze': channel<StudyRow>()(byId),
  'studies.delete': channel<{ deleted: true }>()(byId),
  'studies.presets': channel<PresetView[]>()(empty),
  'studies.runPreset': channel<StudyRow[]>()(z.object({ id: z.string().min(1) }).strict()),
  'studies.analysis': channel<StudyAnalysisView>()(byId),
  'studies.history': channel<HistoryView>()(byId),
  'studies.scores': channel<ScoresView>()(z.object({ id: studyId, attack: attackKind.default('lira'), target: target.default(0) }).strict()),
  'samples.table': channel<SampleTableView>()(z.object({ id: studyId, attack: attackKind.default('lira'), target: target.default(0) }).strict()),
  'samples.detail': channel<SampleDetailView>()(z.object({ id: studyId, position: z.number().int().min(0), target: target.default(0) }).strict()),
  'export.csv': channel<CsvView>()(
    z
      .object({
        kind: z.enum(['studies', 'models', 'samples', 'roc', 'epochs']),
        /** The study, for every kind but 'studies'. */
        id: studyId.optional(),
        attack: attackKind.default('lira'),
        target: target.default(0),
      })
      .strict()
      .refine((r) => r.kind === 'studies' || r.id !== undefined, { message: 'a study id is required for this kind', path: ['id'] }),
  ),
  'reports.list': channel<ReportSummaryView[]>()(empty),
  'reports.get': channel<ReportView>()(z.object({ id: z.string().min(1) }).strict()),
  'reports.export': channel<{ filename: string; content: string; type: string }>()(z.object({ id: z.string().min(1), format: z.enum(['html', 'csv']) }).strict()),
} satisfies Record<ChannelName, ChannelDef<z.ZodType, unknown>>;

/** Payloads of the push events. */
export interface EventPayloads {
  'system.log': { level: 'info' | 'warn' | 'error'; message: string; at: string };
  'study.progress': ModelProgressEvent;
  'study.status': StudyStatusEvent;
  'study.log': StudyLogEvent;
}

// Compile-time check that every event name has a payload type and vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const eventsInStep: Exact<keyof EventPayloads, EventName> = true;
void eventsInStep;

export type Contract = typeof contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = NonNullable<Contract[C]['response']>;
export type EventPayload<E extends EventName> = EventPayloads[E];

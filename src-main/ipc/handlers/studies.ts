/** Handlers of the `studies.*` channels: the studies table, creating, validating and steering studies. */
import { StudyConfigSchema } from '../../../src-shared/config/study';
import { MnemoError } from '../../../src-shared/result';
import type { StudyDesign } from '../../../src-shared/studies';
import { fieldErrors } from '../../../src-shared/validation';
import { estimateStudySeconds } from '../../studies/estimate';
import { PRESETS, presetById } from '../../studies/presets';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';
import { listRow, studyDetail, studyRow } from '../study-views';

type StudyHandlers = Pick<
  Handlers,
  | 'studies.list'
  | 'studies.get'
  | 'studies.create'
  | 'studies.validate'
  | 'studies.update'
  | 'studies.cancel'
  | 'studies.resume'
  | 'studies.reanalyze'
  | 'studies.delete'
  | 'studies.presets'
  | 'studies.runPreset'
>;

export function studyHandlers(ctx: AppContext): StudyHandlers {
  const { store, runner } = ctx;
  const row = (id: string) => listRow(store.studies.list().find((s) => s.id === id) ?? (() => {
    throw new MnemoError('not-found', `No study with id "${id}".`);
  })());
  const estimate = async (config: Parameters<typeof estimateStudySeconds>[0]) => estimateStudySeconds(config, await ctx.engineReady.catch(() => null), ctx.engine.size);

  return {
    'studies.list': ({ includeArchived }) => store.studies.list(includeArchived ? {} : { archived: false }).map(listRow),
    'studies.get': ({ id }) => {
      const item = store.studies.getWithModels(id);
      if (!item) throw new MnemoError('not-found', `No study with id "${id}".`);
      const design = (store.analyses.get(id, 'design')?.result as StudyDesign | undefined) ?? null;
      return studyDetail(item.study, item.models, design, store.events.tail(id, 200));
    },
    'studies.create': async ({ config }) => {
      const study = await runner.create(config);
      return studyRow(study, { done: 0, total: study.config.shadow.models });
    },
    'studies.validate': async ({ config }) => {
      const parsed = StudyConfigSchema.safeParse(config);
      if (!parsed.success) return { valid: false, fields: fieldErrors(parsed.error), config: null, estimateSeconds: null };
      return { valid: true, fields: [], config: parsed.data, estimateSeconds: await estimate(parsed.data) };
    },
    'studies.update': ({ id, name, tags, notes, archived, pinned }) => {
      store.studies.require(id);
      if (name !== undefined) store.studies.rename(id, name);
      if (tags !== undefined) store.studies.setTags(id, tags);
      if (notes !== undefined) store.studies.setNotes(id, notes);
      if (archived !== undefined) store.studies.setArchived(id, archived);
      if (pinned !== undefined) store.studies.setPinned(id, pinned);
      return row(id);
    },
    'studies.cancel': async ({ id }) => {
      await runner.cancel(id);
      return row(id);
    },
    'studies.resume': async ({ id }) => {
      await runner.resume(id);
      return row(id);
    },
    'studies.reanalyze': async ({ id }) => {
      await runner.reanalyze(id);
      return row(id);
    },
    'studies.delete': async ({ id }) => {
      await runner.delete(id);
      return { deleted: true as const };
    },
    'studies.presets': async () =>
      Promise.all(
        PRESETS.map(async (preset) => {
          const studies = preset.studies.map((s) => StudyConfigSchema.parse(s));
          const seconds = await Promise.all(studies.map((s) => estimate(s)));
          return {
            id: preset.id,
            name: preset.name,
            description: preset.description,
            studies,
            estimateSeconds: seconds.every((s) => s !== null) ? seconds.reduce((a, b) => a + b!, 0) : null,
          };
        }),
      ),
    'studies.runPreset': async ({ id }) => {
      let preset;
      try {
        preset = presetById(id);
      } catch (error) {
        throw new MnemoError('not-found', (error as Error).message);
      }
      const created = [];
      for (const config of preset.studies) created.push(await runner.createOrReuse(config));
      return created.map((s) => studyRow(s, { done: 0, total: s.config.shadow.models }));
    },
  };
}

/**
 * `mnemo study`: run, list, show, resume, cancel and delete studies — the same runner and store
 * the app uses, over the same data directory.
 */
import fs from 'node:fs';
import type { AttackResult, InfluenceResult, MemorizationResult } from '../../../src-shared/analysis';
import { methodLabel } from '../../../src-shared/config/method';
import { formatDuration, formatFpr, formatMeanStd } from '../../../src-shared/format';
import { MnemoError } from '../../../src-shared/result';
import { describeFieldErrors } from '../../../src-shared/validation';
import type { StudyRecord } from '../../store';
import { presetById, PRESETS } from '../../studies/presets';
import { parseCommandArgs, UsageError } from '../args';
import { ProgressPrinter } from '../progress';
import { StudyRunner } from '../../studies/runner';
import { openReadOnlyStore, openRuntime, openWritableStore, resolveStudyId } from '../runtime';
import { influenceText, memorizationText, resultsJson, resultsTable } from '../study-results';
import { renderTable } from '../table';

export const STUDY_HELP = `mnemo study <run | list | show | resume | reanalyze | cancel | delete> …

  study run <config.json> | --preset NAME   create the study (or the preset's studies), run to completion, print the results
  study list [--all]                         every study (archived ones with --all)
  study show ID                              one study: its config, models and attack results
  study resume ID                            continue an interrupted, cancelled or failed study
  study reanalyze ID | --all                 run the attacks and estimates of a completed study (or of
                                             every completed one) again on its stored models
  study import --lira-dir DIR [--labels F] [--from scores|logits] [--epoch E] [--name NAME]
                                             open another pipeline's shadow models (LiRA reference layout:
                                             DIR/experiment-*/keep.npy with scores/ or logits/) as a study
  study cancel ID                            stop a study (finished models are kept)
  study delete ID --yes                      delete a study with its models and weights

ID is a study id, a unique prefix of one, or a study name. Presets: ${PRESETS.map((p) => p.id).join(', ')}.
Options: --json (machine-readable output), --data-dir DIR (or MNEMO_HOME).
Exit codes: 0 done, 1 a study failed or an error, 2 bad usage or configuration, 130 interrupted (resume later).`;

const OPTIONS = {
  preset: { type: 'string' },
  all: { type: 'boolean', default: false },
  yes: { type: 'boolean', default: false },
  'lira-dir': { type: 'string' },
  labels: { type: 'string' },
  from: { type: 'string' },
  epoch: { type: 'string' },
  name: { type: 'string' },
} as const;

function readConfig(file: string): unknown {
  if (!fs.existsSync(file)) throw new UsageError(`no config file at ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Runs studies to a terminal state, showing progress; Ctrl+C interrupts them (resumable). */
async function runToEnd(dataDir: string | undefined, json: boolean, start: (runtime: Awaited<ReturnType<typeof openRuntime>>) => Promise<StudyRecord[]>): Promise<number> {
  const runtime = await openRuntime(dataDir, (message) => process.stderr.write(`[engine] ${message}\n`));
  const printer = new ProgressPrinter(runtime.events, process.stderr, 2);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    void runtime.close().then(() => {
      process.stderr.write('\nInterrupted. Resume with `npx mnemo study resume <id>`.\n');
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const studies = await start(runtime);
    for (const study of studies) printer.track(study.id, study.name, study.config.shadow.models, runtime.store.models.list(study.id).filter((m) => m.status === 'done').length);
    const finished = await Promise.all(studies.map((s) => runtime.runner.waitFor(s.id)));
    printer.stop();
    if (interrupted) return 130;
    if (json) console.log(JSON.stringify(resultsJson(finished), null, 2));
    else console.log(`\n${resultsTable(finished)}\n\nStudies: ${finished.map((s) => `${s.name} → ${s.id}`).join('; ')}`);
    return finished.every((s) => s.status === 'completed') ? 0 : 1;
  } catch (error) {
    printer.stop();
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (!interrupted) await runtime.close();
  }
}

function showStudy(store: ReturnType<typeof openReadOnlyStore>, id: string, json: boolean): void {
  const item = store.studies.getWithModels(id)!;
  const analyses = store.analyses.list(id).filter((a) => a.kind !== 'design' && a.kind !== 'accuracy' && a.kind !== 'memorization' && a.kind !== 'influence');
  if (json) {
    console.log(JSON.stringify({ study: item.study, models: item.models, analyses: store.analyses.list(id) }, null, 2));
    return;
  }
  const { study, models } = item;
  console.log(`${study.name}  (${study.id})`);
  console.log(`  ${methodLabel(study.config.method, study.config.training)} · ${study.config.model.kind} on ${study.config.dataset.id} · ${study.config.shadow.models} models · ${study.status}${study.error ? ` — ${study.error}` : ''}`);
  console.log(`  created ${study.createdAt}, ran ${formatDuration(study.durationSeconds)} on ${study.backend ?? '—'}`);
  console.log(`  models done: ${models.filter((m) => m.status === 'done').length}/${models.length}\n`);
  console.log(resultsTable([study]));
  if (analyses.length) {
    const fprs = study.config.attacks.fprs;
    const rows = analyses.map((a) => {
      const r = a.result as AttackResult;
      return [r.label, formatMeanStd(r.summary.auc), ...fprs.map((f) => formatMeanStd(r.summary.tpr.find((t) => t.fpr === f), { percent: true, digits: 2 })), r.summary.attackAccuracy ? formatMeanStd(r.summary.attackAccuracy, { percent: true }) : '—'];
    });
    console.log(`\n${renderTable(['Attack', 'AUC', ...fprs.map((f) => `TPR@${formatFpr(f)} %`), 'Attack acc %'], rows)}`);
  }
  const memorization = store.analyses.list(id).find((a) => a.kind === 'memorization')?.result as MemorizationResult | undefined;
  if (memorization) console.log(`\n${memorizationText(memorization, (store.arrays.get(id, null, 'memorization')?.data as Float32Array | undefined) ?? null)}`);
  const influence = store.analyses.list(id).find((a) => a.kind === 'influence')?.result as InfluenceResult | undefined;
  if (influence) console.log(`\n${influenceText(influence)}`);
}

export async function studyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const [sub, target] = positionals;
  if (values.help || !sub) {
    console.log(STUDY_HELP);
    return values.help ? 0 : 2;
  }
  const dataDir = values['data-dir'];
  const json = values.json ?? false;
  switch (sub) {
    case 'run': {
      if (!target === !values.preset) throw new UsageError('give a config file or --preset NAME (one of them)');
      let configs: unknown[];
      if (values.preset) {
        try {
          configs = presetById(values.preset).studies;
        } catch (error) {
          throw new UsageError((error as Error).message);
        }
      } else configs = [readConfig(target!)];
      return runToEnd(dataDir, json, async (runtime) => {
        const created: StudyRecord[] = [];
        for (const config of configs) {
          try {
            created.push(await (values.preset ? runtime.runner.createOrReuse(config) : runtime.runner.create(config)));
          } catch (error) {
            if (error instanceof MnemoError && error.code === 'invalid-request') {
              throw new UsageError(error.fields?.length ? `invalid study configuration: ${describeFieldErrors(error.fields)}` : error.message);
            }
            throw error;
          }
        }
        return created;
      });
    }
    case 'import': {
      const dir = values['lira-dir'];
      if (!dir) throw new UsageError('study import needs --lira-dir DIR');
      if (values.from !== undefined && values.from !== 'scores' && values.from !== 'logits') throw new UsageError(`--from must be scores or logits, got "${values.from}"`);
      const epoch = values.epoch === undefined ? undefined : Number(values.epoch);
      if (epoch !== undefined && !(Number.isInteger(epoch) && epoch >= 0)) throw new UsageError(`--epoch must be a whole number, got "${values.epoch}"`);
      return runToEnd(dataDir, json, async (runtime) => [
        await runtime.runner.importLira({ dir, labels: values.labels, from: values.from as 'scores' | 'logits' | undefined, epoch, name: values.name }),
      ]);
    }
    case 'resume': {
      if (!target) throw new UsageError('study resume needs a study ID');
      return runToEnd(dataDir, json, async (runtime) => [await runtime.runner.resume(resolveStudyId(runtime.store, target))]);
    }
    case 'reanalyze': {
      if (!target === !values.all) throw new UsageError('study reanalyze needs a study ID or --all (one of them)');
      return runToEnd(dataDir, json, async (runtime) => {
        const ids = target ? [resolveStudyId(runtime.store, target)] : runtime.store.studies.list().filter((s) => s.status === 'completed').map((s) => s.id);
        if (!ids.length) throw new UsageError('there is no completed study to analyse again');
        const queued: StudyRecord[] = [];
        for (const id of ids) queued.push(await runtime.runner.reanalyze(id));
        return queued;
      });
    }
    case 'list': {
      const store = openReadOnlyStore(dataDir);
      try {
        const studies = store.studies.list(values.all ? {} : { archived: false });
        if (json) console.log(JSON.stringify(studies, null, 2));
        else if (!studies.length) console.log('No studies yet. Try `npx mnemo study run --preset quick`.');
        else {
          console.log(
            renderTable(
              ['ID', 'Name', 'Method', 'Status', 'Models', 'Natural %', 'Robust %', 'TPR@0.1% %', 'AUC', 'Created'],
              studies.map((s) => {
                const summary = s.summary as { naturalAccuracy?: never; robustAccuracy?: never; tpr?: Record<string, never>; auc?: never } | null;
                return [s.id.slice(0, 8), s.name, methodLabel(s.config.method, s.config.training), s.status, `${s.progress.done}/${s.progress.total}`, formatMeanStd(summary?.naturalAccuracy, { percent: true }), formatMeanStd(summary?.robustAccuracy, { percent: true }), formatMeanStd(summary?.tpr?.['0.001'], { percent: true, digits: 2 }), formatMeanStd(summary?.auc), s.createdAt.slice(0, 16).replace('T', ' ')];
              }),
            ),
          );
        }
      } finally {
        store.close();
      }
      return 0;
    }
    case 'show': {
      if (!target) throw new UsageError('study show needs a study ID');
      const store = openReadOnlyStore(dataDir);
      try {
        showStudy(store, resolveStudyId(store, target), json);
      } finally {
        store.close();
      }
      return 0;
    }
    case 'cancel':
    case 'delete': {
      if (!target) throw new UsageError(`study ${sub} needs a study ID`);
      if (sub === 'delete' && !values.yes) throw new UsageError('deleting a study removes its models and results: add --yes to confirm');
      let runtime;
      try {
        runtime = await openRuntime(dataDir);
      } catch (error) {
        // Another Mnemo runs studies here: a cancel goes through the store, which that runner watches.
        if (!(error instanceof MnemoError && error.code === 'conflict') || sub === 'delete') throw error;
        const store = openWritableStore(dataDir);
        try {
          const study = StudyRunner.requestCancel(store, resolveStudyId(store, target));
          console.log(json ? JSON.stringify({ id: study.id, status: study.status }) : `Study "${study.name}" is ${study.status}; the running workbench stops its models.`);
        } finally {
          store.close();
        }
        return 0;
      }
      try {
        const id = resolveStudyId(runtime.store, target);
        if (sub === 'cancel') {
          const study = await runtime.runner.cancel(id);
          console.log(json ? JSON.stringify({ id, status: study.status }) : `Study "${study.name}" is ${study.status}.`);
        } else {
          await runtime.runner.delete(id);
          console.log(json ? JSON.stringify({ id, deleted: true }) : `Study ${id} deleted.`);
        }
      } finally {
        await runtime.close();
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown subcommand "${sub}"`);
  }
}


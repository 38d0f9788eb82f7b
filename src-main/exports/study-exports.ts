/**
 * The CSV exports of the app and the CLI, streamed from the store into any Writable: the studies
 * table, a study's models, its per-sample table, its ROC points and its epoch histories.
 */
import type { Writable } from 'node:stream';
import type { AttackKind } from '../../src-shared/analysis';
import type { CsvKind } from '../../src-shared/views';
import { rocCurve } from '../attacks/roc';
import { writeColumnsCsv, writeEpochsCsv, writeModelsCsv, writeRocCsv, writeStudiesCsv } from '../io/csv-export';
import type { Store } from '../store';
import { attackScores, sampleColumns, studyDesign } from '../studies/sample-table';

export interface ExportRequest {
  kind: CsvKind;
  /** The study, for every kind but 'studies'. */
  id?: string;
  attack: AttackKind;
  target: number;
}

/** A file name that says what the CSV holds. */
export function exportFilename(store: Store, request: ExportRequest): string {
  if (request.kind === 'studies') return 'mnemo-studies.csv';
  const name = store.studies.require(request.id!).name.replace(/[^\w.-]+/g, '_').slice(0, 60);
  const suffix = request.kind === 'samples' ? `-${request.attack}-target${request.target}` : request.kind === 'roc' ? `-${request.attack}` : '';
  return `${name}-${request.kind}${suffix}.csv`;
}

/** Streams the requested CSV into `out`, ending it unless `end` is false (stdout must stay open). */
export async function writeExport(store: Store, request: ExportRequest, out: Writable, { end = true }: { end?: boolean } = {}): Promise<void> {
  const options = { end };
  const id = request.id!;
  switch (request.kind) {
    case 'studies':
      return writeStudiesCsv(out, store.studies.list(), options);
    case 'models':
      return writeModelsCsv(out, store.models.list(id), options);
    case 'epochs':
      return writeEpochsCsv(out, store.epochs.listForStudy(id), options);
    case 'samples': {
      const c = sampleColumns(store, id, request.attack, request.target);
      return writeColumnsCsv(out, [
        { name: 'position', values: c.position },
        { name: 'dataset_index', values: c.datasetIndex },
        { name: 'label', values: c.label },
        { name: 'label_name', values: Array.from(c.label, (l) => c.design.classNames[l] ?? String(l)) },
        { name: 'held_out', values: c.heldOut },
        { name: `member_of_target_${request.target}`, values: c.member },
        { name: 'memorization', values: c.memorization },
        { name: 'in_models', values: c.inCount },
        { name: 'out_models', values: c.outCount },
        { name: `${request.attack}_score`, values: c.score },
        { name: `loss_target_${request.target}`, values: c.loss },
      ], options);
    }
    case 'roc': {
      const design = studyDesign(store, id);
      const study = store.studies.require(id);
      const P = design.populationSize;
      const keep = store.arrays.require(id, null, 'keep').data as Uint8Array;
      const targets = Math.min(study.config.attacks.targets, design.models);
      const curves = Array.from({ length: targets }, (_, t) => {
        const roc = rocCurve(Float64Array.from(attackScores(store, id, request.attack, t)), keep.subarray(t * P, (t + 1) * P));
        return { attack: request.attack, target: t, fpr: roc.fpr, tpr: roc.tpr, thresholds: roc.thresholds };
      });
      return writeRocCsv(out, curves, options);
    }
  }
}

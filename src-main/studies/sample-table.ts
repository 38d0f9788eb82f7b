/**
 * Every sample of a study as columns, for the samples view and the per-sample CSV: identity,
 * membership in a target, memorization, and an attack's score against that target.
 */
import type { AttackKind } from '../../src-shared/analysis';
import { MnemoError } from '../../src-shared/result';
import type { StudyDesign } from '../../src-shared/studies';
import { MODEL_ARRAYS, type Store } from '../store';

export interface SampleColumns {
  design: StudyDesign;
  position: Int32Array;
  datasetIndex: Int32Array;
  label: Uint16Array;
  heldOut: Uint8Array;
  /** Membership in the target: 1, 0, or −1 for held-out samples. */
  member: Int32Array;
  /** NaN where undefined. */
  memorization: Float64Array;
  inCount: Int32Array;
  outCount: Int32Array;
  score: Float64Array;
  loss: Float64Array;
}

/** The study's fixed design. @throws MnemoError('not-found') when it has none. */
export function studyDesign(store: Store, id: string): StudyDesign {
  const value = store.analyses.get(id, 'design')?.result as StudyDesign | undefined;
  if (!value) throw new MnemoError('not-found', `Study "${id}" has no design record.`);
  return value;
}

/** The member scores of one attack against one target, as stored by the analysis. */
export function attackScores(store: Store, id: string, attack: AttackKind, target: number): Float32Array {
  const record = store.arrays.get(id, null, `scores:${attack}:target=${target}`);
  if (!record) {
    const study = store.studies.require(id);
    throw new MnemoError(
      'not-found',
      study.status === 'completed'
        ? `Study "${study.name}" has no ${attack} scores for target ${target} (targets are 0…${Math.min(study.config.attacks.targets, study.config.shadow.models) - 1}; the attack may be disabled).`
        : `Study "${study.name}" is ${study.status}: attack scores appear once its analysis has run.`,
    );
  }
  return record.data as Float32Array;
}

/** The columns of every sample (population, then held-out). Scores are NaN until the analysis ran. */
export function sampleColumns(store: Store, id: string, attack: AttackKind, target: number): SampleColumns {
  const study = store.studies.require(id);
  const design = studyDesign(store, id);
  const P = design.populationSize;
  const S = design.samples;
  const A = design.queryNames.length;
  if (!(target >= 0 && target < design.models)) throw new MnemoError('invalid-request', `target ${target} is not a model of this study (0…${design.models - 1})`);
  const array = (name: string) => store.arrays.get(id, null, name)?.data ?? null;
  const keep = array('keep') as Uint8Array;
  const mem = array('memorization') as Float64Array | null;
  const inCount = array('mem_in_count') as Int32Array | null;
  const outCount = array('mem_out_count') as Int32Array | null;
  const scores = study.status === 'completed' ? attackScores(store, id, attack, target) : null;
  const logProb = store.arrays.get(id, target, MODEL_ARRAYS.logProb)?.data as Float32Array | undefined;
  const columns: SampleColumns = {
    design,
    position: Int32Array.from({ length: S }, (_, i) => i),
    datasetIndex: array('sample_indices') as Int32Array,
    label: array('labels') as Uint16Array,
    heldOut: Uint8Array.from({ length: S }, (_, i) => (i >= P ? 1 : 0)),
    member: Int32Array.from({ length: S }, (_, i) => (i < P ? keep[target * P + i]! : -1)),
    memorization: Float64Array.from({ length: S }, (_, i) => (mem && i < P ? mem[i]! : NaN)),
    inCount: Int32Array.from({ length: S }, (_, i) => (inCount && i < P ? inCount[i]! : 0)),
    outCount: Int32Array.from({ length: S }, (_, i) => (outCount && i < P ? outCount[i]! : design.models)),
    score: Float64Array.from({ length: S }, (_, i) => (scores && i < P ? scores[i]! : NaN)),
    loss: Float64Array.from({ length: S }, (_, i) => (logProb ? -logProb[i * A]! : NaN)),
  };
  return columns;
}

/**
 * `--study ID` for `mnemo attack lira|rmia`: a stored study's population as a pool, so an attack can
 * be re-run with other options (offline, another preset or temperature) without retraining.
 */
import type { StudyDesign } from '../../../src-shared/studies';
import { temperatureLogProb } from '../../attacks/signals';
import { MODEL_ARRAYS } from '../../store';
import { UsageError } from '../args';
import { openReadOnlyStore, resolveStudyId } from '../runtime';
import type { PoolData, PoolSignal } from './pool-inputs';

/** Loads φ (LiRA) or Pr(x|θ) at a temperature (RMIA) of every model over the study's population. */
export function studyPool(reference: string, dataDir: string | undefined, signal: PoolSignal): PoolData {
  const store = openReadOnlyStore(dataDir);
  try {
    const id = resolveStudyId(store, reference);
    const study = store.studies.require(id);
    const design = store.analyses.get(id, 'design')?.result as StudyDesign | undefined;
    const models = store.models.list(id);
    if (!design || models.some((m) => m.status !== 'done')) throw new UsageError(`--study ${reference}: study "${study.name}" is ${study.status}; every model must be trained first`);
    const P = design.populationSize;
    const A = design.queryNames.length;
    const labels = (store.arrays.require(id, null, 'labels').data as Uint16Array).subarray(0, P);
    const values = new Float64Array(models.length * P * A);
    models.forEach((model, k) => {
      let row: ArrayLike<number>;
      if (signal.kind === 'phi') row = store.arrays.require(id, model.idx, MODEL_ARRAYS.phi).data as Float32Array;
      else if (signal.temperature === 1) row = Float64Array.from(store.arrays.require(id, model.idx, MODEL_ARRAYS.logProb).data as Float32Array, Math.exp);
      else {
        const logits = store.arrays.get(id, model.idx, MODEL_ARRAYS.logits)?.data as Float32Array | undefined;
        if (!logits) throw new UsageError(`--temperature ${signal.temperature}: study "${study.name}" kept no logits (too large); only temperature 1 can be used`);
        const repeated = Uint16Array.from({ length: P * A }, (_, j) => labels[Math.floor(j / A)]!);
        row = Float64Array.from(temperatureLogProb(logits.subarray(0, P * A * design.classes), repeated, signal.temperature), Math.exp);
      }
      for (let j = 0; j < P * A; j++) values[k * P * A + j] = row[j]!;
    });
    return {
      models: models.length,
      samples: P,
      queries: A,
      keep: store.arrays.require(id, null, 'keep').data as Uint8Array,
      values,
      modelNames: null,
      input: { study: id, name: study.name, models: models.length, samples: P, queries: design.queryNames },
      notes: [],
    };
  } finally {
    store.close();
  }
}

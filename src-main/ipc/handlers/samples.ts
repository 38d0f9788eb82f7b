/** Handlers of the `samples.*` channels: every sample of a study, and one sample in depth ("why does this one leak?"). */
import { methodLabel } from '../../../src-shared/config/method';
import { MnemoError } from '../../../src-shared/result';
import type { StudyDesign } from '../../../src-shared/studies';
import type { SampleModelView } from '../../../src-shared/views';
import type { DatasetSample } from '../../engine/jobs/dataset-sample';
import { MODEL_ARRAYS } from '../../store';
import { datasetSpec } from '../../studies/prepare';
import { sampleColumns, studyDesign } from '../../studies/sample-table';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';

/** NaN does not survive JSON; the views carry null for "undefined here". */
const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

/** Mean and population std (as LiRA fits them); NaN — null over JSON — for an empty side. */
const meanStd = (values: number[]) => {
  if (!values.length) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
};

export function sampleHandlers(ctx: AppContext): Pick<Handlers, 'samples.table' | 'samples.detail'> {
  const { store } = ctx;
  const studyArray = (id: string, name: string) => store.arrays.get(id, null, name)?.data ?? null;

  return {
    'samples.table': ({ id, attack, target }) => {
      const c = sampleColumns(store, id, attack, target);
      const nullable = (values: Float64Array) => Array.from(values, orNull);
      return {
        target,
        attack,
        position: Array.from(c.position),
        datasetIndex: Array.from(c.datasetIndex),
        label: Array.from(c.label),
        heldOut: Array.from(c.heldOut),
        member: Array.from(c.member),
        memorization: nullable(c.memorization),
        inCount: Array.from(c.inCount),
        outCount: Array.from(c.outCount),
        score: nullable(c.score),
        loss: nullable(c.loss),
        classNames: c.design.classNames,
      };
    },

    'samples.detail': async ({ id, position, target }) => {
      const study = store.studies.require(id);
      const d = studyDesign(store, id);
      if (position >= d.samples) throw new MnemoError('not-found', `Study "${study.name}" has ${d.samples} samples; there is no position ${position}.`);
      const P = d.populationSize;
      const A = d.queryNames.length;
      const heldOut = position >= P;
      const keep = studyArray(id, 'keep') as Uint8Array;
      const indices = studyArray(id, 'sample_indices') as Int32Array;
      const labels = studyArray(id, 'labels') as Uint16Array;
      const datasetIndex = indices[position]!;
      const sample = await ctx.engine.run<DatasetSample>({ kind: 'dataset-sample', payload: { spec: datasetSpec(study.config), index: datasetIndex } });

      const models: SampleModelView[] = [];
      const inScores: number[] = [];
      const outScores: number[] = [];
      let targetScore: number | null = null;
      for (const model of store.models.list(id)) {
        if (model.status !== 'done') continue;
        const phi = store.arrays.get(id, model.idx, MODEL_ARRAYS.phi)?.data as Float32Array | undefined;
        const logProb = store.arrays.get(id, model.idx, MODEL_ARRAYS.logProb)?.data as Float32Array | undefined;
        const predicted = store.arrays.get(id, model.idx, MODEL_ARRAYS.predicted)?.data as Uint16Array | undefined;
        if (!phi || !logProb || !predicted) continue;
        const member = heldOut ? null : keep[model.idx * P + position] === 1;
        const value = phi[position * A]!;
        models.push({ modelIdx: model.idx, member, predicted: predicted[position]!, correct: predicted[position] === labels[position], phi: value, confidence: Math.exp(logProb[position * A]!) });
        if (model.idx === target) targetScore = value;
        else if (member) inScores.push(value);
        else outScores.push(value);
      }
      const inFit = meanStd(inScores);
      const outFit = meanStd(outScores);
      const mem = studyArray(id, 'memorization') as Float64Array | null;
      const lira = store.arrays.get(id, null, `scores:lira:target=${target}`)?.data as Float32Array | undefined;

      const otherStudies = store.studies
        .list()
        .filter((s) => s.id !== id && s.datasetFingerprint === study.datasetFingerprint && s.status === 'completed')
        .flatMap((s) => {
          const theirIndices = studyArray(s.id, 'sample_indices') as Int32Array | null;
          const at = theirIndices ? theirIndices.indexOf(datasetIndex) : -1;
          const theirDesign = store.analyses.get(s.id, 'design')?.result as StudyDesign | undefined;
          if (at < 0 || !theirDesign || at >= theirDesign.populationSize) return [];
          const theirMem = studyArray(s.id, 'memorization') as Float64Array | null;
          const theirLira = store.arrays.get(s.id, null, 'scores:lira:target=0')?.data as Float32Array | undefined;
          return [{ id: s.id, name: s.name, methodLabel: methodLabel(s.config.method, s.config.training), position: at, memorization: theirMem ? orNull(theirMem[at]!) : null, liraScore: theirLira ? orNull(theirLira[at]!) : null }];
        });

      const image = sample.kind === 'image' ? { height: sample.shape[0]!, width: sample.shape[1]!, channels: sample.shape[2]!, pixels: sample.values } : null;
      return {
        position,
        datasetIndex,
        label: labels[position]!,
        labelName: d.classNames[labels[position]!] ?? String(labels[position]),
        heldOut,
        image,
        features: image ? null : sample.values,
        models,
        target,
        inScores,
        outScores,
        targetScore,
        targetMember: heldOut ? null : keep[target * P + position] === 1,
        fit: { inMean: inFit.mean, inStd: inFit.std, outMean: outFit.mean, outStd: outFit.std },
        memorization: mem && !heldOut ? orNull(mem[position]!) : null,
        liraScore: lira && !heldOut ? orNull(lira[position]!) : null,
        otherStudies,
      };
    },
  };
}

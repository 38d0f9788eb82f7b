/**
 * The `analyze-study` job: reads a study's arrays through its own read-only connection to the store
 * (so nothing large crosses to the main process) and runs every attack and estimate on them.
 */
import type { StudyDesign } from '../../../src-shared/studies';
import { openStore, MODEL_ARRAYS } from '../../store';
import type { ArrayRecord } from '../../store';
import { analyzeStudy, type AnalysisOutput, type ModelArrays } from '../../studies/analysis';
import { defineJob } from './handlers';

export interface AnalyzeStudyPayload {
  dataDir: string;
  studyId: string;
}

export const analyzeStudyJob = defineJob(async ({ dataDir, studyId }: AnalyzeStudyPayload): Promise<AnalysisOutput> => {
  const store = openStore({ dataDir, readOnly: true, nativeBinding: process.env.MNEMO_SQLITE_BINDING || undefined });
  try {
    const study = store.studies.require(studyId);
    const design = store.analyses.get(studyId, 'design')?.result as StudyDesign | undefined;
    if (!design) throw new Error(`Study "${studyId}" has no design record; it was not created by this version of Mnemo.`);
    const studyArray = (name: string) => store.arrays.require(studyId, null, name).data;
    const keep = studyArray('keep') as Uint8Array;
    const labels = studyArray('labels') as Uint16Array;
    const optional = (idx: number, name: string): ArrayRecord | null => store.arrays.get(studyId, idx, name);
    const models: ModelArrays[] = store.models.list(studyId).map((model) => {
      const need = (name: string) => store.arrays.require(studyId, model.idx, name).data;
      return {
        idx: model.idx,
        phi: need(MODEL_ARRAYS.phi) as Float32Array,
        logProb: need(MODEL_ARRAYS.logProb) as Float32Array,
        correct: (optional(model.idx, MODEL_ARRAYS.correct)?.data as Uint8Array | undefined) ?? null,
        entropy: (optional(model.idx, MODEL_ARRAYS.entropy)?.data as Float32Array | undefined) ?? null,
        modifiedEntropy: (optional(model.idx, MODEL_ARRAYS.modifiedEntropy)?.data as Float32Array | undefined) ?? null,
        top: (optional(model.idx, MODEL_ARRAYS.top)?.data as Float32Array | undefined) ?? null,
        labelOnly: (optional(model.idx, MODEL_ARRAYS.labelOnly)?.data as Uint8Array | undefined) ?? new Uint8Array(0),
        noiseRobustness: (optional(model.idx, MODEL_ARRAYS.noiseRobustness)?.data as Float32Array | undefined) ?? new Float32Array(0),
        robustPositions: (optional(model.idx, MODEL_ARRAYS.robustPositions)?.data as Int32Array | undefined) ?? new Int32Array(0),
        robustCorrect: (optional(model.idx, MODEL_ARRAYS.robustCorrect)?.data as Uint8Array | undefined) ?? new Uint8Array(0),
        logits: (optional(model.idx, MODEL_ARRAYS.logits)?.data as Float32Array | undefined) ?? null,
        epsilon: ((model.metrics?.dp as { epsilon?: number } | null | undefined)?.epsilon ?? null) as number | null,
      };
    });
    return analyzeStudy({
      config: study.config,
      populationSize: design.populationSize,
      heldOutSize: design.heldOutSize,
      queries: design.queryNames.length,
      labelOnlyQueries: design.labelOnlyQueryNames.length,
      classes: design.classes,
      keep,
      labels,
      models,
    });
  } finally {
    store.close();
  }
});

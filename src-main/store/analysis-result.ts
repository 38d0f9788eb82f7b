/** Recording a study's analysis: its results, per-sample scores, headline summary and job, at once. */
import type { AnalysisInput } from './analyses-repository';
import { validateArrays, type ArrayInput } from './arrays-repository';
import { isoNow } from './connection';
import type { Store } from './database';
import { studyNotFound } from './not-found';

export interface AnalysisResultInput {
  /** One result per kind ('lira', 'rmia', 'threshold', 'memorization'…), replacing earlier ones. */
  analyses: readonly AnalysisInput[];
  /** Study-level arrays such as 'scores:lira:target=3' (replacing same-named ones). */
  arrays?: readonly ArrayInput[];
  /** Headline metrics for the studies list; left unchanged when omitted. */
  summary?: Record<string, unknown>;
  at?: string;
}

/**
 * Stores an analysis in ONE transaction: the analyses rows, study-level arrays, the summary, and the
 * study's queued or running 'analyze' jobs marked done.
 * Throws MnemoError('not-found') for a missing study, ('unavailable') for a full disk or a locked
 * database; RangeError/TypeError for a bad array (nothing is written).
 */
export function recordAnalysis(store: Store, studyId: string, input: AnalysisResultInput): void {
  const arrays = input.arrays ?? [];
  validateArrays(studyId, null, arrays);
  const at = input.at ?? isoNow();
  store.write(`record the analysis of study "${studyId}"`, () => {
    if (!store.studies.exists(studyId)) throw studyNotFound(studyId);
    store.analyses.writeRows(studyId, input.analyses, at);
    store.arrays.writeRows(studyId, null, arrays);
    if (input.summary !== undefined) store.studies.setSummary(studyId, input.summary);
    store.db
      .prepare("UPDATE jobs SET status = 'done', error = NULL, updated_at = ? WHERE study_id = ? AND kind = 'analyze' AND status IN ('queued', 'running')")
      .run(at, studyId);
  });
}

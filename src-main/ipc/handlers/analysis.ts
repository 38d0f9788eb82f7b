/** Handlers of the analysis channels: attack results, training histories, raw scores for histograms. */
import type { AccuracySummary, AttackResult, InfluenceResult, MemorizationResult } from '../../../src-shared/analysis';
import type { StudyDesign } from '../../../src-shared/studies';
import { attackScores } from '../../studies/sample-table';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';

const ATTACK_KINDS: ReadonlySet<string> = new Set(['lira', 'rmia', 'loss', 'confidence', 'entropy', 'modified-entropy', 'correctness', 'label-only', 'noise', 'nn']);

export function analysisHandlers(ctx: AppContext): Pick<Handlers, 'studies.analysis' | 'studies.history' | 'studies.scores'> {
  const { store } = ctx;
  return {
    'studies.analysis': ({ id }) => {
      store.studies.require(id);
      const records = store.analyses.list(id);
      const find = <T>(kind: string) => (records.find((r) => r.kind === kind)?.result as T | undefined) ?? null;
      return {
        design: find<StudyDesign>('design'),
        accuracy: find<AccuracySummary>('accuracy'),
        attacks: records.filter((r) => ATTACK_KINDS.has(r.kind)).map((r) => r.result as AttackResult),
        memorization: find<MemorizationResult>('memorization'),
        influence: find<InfluenceResult>('influence'),
      };
    },
    'studies.history': ({ id }) => {
      store.studies.require(id);
      const byModel = new Map<number, ReturnType<typeof store.epochs.listForStudy>>();
      for (const epoch of store.epochs.listForStudy(id)) byModel.set(epoch.modelIdx, [...(byModel.get(epoch.modelIdx) ?? []), epoch]);
      return {
        models: [...byModel].map(([modelIdx, epochs]) => ({
          modelIdx,
          epochs: epochs.map((e) => ({ epoch: e.epoch, loss: e.loss, accuracy: e.accuracy, lr: e.lr, seconds: e.seconds, epsilon: e.epsilon ?? null })),
        })),
      };
    },
    'studies.scores': ({ id, attack, target }) => {
      const scores = attackScores(store, id, attack, target);
      const keep = store.arrays.require(id, null, 'keep');
      const population = keep.shape[1]!;
      const member = Array.from(keep.data.subarray(target * population, (target + 1) * population));
      return { attack, target, scores: Array.from(scores), member };
    },
  };
}

/** Empirical risk minimisation: the mean cross-entropy on the clean batch. */
import { perSampleCrossEntropy } from '../losses';
import type { Objective } from './objective';

export const ermObjective: Objective = {
  prepare: () => [],
  terms(model, batch, _prepared, ctx) {
    const logits = model.apply(batch.x, ctx);
    const ce = perSampleCrossEntropy(logits, batch.oneHot);
    return { perSample: ce, dememLosses: ce, logits };
  },
};

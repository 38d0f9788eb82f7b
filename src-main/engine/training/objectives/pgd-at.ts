/** PGD adversarial training (Madry et al. 2018; SCIENCE.md §7.2): CE on PGD examples of the current model. */
import type { ObjectiveConfig } from '../../../../src-shared/config/method';
import { crossEntropyLoss, pgd } from '../../eval/pgd';
import { perSampleCrossEntropy } from '../losses';
import type { Objective } from './objective';

type PgdAtConfig = Extract<ObjectiveConfig, { kind: 'pgd-at' }>;

export function pgdAtObjective(config: PgdAtConfig): Objective {
  const options = { norm: 'linf' as const, ...config };
  return {
    prepare: (model, batch, rng) => [pgd(model, batch.x, crossEntropyLoss(batch.oneHot), options, rng)],
    terms(model, batch, [xAdv], ctx) {
      const logits = model.apply(xAdv!, ctx);
      const ce = perSampleCrossEntropy(logits, batch.oneHot);
      return { perSample: ce, dememLosses: ce, logits };
    },
  };
}

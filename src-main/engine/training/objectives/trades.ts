/**
 * TRADES (Zhang et al. 2019; SCIENCE.md §7.3): CE(f(x), y) + β·KL(f(x) ‖ f(x_adv)), x_adv from a
 * KL-PGD inner maximisation in inference mode. The natural logits in the KL are not detached.
 */
import type { ObjectiveConfig } from '../../../../src-shared/config/method';
import { forwardContext } from '../../models/module';
import { klLoss, pgd } from '../../eval/pgd';
import { tf } from '../../tf';
import { perSampleCrossEntropy, perSampleKl } from '../losses';
import type { Objective } from './objective';

type TradesConfig = Extract<ObjectiveConfig, { kind: 'trades' }>;

export function tradesObjective(config: TradesConfig): Objective {
  const options = { norm: 'linf' as const, epsilon: config.epsilon, stepSize: config.stepSize, steps: config.steps, randomStart: config.init === 'uniform' };
  return {
    prepare(model, batch, rng) {
      const clean = tf.tidy(() => model.apply(batch.x, forwardContext(false)));
      // TRADES' own start: x + 0.001·N(0, I), projected by the first step.
      const start =
        config.init === 'gaussian' ? tf.tidy(() => tf.add(batch.x, tf.randomNormal(batch.x.shape, 0, 0.001, 'float32', rng.nextUint32()))) : undefined;
      const xAdv = pgd(model, batch.x, klLoss(clean), options, rng, start);
      clean.dispose();
      start?.dispose();
      return [xAdv];
    },
    terms(model, batch, [xAdv], ctx) {
      const natural = model.apply(batch.x, ctx);
      const adversarial = model.apply(xAdv!, ctx);
      const perSample = tf.add(perSampleCrossEntropy(natural, batch.oneHot), tf.mul(perSampleKl(natural, adversarial), config.beta));
      // DeMem with TRADES penalises the CE of the adversarial example (SCIENCE.md §8.1).
      return { perSample, dememLosses: perSampleCrossEntropy(adversarial, batch.oneHot), logits: natural };
    },
  };
}

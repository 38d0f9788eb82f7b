/**
 * The loss a step differentiates: the objective's mean, plus DeMem's variance penalty
 * (SCIENCE.md §8) and SharpReg's third term (§11), where configured.
 */
import type { DememConfig, UpdateConfig } from '../../../src-shared/config/method';
import type { Model } from '../models/model';
import type { ForwardContext } from '../models/module';
import { tf, type Tensor } from '../tf';
import { perSampleEntropy, unbiasedVariance } from './losses';
import type { LossTerms, Objective, TrainBatch } from './objectives/objective';

export interface LossValue {
  total: Tensor;
  terms: LossTerms;
}

/** A batch's loss as a function of the forward context (the update rule may evaluate it twice). */
export type LossFunction = (ctx: ForwardContext) => LossValue;

type SharpRegConfig = Extract<UpdateConfig, { kind: 'sharpreg' }>;

/**
 * Builds the batch's loss function.
 * DeMem: + λ·Var_B(ℓ) with Bessel's correction; skipped for a batch of one, where it is undefined.
 * SharpReg: 'confidence-penalty' subtracts γ·mean H(p); 'flooding' maps L to |L − γ| + γ.
 */
export function composeLoss(
  model: Model,
  batch: TrainBatch,
  prepared: Tensor[],
  objective: Objective,
  demem: DememConfig | undefined,
  sharpreg: SharpRegConfig | undefined,
): LossFunction {
  const batchSize = batch.x.shape[0]!;
  return (ctx) => {
    const terms = objective.terms(model, batch, prepared, ctx);
    let total = tf.mean(terms.perSample);
    if (demem && demem.lambda > 0 && batchSize > 1) total = tf.add(total, tf.mul(unbiasedVariance(terms.dememLosses), demem.lambda));
    if (sharpreg && sharpreg.gamma > 0) {
      if (sharpreg.regulariser === 'confidence-penalty') total = tf.sub(total, tf.mul(tf.mean(perSampleEntropy(terms.logits)), sharpreg.gamma));
      else total = flooded(total, sharpreg.gamma);
    }
    return { total, terms };
  };
}

/** Flooding (Ishida et al. 2020): |L − b| + b, so below the level b the step ascends the loss. */
export function flooded(loss: Tensor, level: number): Tensor {
  return tf.add(tf.abs(tf.sub(loss, level)), level);
}

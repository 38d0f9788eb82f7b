/** How a batch becomes a loss: ERM, PGD-AT or TRADES (SCIENCE.md §7). */
import type { ObjectiveConfig } from '../../../../src-shared/config/method';
import type { Rng } from '../../../math/prng';
import type { Model } from '../../models/model';
import type { ForwardContext } from '../../models/module';
import type { Tensor } from '../../tf';
import { ermObjective } from './erm';
import { pgdAtObjective } from './pgd-at';
import { tradesObjective } from './trades';

export interface TrainBatch {
  /** Inputs in [0, 1], [B, …shape]. */
  x: Tensor;
  /** Integer labels [B]. */
  labels: Tensor;
  /** One-hot labels [B, K]. */
  oneHot: Tensor;
}

export interface LossTerms {
  /** Per-sample objective losses; the batch loss is their mean (DP-SGD clips each one's gradient). */
  perSample: Tensor;
  /** ℓ_i whose variance DeMem penalises: CE on the batch's adversarial examples (natural CE under ERM). */
  dememLosses: Tensor;
  /** Logits of the examples the loss is taken on: running accuracy, SharpReg's confidence penalty. */
  logits: Tensor;
}

export interface Objective {
  /**
   * Work done before differentiating with respect to the parameters: adversarial examples,
   * generated with the model in inference mode. The caller disposes the returned tensors.
   */
  prepare(model: Model, batch: TrainBatch, rng: Rng): Tensor[];
  /** The loss terms, built inside the gradient scope with the model in training mode. */
  terms(model: Model, batch: TrainBatch, prepared: Tensor[], ctx: ForwardContext): LossTerms;
}

export function createObjective(config: ObjectiveConfig): Objective {
  switch (config.kind) {
    case 'erm':
      return ermObjective;
    case 'pgd-at':
      return pgdAtObjective(config);
    case 'trades':
      return tradesObjective(config);
  }
}

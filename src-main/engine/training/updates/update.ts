/** How a batch's loss becomes a parameter update: plain, SAM/ASAM, SharpReg, DP-SGD (SCIENCE.md §9–§11). */
import type { UpdateConfig } from '../../../../src-shared/config/method';
import type { Rng } from '../../../math/prng';
import type { Model } from '../../models/model';
import { tf, type Tensor, type Variable } from '../../tf';
import type { LossFunction } from '../loss-composition';
import type { Gradients, Optimizer } from '../optimizers/optimizer';
import { dpSgdUpdate } from './dp-sgd';
import { plainUpdate } from './plain';
import { sharpnessUpdate } from './sharpness';

export interface StepInput {
  model: Model;
  loss: LossFunction;
  labels: Tensor;
  optimizer: Optimizer;
  lr: number;
  rng: Rng;
  /** DP-SGD's divisor: the expected batch size q·N under Poisson sampling, the batch size otherwise. */
  expectedBatchSize: number;
}

/** What a step reports, as tensors the caller reads (lazily) and disposes. */
export interface StepOutput {
  loss: Tensor;
  correct: Tensor;
  /** DP-SGD: how many samples of the batch had their gradient clipped. */
  clipped?: Tensor;
}

export interface UpdateRule {
  step(input: StepInput): StepOutput;
}

export function createUpdate(config: UpdateConfig): UpdateRule {
  switch (config.kind) {
    case 'plain':
      return plainUpdate;
    case 'sam':
    case 'asam':
    case 'sharpreg':
      return sharpnessUpdate(config);
    case 'dp-sgd':
      return dpSgdUpdate(config);
  }
}

/** Gradients as returned by tf.variableGrads (keyed by tfjs variable name), mapped to the variables. */
export function byVariable(variables: Variable[], grads: Record<string, Tensor>): Gradients {
  return new Map(variables.map((v) => [v, grads[v.name]!]));
}

export function disposeGradients(gradients: Gradients): void {
  tf.dispose([...gradients.values()]);
}

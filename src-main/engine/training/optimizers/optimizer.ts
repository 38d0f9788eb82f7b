/** First-order optimisers over named variables, with the learning rate set by the schedule each step. */
import type { OptimizerConfig } from '../../../../src-shared/config/training';
import type { Tensor, Variable } from '../../tf';
import { Adam } from './adam';
import { Sgd } from './sgd';

export type Gradients = Map<Variable, Tensor>;

export interface Optimizer {
  /** Applies one update; the gradients are not disposed. */
  apply(gradients: Gradients, lr: number): void;
  /** Optimiser state (momentum buffers, moments), for checkpoints. */
  dispose(): void;
}

export function createOptimizer(config: OptimizerConfig): Optimizer {
  return config.kind === 'sgd' ? new Sgd(config) : new Adam(config);
}

/** First-order optimisers over named variables, with the learning rate set by the schedule each step. */
import type { OptimizerConfig } from '../../../../src-shared/config/training';
import type { NamedWeights } from '../../models/model';
import type { Param } from '../../models/module';
import type { Tensor, Variable } from '../../tf';
import { Adam } from './adam';
import { Sgd } from './sgd';

export type Gradients = Map<Variable, Tensor>;

export interface Optimizer {
  /** Applies one update; the gradients are not disposed. */
  apply(gradients: Gradients, lr: number): void;
  /** The optimiser's state (momentum buffers, moments, step count) by parameter name, for checkpoints. */
  getState(params: readonly Param[]): Promise<NamedWeights>;
  /** Restores a state written by getState for the same parameters. */
  setState(params: readonly Param[], state: NamedWeights): void;
  dispose(): void;
}

export function createOptimizer(config: OptimizerConfig): Optimizer {
  return config.kind === 'sgd' ? new Sgd(config) : new Adam(config);
}

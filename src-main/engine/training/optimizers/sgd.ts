/**
 * SGD with momentum, Nesterov momentum and coupled weight decay, exactly as PyTorch's torch.optim.SGD
 * (dampening 0): g ← g + wd·w; v ← μ·v + g; step = g + μ·v (Nesterov) or v; w ← w − lr·step.
 */
import type { OptimizerConfig } from '../../../../src-shared/config/training';
import type { NamedWeights } from '../../models/model';
import type { Param } from '../../models/module';
import { tf, type Tensor, type Variable } from '../../tf';
import type { Gradients, Optimizer } from './optimizer';
import { readSlots, writeSlots } from './state';

type SgdConfig = Extract<OptimizerConfig, { kind: 'sgd' }>;

export class Sgd implements Optimizer {
  private readonly velocity = new Map<Variable, Variable>();

  constructor(private readonly config: SgdConfig) {}

  apply(gradients: Gradients, lr: number): void {
    const { momentum, nesterov, weightDecay } = this.config;
    tf.tidy(() => {
      for (const [variable, gradient] of gradients) {
        let g: Tensor = weightDecay > 0 ? tf.add(gradient, tf.mul(variable, weightDecay)) : gradient;
        if (momentum > 0) {
          let v = this.velocity.get(variable);
          if (!v) {
            // PyTorch initialises the buffer with the first gradient itself.
            v = tf.variable(g, false);
            this.velocity.set(variable, v);
          } else v.assign(tf.add(tf.mul(v, momentum), g));
          g = nesterov ? tf.add(g, tf.mul(v, momentum)) : v;
        }
        variable.assign(tf.sub(variable, tf.mul(g, lr)));
      }
    });
  }

  getState(params: readonly Param[]): Promise<NamedWeights> {
    return readSlots(params, { velocity: this.velocity });
  }

  setState(params: readonly Param[], state: NamedWeights): void {
    writeSlots(params, { velocity: this.velocity }, state);
  }

  dispose(): void {
    for (const v of this.velocity.values()) v.dispose();
    this.velocity.clear();
  }
}

/** Adam (Kingma & Ba 2015) with bias correction and coupled L2 weight decay, as torch.optim.Adam. */
import type { OptimizerConfig } from '../../../../src-shared/config/training';
import type { NamedWeights } from '../../models/model';
import type { Param } from '../../models/module';
import { tf, type Variable } from '../../tf';
import type { Gradients, Optimizer } from './optimizer';
import { readSlots, writeSlots } from './state';

type AdamConfig = Extract<OptimizerConfig, { kind: 'adam' }>;

export class Adam implements Optimizer {
  private readonly first = new Map<Variable, Variable>();
  private readonly second = new Map<Variable, Variable>();
  private step = 0;

  constructor(private readonly config: AdamConfig) {}

  apply(gradients: Gradients, lr: number): void {
    const { beta1, beta2, epsilon, weightDecay } = this.config;
    this.step += 1;
    const correction1 = 1 - beta1 ** this.step;
    const correction2 = 1 - beta2 ** this.step;
    tf.tidy(() => {
      for (const [variable, gradient] of gradients) {
        const g = weightDecay > 0 ? tf.add(gradient, tf.mul(variable, weightDecay)) : gradient;
        if (!this.first.has(variable)) {
          this.first.set(variable, tf.variable(tf.zerosLike(variable), false));
          this.second.set(variable, tf.variable(tf.zerosLike(variable), false));
        }
        const m = this.first.get(variable)!;
        const v = this.second.get(variable)!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denominator = tf.add(tf.sqrt(tf.div(v, correction2)), epsilon);
        variable.assign(tf.sub(variable, tf.mul(tf.div(m, denominator), lr / correction1)));
      }
    });
  }

  getState(params: readonly Param[]): Promise<NamedWeights> {
    return readSlots(params, { m: this.first, v: this.second }, { step: this.step });
  }

  setState(params: readonly Param[], state: NamedWeights): void {
    this.step = writeSlots(params, { m: this.first, v: this.second }, state).step ?? 0;
  }

  dispose(): void {
    for (const t of [...this.first.values(), ...this.second.values()]) t.dispose();
    this.first.clear();
    this.second.clear();
  }
}

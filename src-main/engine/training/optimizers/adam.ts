/** Adam (Kingma & Ba 2015) with bias correction and coupled L2 weight decay, as torch.optim.Adam. */
import type { OptimizerConfig } from '../../../../src-shared/config/training';
import { tf, type Variable } from '../../tf';
import type { Gradients, Optimizer } from './optimizer';

type AdamConfig = Extract<OptimizerConfig, { kind: 'adam' }>;

export class Adam implements Optimizer {
  private readonly moments = new Map<Variable, { m: Variable; v: Variable }>();
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
        let state = this.moments.get(variable);
        if (!state) {
          state = { m: tf.variable(tf.zerosLike(variable), false), v: tf.variable(tf.zerosLike(variable), false) };
          this.moments.set(variable, state);
        }
        state.m.assign(tf.add(tf.mul(state.m, beta1), tf.mul(g, 1 - beta1)));
        state.v.assign(tf.add(tf.mul(state.v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const denominator = tf.add(tf.sqrt(tf.div(state.v, correction2)), epsilon);
        variable.assign(tf.sub(variable, tf.mul(tf.div(state.m, denominator), lr / correction1)));
      }
    });
  }

  dispose(): void {
    for (const { m, v } of this.moments.values()) {
      m.dispose();
      v.dispose();
    }
    this.moments.clear();
  }
}

/**
 * Two-pass updates on the same batch, with the perturbation ε̂ taken over all parameters jointly:
 * - SAM (Foret et al. 2021): ε̂ = ρ·g/‖g‖, step with ∇L(w + ε̂) (SCIENCE.md §10);
 * - ASAM (Kwon et al. 2021): ε̂ = ρ·T_w²g/‖T_w g‖ with T_w = |w|;
 * - SharpReg (§11, reconstructed): ε̂ as SAM, step with (1 + λ)·∇L(w) − λ·∇L(w + ε̂).
 * BatchNorm statistics are updated in the first pass only unless the config says otherwise.
 */
import type { UpdateConfig } from '../../../../src-shared/config/method';
import { forwardContext, type ForwardContext } from '../../models/module';
import { tf, type Tensor } from '../../tf';
import type { LossFunction } from '../loss-composition';
import { correctCount } from '../losses';
import type { Gradients } from '../optimizers/optimizer';
import type { Model } from '../../models/model';
import { byVariable, disposeGradients, type UpdateRule } from './update';

type SharpnessConfig = Extract<UpdateConfig, { kind: 'sam' | 'asam' | 'sharpreg' }>;

function gradientsAt(model: Model, loss: LossFunction, ctx: ForwardContext, labels: Tensor, keepMetrics: boolean) {
  let correct: Tensor | undefined;
  const { value, grads } = tf.variableGrads(() => {
    const result = loss(ctx);
    if (keepMetrics) correct = tf.keep(correctCount(result.terms.logits, labels));
    return result.total as tf.Scalar;
  }, model.trainable);
  for (const update of ctx.statUpdates) update.apply();
  return { value, correct, gradients: byVariable(model.trainable, grads) };
}

/** ε̂ for every parameter, from the first-pass gradient. */
export function perturbation(gradients: Gradients, rho: number, adaptive: boolean): Gradients {
  const entries = [...gradients];
  const factor = tf.tidy(() => {
    const scaled = entries.map(([v, g]) => (adaptive ? tf.mul(tf.abs(v), g) : g));
    return tf.div(rho, tf.add(tf.sqrt(tf.addN(scaled.map((t) => tf.sum(tf.square(t))))), 1e-12));
  });
  const result: Gradients = new Map(entries.map(([v, g]) => [v, tf.tidy(() => tf.mul(adaptive ? tf.mul(tf.square(v), g) : g, factor))]));
  factor.dispose();
  return result;
}

export function sharpnessUpdate(config: SharpnessConfig): UpdateRule {
  const adaptive = config.kind === 'asam';
  const statsInSecondPass = config.kind === 'sharpreg' ? false : !config.bnFirstPassOnly;
  return {
    step({ model, loss, labels, optimizer, lr }) {
      const first = gradientsAt(model, loss, forwardContext(true, true), labels, true);
      const epsilon = perturbation(first.gradients, config.rho, adaptive);
      tf.tidy(() => epsilon.forEach((e, v) => v.assign(tf.add(v, e))));
      const second = gradientsAt(model, loss, forwardContext(true, statsInSecondPass), labels, false);
      tf.tidy(() => epsilon.forEach((e, v) => v.assign(tf.sub(v, e))));
      disposeGradients(epsilon);
      second.value.dispose();

      let step: Gradients = second.gradients;
      if (config.kind === 'sharpreg') {
        const lambda = config.lambda;
        step = new Map([...first.gradients].map(([v, g]) => [v, tf.tidy(() => tf.sub(tf.mul(g, 1 + lambda), tf.mul(second.gradients.get(v)!, lambda)))]));
        disposeGradients(second.gradients);
      }
      optimizer.apply(step, lr);
      disposeGradients(step);
      if (step !== first.gradients) disposeGradients(first.gradients);
      return { loss: first.value, correct: first.correct! };
    },
  };
}

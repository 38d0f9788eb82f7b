/**
 * Projected gradient descent on the inputs (Madry et al. 2018; SCIENCE.md §7.1), in L∞ or L2,
 * with the model in inference mode. Each step: ascend the loss, project onto the ε-ball around the
 * clean input, then clip to the valid range [0, 1] — in that order.
 */
import { Rng } from '../../math/prng';
import { forwardContext } from '../models/module';
import type { Model } from '../models/model';
import { tf, type Tensor } from '../tf';
import { perSampleCrossEntropy, perSampleKl } from '../training/losses';

export interface PgdOptions {
  norm: 'linf' | 'l2';
  epsilon: number;
  stepSize: number;
  steps: number;
  /** Start from a uniform point of the ε-ball (L∞) or a random direction within it (L2). */
  randomStart: boolean;
}

/** FGSM (Goodfellow et al. 2015): one signed-gradient step of size ε from the clean input. */
export function fgsmOptions(epsilon: number, norm: PgdOptions['norm'] = 'linf'): PgdOptions {
  return { norm, epsilon, stepSize: epsilon, steps: 1, randomStart: false };
}

/** The loss the attack ascends, as a function of the adversarial logits. */
export type AttackLoss = (logits: Tensor) => Tensor;

/** Sum of cross-entropies: the usual PGD loss. */
export const crossEntropyLoss =
  (oneHot: Tensor): AttackLoss =>
  (logits) =>
    tf.sum(perSampleCrossEntropy(logits, oneHot));

/** Sum of KL(p_clean ‖ softmax(logits)): TRADES' inner maximisation (SCIENCE.md §7.3). */
export const klLoss =
  (cleanLogits: Tensor): AttackLoss =>
  (logits) =>
    tf.sum(perSampleKl(cleanLogits, logits));

const flatNorm = (t: Tensor): Tensor => tf.sqrt(tf.add(tf.sum(tf.square(tf.reshape(t, [t.shape[0]!, -1])), 1), 1e-12));

/** Reshapes a per-sample vector [B] so it broadcasts over a batch of shape [B, …]. */
const perSample = (v: Tensor, like: Tensor): Tensor => tf.reshape(v, [like.shape[0]!, ...like.shape.slice(1).map(() => 1)]);

/** Projects `xAdv` onto the ε-ball around `x`, then into [0, 1]. */
export function project(x: Tensor, xAdv: Tensor, norm: PgdOptions['norm'], epsilon: number): Tensor {
  return tf.tidy(() => {
    let delta = tf.sub(xAdv, x);
    if (norm === 'linf') delta = tf.clipByValue(delta, -epsilon, epsilon);
    else delta = tf.mul(delta, perSample(tf.minimum(1, tf.div(epsilon, flatNorm(delta))), delta));
    return tf.clipByValue(tf.add(x, delta), 0, 1);
  });
}

/** A random start inside the ε-ball, seeded so attacks repeat exactly. */
export function randomStart(x: Tensor, norm: PgdOptions['norm'], epsilon: number, rng: Rng): Tensor {
  return tf.tidy(() => {
    const seed = rng.nextUint32();
    if (norm === 'linf') return project(x, tf.add(x, tf.randomUniform(x.shape, -epsilon, epsilon, 'float32', seed)), norm, epsilon);
    const direction = tf.randomNormal(x.shape, 0, 1, 'float32', seed);
    const radius = tf.mul(tf.randomUniform([x.shape[0]!], 0, 1, 'float32', seed + 1), epsilon);
    const unit = tf.div(direction, perSample(flatNorm(direction), direction));
    return project(x, tf.add(x, tf.mul(unit, perSample(radius, unit))), norm, epsilon);
  });
}

/**
 * Runs PGD from `start` (or from x / a random start) and returns the adversarial batch; the caller
 * owns it. The model is applied in inference mode (BatchNorm uses running statistics).
 *
 * With `freezeOn` (evaluation), a sample stops moving once it is misclassified, so an attack with
 * more steps from the same start never succeeds on fewer samples. Training uses the final iterate.
 */
export function pgd(model: Model, x: Tensor, loss: AttackLoss, options: PgdOptions, rng: Rng, start?: Tensor, freezeOn?: Tensor): Tensor {
  const { norm, epsilon, stepSize, steps } = options;
  let xAdv = start ? tf.clone(start) : options.randomStart && epsilon > 0 ? randomStart(x, norm, epsilon, rng) : tf.clone(x);
  const gradient = tf.grad((input: Tensor) => loss(model.apply(input, forwardContext(false))));
  for (let step = 0; step < steps; step++) {
    const next = tf.tidy(() => {
      const g = gradient(xAdv);
      const direction = norm === 'linf' ? tf.sign(g) : tf.div(g, perSample(flatNorm(g), g));
      const moved = project(x, tf.add(xAdv, tf.mul(direction, stepSize)), norm, epsilon);
      if (!freezeOn) return moved;
      const fooled = tf.cast(tf.notEqual(tf.argMax(model.apply(xAdv, forwardContext(false)), 1), freezeOn), 'float32');
      // Keep the fooling point of frozen samples: moved + f·(xAdv − moved), f ∈ {0, 1} per sample.
      return tf.add(moved, tf.mul(perSample(fooled, x), tf.sub(xAdv, moved)));
    });
    xAdv.dispose();
    xAdv = next;
  }
  return xAdv;
}

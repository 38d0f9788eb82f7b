/** Per-sample losses on logits, in the forms the methods need. */
import { tf, type Tensor } from '../tf';

/** Cross-entropy of each sample, −log softmax(z)_y, from logits [B, K] and one-hot labels [B, K]. */
export function perSampleCrossEntropy(logits: Tensor, oneHot: Tensor): Tensor {
  return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1));
}

/** KL(p ‖ q) per sample with p = softmax(pLogits), q = softmax(qLogits) — TRADES' KL(f(x) ‖ f(x_adv)). */
export function perSampleKl(pLogits: Tensor, qLogits: Tensor): Tensor {
  const logP = tf.logSoftmax(pLogits);
  return tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, tf.logSoftmax(qLogits))), 1);
}

/** Entropy of softmax(z) per sample. */
export function perSampleEntropy(logits: Tensor): Tensor {
  const logP = tf.logSoftmax(logits);
  return tf.neg(tf.sum(tf.mul(tf.exp(logP), logP), 1));
}

/** Number of samples whose arg-max logit is the label, as a scalar tensor. */
export function correctCount(logits: Tensor, labels: Tensor): Tensor {
  return tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), labels), 'float32'));
}

/** Unbiased (Bessel-corrected) variance of a vector, as torch.var's default (SCIENCE.md §8.1). */
export function unbiasedVariance(values: Tensor): Tensor {
  const n = values.shape[0]!;
  const centred = tf.sub(values, tf.mean(values));
  return tf.div(tf.sum(tf.square(centred)), n - 1);
}

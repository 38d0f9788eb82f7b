/** One gradient, one optimiser step. */
import { forwardContext } from '../../models/module';
import { tf, type Tensor } from '../../tf';
import { correctCount } from '../losses';
import { byVariable, disposeGradients, type UpdateRule } from './update';

export const plainUpdate: UpdateRule = {
  step({ model, loss, labels, optimizer, lr }) {
    const ctx = forwardContext(true);
    let correct: Tensor | undefined;
    const { value, grads } = tf.variableGrads(() => {
      const result = loss(ctx);
      correct = tf.keep(correctCount(result.terms.logits, labels));
      return result.total as tf.Scalar;
    }, model.trainable);
    for (const update of ctx.statUpdates) update.apply();
    const gradients = byVariable(model.trainable, grads);
    optimizer.apply(gradients, lr);
    disposeGradients(gradients);
    return { loss: value, correct: correct! };
  },
};

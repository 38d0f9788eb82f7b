/**
 * The engine's single import of TensorFlow.js. Everything in engine/ imports `tf` from here, so
 * the backend that the probe picks (and its kernel patches) applies to all of it. The union
 * package is used (not tfjs-core alone) because it is what registers the ops' gradients.
 */
import * as tf from '@tensorflow/tfjs';

// Production mode: no debug-only checks, and no banner urging tfjs-node on every start (the probe
// chooses tfjs-node itself where it is installed).
tf.enableProdMode();

export { tf };
export type Tensor = tf.Tensor;
export type Variable = tf.Variable;
export type Tensor4D = tf.Tensor4D;
export type Scalar = tf.Scalar;

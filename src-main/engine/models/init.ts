/**
 * Seeded parameter initialisation. Uniform draws from Mnemo's Rng (not tfjs' generator) so a
 * study's models are reproducible on every backend.
 */
import { Rng } from '../../math/prng';
import { tf, type Variable } from '../tf';

export type InitKind = 'he' | 'glorot' | 'zeros' | 'ones';

/**
 * Creates a variable of `shape`. tfjs names it itself (its names must be unique per process and a
 * worker trains many models); our own parameter names live in `Param.name`.
 * - 'he': U(±√(6/fan_in)), for layers followed by ReLU (He et al. 2015);
 * - 'glorot': U(±√(6/(fan_in+fan_out))), for tanh and output layers (Glorot & Bengio 2010).
 */
export function initVariable(shape: number[], kind: InitKind, fanIn: number, fanOut: number, rng: Rng): Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (kind === 'ones') values.fill(1);
  else if (kind !== 'zeros') {
    const bound = kind === 'he' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < size; i++) values[i] = (2 * rng.uniform() - 1) * bound;
  }
  return variableFrom(tf.tensor(values, shape, 'float32'), true);
}

/** Wraps a tensor's data in a variable and drops the tensor itself, so nothing is left tracked. */
function variableFrom(initial: tf.Tensor, trainable: boolean): Variable {
  const variable = tf.variable(initial, trainable);
  initial.dispose();
  return variable;
}

/** A non-trainable state variable (BatchNorm running statistics). */
export function stateVariable(shape: number[], fill: number): Variable {
  return variableFrom(tf.fill(shape, fill), false);
}

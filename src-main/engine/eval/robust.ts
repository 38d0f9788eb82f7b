/**
 * Natural and robust accuracy (SCIENCE.md §7.4): a sample is robust when the model classifies it
 * correctly under every PGD restart. Every attack parameter is returned with the result.
 */
import type { RobustEvalConfig } from '../../../src-shared/config/evaluation';
import type { Rng } from '../../math/prng';
import type { Model } from '../models/model';
import { forwardContext } from '../models/module';
import { tf, type Tensor } from '../tf';
import { gatherBatch, type SampleSource } from '../training/batches';
import { crossEntropyLoss, pgd, type PgdOptions } from './pgd';

export interface Robustness {
  /** The evaluated sample indices (into the dataset). */
  indices: Int32Array;
  natural: Uint8Array;
  robust: Uint8Array;
  naturalAccuracy: number;
  robustAccuracy: number;
  attack: PgdOptions & { restarts: number };
}

/** Per-sample correctness of the model's predictions on `x`. */
function correctness(model: Model, x: Tensor, labels: Tensor): Uint8Array {
  const t = tf.tidy(() => tf.cast(tf.equal(tf.argMax(model.apply(x, forwardContext(false)), 1), labels), 'int32'));
  const values = Uint8Array.from(t.dataSync());
  t.dispose();
  return values;
}

/** Evaluates natural and PGD-robust accuracy on `indices`. */
export async function evaluateRobustness(
  model: Model,
  data: SampleSource,
  indices: Int32Array,
  config: RobustEvalConfig,
  batchSize: number,
  rng: Rng,
): Promise<Robustness> {
  const attack = { norm: config.norm, epsilon: config.epsilon, stepSize: config.stepSize, steps: config.steps, randomStart: config.randomStart };
  const natural = new Uint8Array(indices.length);
  const robust = new Uint8Array(indices.length);
  for (let start = 0; start < indices.length; start += batchSize) {
    const batchIndices = indices.subarray(start, Math.min(indices.length, start + batchSize));
    const { x, labels } = gatherBatch(data, batchIndices, null, rng);
    const xt = tf.tensor(x, [batchIndices.length, ...data.shape]);
    const yt = tf.tensor1d(labels, 'int32');
    const oneHot = tf.tidy(() => tf.oneHot(yt, data.numClasses).toFloat());
    const clean = correctness(model, xt, yt);
    natural.set(clean, start);
    const survived = Uint8Array.from(clean);
    for (let r = 0; r < config.restarts && config.enabled; r++) {
      const xAdv = pgd(model, xt, crossEntropyLoss(oneHot), attack, rng, undefined, yt);
      const under = correctness(model, xAdv, yt);
      xAdv.dispose();
      for (let i = 0; i < survived.length; i++) survived[i] = survived[i]! & under[i]!;
    }
    robust.set(config.enabled ? survived : clean, start);
    tf.dispose([xt, yt, oneHot]);
    await new Promise((resolve) => setImmediate(resolve));
  }
  const mean = (v: Uint8Array) => v.reduce((s, x) => s + x, 0) / Math.max(v.length, 1);
  return { indices, natural, robust, naturalAccuracy: mean(natural), robustAccuracy: mean(robust), attack: { ...attack, restarts: config.restarts } };
}

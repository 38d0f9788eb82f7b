/**
 * DP-SGD (Abadi et al. 2016) with Opacus' conventions (SCIENCE.md §9.1): each sample's gradient,
 * flattened over all parameters, is clipped to C with factor min(1, C/(‖g_i‖ + 1e-6)); the clipped
 * sum gets Gaussian noise of standard deviation σ·C; the result is divided by the expected batch size.
 *
 * Per-sample gradients are never materialised (ENGINE-NOTES §2.4): one backward pass gives every
 * parametric layer's per-sample backprop δ through zero probes added to its output; the per-sample
 * norms follow from inputs and δ (ghost norms for dense layers, exact per-sample filter gradients for
 * convolutions), and the clipped sums from one product per layer with δ scaled by the clip factors.
 */
import type { UpdateConfig } from '../../../../src-shared/config/method';
import type { ParametricModule, TapSet } from '../../models/module';
import { tf, type Tensor, type Variable } from '../../tf';
import { correctCount } from '../losses';
import type { Gradients } from '../optimizers/optimizer';
import type { Model } from '../../models/model';
import { disposeGradients, type StepInput, type UpdateRule } from './update';

type DpSgdConfig = Extract<UpdateConfig, { kind: 'dp-sgd' }>;

/** The stabiliser in the clip factor, as Opacus. */
const CLIP_EPSILON = 1e-6;

export class DpCoverageError extends Error {}

/**
 * Clipped per-sample gradient sums Σ_i c_i·g_i, and the per-sample norms, for a batch whose summed
 * loss is `sumLoss(taps)`. Exposed for tests against a naive per-sample loop.
 */
export function clippedGradientSum(
  model: Model,
  batchSize: number,
  clipNorm: number,
  sumLoss: (taps: TapSet) => { value: Tensor; logits: Tensor },
): { sums: Gradients; norms: Tensor; factors: Tensor; loss: Tensor; logits: Tensor } {
  const layers = model.parametricLayers();
  const probes = new Map<ParametricModule, Tensor>(layers.map((layer) => [layer, tf.zeros([batchSize, ...layer.outputShape])]));
  const inputs = new Map<ParametricModule, Tensor>();
  const taps: TapSet = {
    probe: (layer) => probes.get(layer)!,
    record: (layer, input) => {
      if (inputs.has(layer)) throw new DpCoverageError(`DP-SGD needs one forward pass per step, but layer "${layer.name}" ran twice`);
      // A clone: the input may be the caller's batch tensor, which must outlive this step.
      inputs.set(layer, tf.keep(tf.clone(input)));
    },
  };
  let logits: Tensor | undefined;
  const probeList = [...probes.values()];
  const { value, grads: deltas } = tf.valueAndGrads((..._probes: Tensor[]) => {
    const result = sumLoss(taps);
    logits = tf.keep(result.logits);
    return result.value;
  })(probeList);

  const used = layers.filter((layer) => inputs.has(layer));
  const delta = new Map(used.map((layer) => [layer, deltas[layers.indexOf(layer)]!]));
  const norms = tf.tidy(() => tf.sqrt(tf.addN(used.map((layer) => layer.perSampleGradNormSq(inputs.get(layer)!, delta.get(layer)!)))));
  const factors = tf.tidy(() => tf.minimum(1, tf.div(clipNorm, tf.add(norms, CLIP_EPSILON))));
  const sums: Gradients = new Map();
  for (const layer of used) {
    const d = delta.get(layer)!;
    const scaled = tf.tidy(() => tf.mul(d, tf.reshape(factors, [batchSize, ...d.shape.slice(1).map(() => 1)])));
    for (const [variable, sum] of layer.clippedGradients(inputs.get(layer)!, scaled)) sums.set(variable, sum);
    scaled.dispose();
  }
  tf.dispose([...probeList, ...deltas, ...inputs.values()]);
  const uncovered = model.params.filter((p) => !sums.has(p.variable));
  if (uncovered.length) {
    disposeGradients(sums);
    tf.dispose([norms, factors, value, logits!]);
    throw new DpCoverageError(`DP-SGD cannot clip per-sample gradients of ${uncovered.map((p) => p.name).join(', ')}`);
  }
  return { sums, norms, factors, loss: value, logits: logits! };
}

/** Gaussian noise N(0, (σC)²) for one parameter, seeded. */
function noiseLike(variable: Variable, std: number, seed: number): Tensor {
  return tf.randomNormal(variable.shape, 0, std, 'float32', seed);
}

export function dpSgdUpdate(config: DpSgdConfig): UpdateRule {
  return {
    step({ model, loss, labels, optimizer, lr, rng, expectedBatchSize }: StepInput) {
      const batchSize = labels.shape[0]!;
      const std = config.noiseMultiplier * config.clipNorm;
      if (batchSize === 0) {
        // An empty Poisson batch still releases noise, as the accountant assumes.
        const noise: Gradients = new Map(model.trainable.map((v) => [v, tf.div(noiseLike(v, std, rng.nextUint32()), expectedBatchSize)]));
        optimizer.apply(noise, lr);
        disposeGradients(noise);
        return { loss: tf.scalar(0), correct: tf.scalar(0), clipped: tf.scalar(0) };
      }
      const result = clippedGradientSum(model, batchSize, config.clipNorm, (taps) => {
        const value = loss({ training: true, updateStats: false, statUpdates: [], taps });
        return { value: tf.sum(value.terms.perSample), logits: value.terms.logits };
      });
      const noisy: Gradients = new Map(
        [...result.sums].map(([v, sum]) => [v, tf.tidy(() => tf.div(tf.add(sum, noiseLike(v, std, rng.nextUint32())), expectedBatchSize))]),
      );
      optimizer.apply(noisy, lr);
      disposeGradients(noisy);
      disposeGradients(result.sums);
      const clipped = tf.tidy(() => tf.sum(tf.cast(tf.less(result.factors, 1), 'float32')));
      const meanLoss = tf.div(result.loss, batchSize);
      const correct = tf.tidy(() => correctCount(result.logits, labels));
      tf.dispose([result.loss, result.logits, result.norms, result.factors]);
      return { loss: meanLoss, correct, clipped };
    },
  };
}

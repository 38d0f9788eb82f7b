/**
 * The backend probe: before committing to a backend, activate it, run one training step of a tiny
 * model, and compare a forward and backward pass against the reference `cpu` backend. Runs in an
 * engine worker (never the main thread); the first backend that passes is used.
 */
import type { BackendName, BackendStatus } from '../../../src-shared/system';
import { ModelConfigSchema } from '../../../src-shared/config/model';
import { Rng } from '../../math/prng';
import { buildModel } from '../models/model';
import { forwardContext } from '../models/module';
import { tf } from '../tf';
import { perSampleCrossEntropy } from '../training/losses';
import { activateBackend, type ActiveBackend } from './activate';
import { candidates, decide, type BackendSelection, type ProbeResult } from './select';

const TOLERANCE = 1e-3;

/** Loss and input gradient of a small conv net on fixed data, on the current backend. */
async function referenceComputation(): Promise<Float32Array> {
  const config = ModelConfigSchema.parse({
    kind: 'layers',
    layers: [{ type: 'conv2d', filters: 3, kernel: 3, strides: 2 }, { type: 'relu' }, { type: 'maxpool' }, { type: 'flatten' }, { type: 'dense', units: 5 }, { type: 'tanh' }],
  });
  const model = await buildModel(config, [9, 9, 2], 4, 7);
  const rng = new Rng(1);
  const values = Float32Array.from({ length: 3 * 9 * 9 * 2 }, () => rng.uniform() * 2 - 1);
  const result = tf.tidy(() => {
    const x = tf.tensor(values, [3, 9, 9, 2]);
    const oneHot = tf.oneHot(tf.tensor1d([0, 1, 3], 'int32'), 4).toFloat();
    const f = (input: tf.Tensor) => tf.sum(perSampleCrossEntropy(model.apply(input, forwardContext(true)), oneHot));
    const { value, grad } = tf.valueAndGrad(f)(x);
    return tf.concat([tf.reshape(value, [1]), tf.reshape(grad, [-1])]);
  });
  const out = (await result.data()) as Float32Array;
  result.dispose();
  model.dispose();
  return Float32Array.from(out);
}

/** One SGD step of a tiny MLP: the loss must be finite and the weights must move. */
async function smokeTest(): Promise<void> {
  const model = await buildModel(ModelConfigSchema.parse({ kind: 'mlp', hidden: [8] }), [6], 3, 3);
  const before = (await model.getWeights()).values[0]!;
  const lossValue = tf.tidy(() => {
    const x = tf.tensor2d(Array.from({ length: 24 }, (_, i) => Math.sin(i)), [4, 6]);
    const oneHot = tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3).toFloat();
    const { value, grads } = tf.variableGrads(() => tf.mean(perSampleCrossEntropy(model.apply(x, forwardContext(true)), oneHot)) as tf.Scalar, model.trainable);
    for (const v of model.trainable) v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.1)));
    return value;
  });
  const loss = (await lossValue.data())[0]!;
  lossValue.dispose();
  const after = (await model.getWeights()).values[0]!;
  model.dispose();
  if (!Number.isFinite(loss)) throw new Error(`the smoke-test loss is ${loss}`);
  if (after.every((v, i) => v === before[i])) throw new Error('a training step did not change the weights');
}

/** Probes one backend; leaves it active when it passes. */
export async function probeBackend(name: BackendName, reference: Float32Array | null): Promise<ProbeResult> {
  const started = performance.now();
  let active: ActiveBackend | null = null;
  try {
    active = await activateBackend(name);
    await smokeTest();
    if (reference && name !== 'cpu') {
      const values = await referenceComputation();
      let worst = 0;
      for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(values[i]! - reference[i]!) / Math.max(1, Math.abs(reference[i]!)));
      if (!(worst <= TOLERANCE)) throw new Error(`its results differ from the cpu backend by ${worst.toExponential(2)} (tolerance ${TOLERANCE})`);
    }
    return {
      name,
      ok: true,
      reason: `${name} passed a training step${name === 'cpu' ? '' : ' and matched the cpu backend'}`,
      versions: active.versions,
      details: active.details,
      warnings: active.warnings,
      ms: performance.now() - started,
    };
  } catch (error) {
    return { name, ok: false, reason: (error as Error).message.replace(`${name}: `, ''), versions: active?.versions ?? {}, details: [], warnings: active?.warnings ?? [], ms: performance.now() - started };
  }
}

/**
 * Probes the candidates in order and activates the first that passes.
 * @throws Error when none passes (or the forced one fails), listing every reason.
 */
export async function probeAndSelect(inventory: BackendStatus[], forced: BackendName | null): Promise<BackendSelection> {
  await tf.setBackend('cpu');
  const reference = await referenceComputation();
  const probes: ProbeResult[] = [];
  for (const name of candidates(inventory, forced)) {
    const result = await probeBackend(name, reference);
    probes.push(result);
    if (result.ok) break;
  }
  return decide(probes, forced);
}

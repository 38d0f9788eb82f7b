import { beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../../../src-main/engine/models/model';
import { forwardContext } from '../../../../src-main/engine/models/module';
import { tf } from '../../../../src-main/engine/tf';
import { gatherBatch } from '../../../../src-main/engine/training/batches';
import { CancelledError, DivergenceError, trainModel, type TrainCheckpoint, type TrainProgress } from '../../../../src-main/engine/training/trainer';
import { Rng } from '../../../../src-main/math/prng';
import { embeddedDigits, range, studyParts } from '../engine-fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function accuracy(model: Awaited<ReturnType<typeof buildModel>>, indices: Int32Array): Promise<number> {
  const data = await embeddedDigits();
  const { x, labels } = gatherBatch(data, indices, null, new Rng(0));
  const predicted = Array.from(tf.tidy(() => tf.argMax(model.apply(tf.tensor(x, [indices.length, ...data.shape]), forwardContext(false)), 1).dataSync()));
  return predicted.reduce((s, p, i) => s + (p === labels[i] ? 1 : 0), 0) / indices.length;
}

describe('trainModel', () => {
  it('trains an MLP on the digits, with steady tensor counts and progress reports', async () => {
    const data = await embeddedDigits();
    const { method, training, model: config } = studyParts({}, { epochs: 3, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05 } });
    const model = await buildModel(config, data.shape, data.numClasses, 1);
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const progress: TrainProgress[] = [];
    const result = await trainModel({
      model,
      data,
      trainIndices: range(0, 2000),
      training,
      method,
      seed: 1,
      progressIntervalMs: 0,
      onProgress: (p) => {
        counts.push(tf.memory().numTensors);
        progress.push(p);
      },
    });
    // Weights, momentum buffers and nothing else survive the steps; after training, only the model's own.
    expect(new Set(counts.slice(2)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(result.history).toHaveLength(3);
    expect(result.history[2]!.loss).toBeLessThan(result.history[0]!.loss);
    expect(result.steps).toBe(3 * Math.ceil(2000 / 64));
    expect(progress.at(-1)).toMatchObject({ epoch: 3, epochs: 3, step: 32, stepsPerEpoch: 32 });
    expect(progress.at(-1)!.samplesPerSecond).toBeGreaterThan(0);
    expect(await accuracy(model, range(8000, 9000))).toBeGreaterThan(0.85);
    model.dispose();
  }, 120_000);

  it('is deterministic for a seed on the cpu backend', async () => {
    const data = await embeddedDigits();
    const { method, training, model: config } = studyParts({}, { epochs: 1, batchSize: 32, augmentation: { crop: true, flip: true } });
    const run = async (seed: number) => {
      const model = await buildModel(config, data.shape, data.numClasses, 3);
      await trainModel({ model, data, trainIndices: range(0, 256), training, method, seed });
      const weights = await model.getWeights();
      model.dispose();
      return weights.values[0]!;
    };
    const a = await run(4);
    expect(await run(4)).toEqual(a);
    expect(await run(5)).not.toEqual(a);
  });

  for (const [label, optimizer, swa] of [
    ['SGD with momentum', { kind: 'sgd', lr: 0.05 }, undefined],
    ['Adam with SWA', { kind: 'adam', lr: 0.001 }, { startEpoch: 2 }],
  ] as const) {
    it(`resumes from a checkpoint exactly as if never stopped (${label})`, async () => {
      const data = await embeddedDigits();
      const { method, training, model: config } = studyParts({}, { epochs: 4, batchSize: 32, checkpointEvery: 2, optimizer, swa, augmentation: { crop: true } }, { kind: 'mlp', hidden: [16], norm: 'batch' });
      const indices = range(0, 256);
      const straight = await buildModel(config, data.shape, data.numClasses, 3);
      let saved: TrainCheckpoint | null = null;
      const full = await trainModel({ model: straight, data, trainIndices: indices, training, method, seed: 9, onCheckpoint: async (c) => void (saved ??= c) });
      expect(saved!.epoch).toBe(2);
      const resumed = await buildModel(config, data.shape, data.numClasses, 77);
      const before = tf.memory().numTensors;
      const rest = await trainModel({ model: resumed, data, trainIndices: indices, training, method, seed: 9, resumeFrom: saved! });
      expect(tf.memory().numTensors).toBe(before);
      expect(rest.history.map((h) => h.loss)).toEqual(full.history.map((h) => h.loss));
      expect((await resumed.getWeights()).values).toEqual((await straight.getWeights()).values);
      straight.dispose();
      resumed.dispose();
    });
  }

  it('stops promptly when cancelled', async () => {
    const data = await embeddedDigits();
    const { method, training, model: config } = studyParts({}, { epochs: 50, batchSize: 32 });
    const model = await buildModel(config, data.shape, data.numClasses, 1);
    const controller = new AbortController();
    let reports = 0;
    const run = trainModel({
      model,
      data,
      trainIndices: range(0, 2000),
      training,
      method,
      seed: 1,
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: () => {
        if (++reports === 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(reports).toBe(3);
    model.dispose();
  });

  it('reports divergence instead of training through it', async () => {
    const data = await embeddedDigits();
    const { method, training, model: config } = studyParts({}, { epochs: 5, batchSize: 64, optimizer: { kind: 'sgd', lr: 1e6, momentum: 0.9 } });
    const model = await buildModel(config, data.shape, data.numClasses, 1);
    await expect(trainModel({ model, data, trainIndices: range(0, 1000), training, method, seed: 1, progressIntervalMs: 0 })).rejects.toBeInstanceOf(DivergenceError);
    model.dispose();
  });

  const methods: Array<[string, object, object]> = [
    ['PGD-AT', { objective: { kind: 'pgd-at', steps: 2 } }, { kind: 'mlp', hidden: [32] }],
    ['PGD-AT + DeMem', { objective: { kind: 'pgd-at', steps: 2 }, demem: { lambda: 0.4 } }, { kind: 'mlp', hidden: [32] }],
    ['TRADES + DeMem', { objective: { kind: 'trades', steps: 2 }, demem: { lambda: 0.3 } }, { kind: 'mlp', hidden: [32] }],
    ['SAM with BatchNorm', { update: { kind: 'sam' } }, { kind: 'mlp', hidden: [32], norm: 'batch' }],
    ['ASAM', { update: { kind: 'asam' } }, { kind: 'mlp', hidden: [32] }],
    ['SharpReg (flooding)', { update: { kind: 'sharpreg', regulariser: 'flooding' } }, { kind: 'mlp', hidden: [32] }],
    ['SharpReg (confidence penalty)', { update: { kind: 'sharpreg', regulariser: 'confidence-penalty' } }, { kind: 'mlp', hidden: [32] }],
    ['DP-SGD on a CNN with GroupNorm', { update: { kind: 'dp-sgd', noiseMultiplier: 1, clipNorm: 1 } }, { kind: 'cnn', channels: [2, 4], dense: 8, norm: 'group' }],
    ['DP-SGD + PGD-AT', { objective: { kind: 'pgd-at', steps: 2 }, update: { kind: 'dp-sgd', sampling: 'fixed' } }, { kind: 'mlp', hidden: [32] }],
  ];
  for (const [label, methodConfig, modelConfig] of methods) {
    it(`trains with ${label} without leaking tensors`, async () => {
      const data = await embeddedDigits();
      const { method, training, model: config } = studyParts(methodConfig, { epochs: 2, batchSize: 32 }, modelConfig);
      const model = await buildModel(config, data.shape, data.numClasses, 2);
      const before = tf.memory().numTensors;
      const result = await trainModel({ model, data, trainIndices: range(0, 128), training, method, seed: 2, epsilonAfter: (steps) => steps });
      expect(tf.memory().numTensors).toBe(before);
      expect(result.history.every((h) => Number.isFinite(h.loss))).toBe(true);
      if (method.update.kind === 'dp-sgd') {
        expect(result.history[1]!.epsilon).toBe(result.steps);
        expect(result.history[0]!.clippedFraction).toBeGreaterThanOrEqual(0);
      }
      model.dispose();
    }, 60_000);
  }

  it('averages weights with SWA and recomputes BatchNorm statistics', async () => {
    const data = await embeddedDigits();
    const { method, training, model: config } = studyParts({}, { epochs: 3, batchSize: 32, swa: { startEpoch: 2, lr: 0.01 } }, { kind: 'mlp', hidden: [16], norm: 'batch' });
    const model = await buildModel(config, data.shape, data.numClasses, 2);
    const before = tf.memory().numTensors;
    const result = await trainModel({ model, data, trainIndices: range(0, 256), training, method, seed: 2 });
    expect(result.history.map((h) => h.lr)).toEqual([0.1, 0.01, 0.01]);
    expect(tf.memory().numTensors).toBe(before);
    const weights = await model.getWeights();
    const runningVar = weights.values[weights.names.indexOf('norm1.running_var')]!;
    expect(runningVar.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    model.dispose();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelConfigSchema } from '../../../../src-shared/config/model';
import { UnsupportedLayerError } from '../../../../src-main/engine/models/gradient-guard';
import { buildModel } from '../../../../src-main/engine/models/model';
import { forwardContext } from '../../../../src-main/engine/models/module';
import { tf } from '../../../../src-main/engine/tf';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const config = (value: unknown) => ModelConfigSchema.parse(value);

describe('buildModel', () => {
  it('builds the workload CNN with the expected shapes and parameter count', async () => {
    const model = await buildModel(config({ kind: 'cnn' }), [28, 28, 1], 10, 1);
    // conv1 3·3·1·32+32, conv2 3·3·32·64+64, dense 3136·128+128, logits 128·10+10
    expect(model.parameterCount).toBe(320 + 18496 + 401536 + 1290);
    const logits = tf.tidy(() => model.apply(tf.zeros([3, 28, 28, 1]), forwardContext(false)));
    expect(logits.shape).toEqual([3, 10]);
    logits.dispose();
    model.dispose();
  });

  it('builds the Purchase MLP preset', async () => {
    const model = await buildModel(config({ kind: 'mlp', preset: 'purchase' }), [600], 100, 1);
    expect(model.parameterCount).toBe(600 * 1024 + 1024 + 1024 * 512 + 512 + 512 * 256 + 256 + 256 * 128 + 128 + 128 * 100 + 100);
    expect(model.params.map((p) => p.name).slice(0, 2)).toEqual(['dense1.kernel', 'dense1.bias']);
    model.dispose();
  });

  it('builds ResNet-18 (CIFAR variant) with 11.17M parameters', async () => {
    const model = await buildModel(config({ kind: 'resnet18' }), [32, 32, 3], 10, 1);
    expect(model.parameterCount).toBe(11_173_962);
    expect(model.hasBatchStats).toBe(true);
    const grouped = await buildModel(config({ kind: 'resnet18', norm: 'group', width: 8 }), [32, 32, 3], 10, 1);
    expect(grouped.hasBatchStats).toBe(false);
    const logits = tf.tidy(() => grouped.apply(tf.zeros([2, 32, 32, 3]), forwardContext(true)));
    expect(logits.shape).toEqual([2, 10]);
    logits.dispose();
    model.dispose();
    grouped.dispose();
  }, 120_000);

  it('initialises deterministically from the seed', async () => {
    const a = await buildModel(config({ kind: 'mlp', hidden: [8] }), [4], 3, 7);
    const b = await buildModel(config({ kind: 'mlp', hidden: [8] }), [4], 3, 7);
    const c = await buildModel(config({ kind: 'mlp', hidden: [8] }), [4], 3, 8);
    const [wa, wb, wc] = await Promise.all([a.getWeights(), b.getWeights(), c.getWeights()]);
    expect(wa.values[0]).toEqual(wb.values[0]);
    expect(wa.values[0]).not.toEqual(wc.values[0]);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('round-trips weights and names a missing or mis-shaped one', async () => {
    const a = await buildModel(config({ kind: 'cnn', channels: [4, 8], dense: 16, norm: 'batch' }), [12, 12, 1], 5, 1);
    const b = await buildModel(config({ kind: 'cnn', channels: [4, 8], dense: 16, norm: 'batch' }), [12, 12, 1], 5, 2);
    const weights = await a.getWeights();
    expect(weights.names).toContain('norm1.running_var');
    b.setWeights(weights);
    expect((await b.getWeights()).values).toEqual(weights.values);
    expect(() => b.setWeights({ ...weights, names: weights.names.slice(1), shapes: weights.shapes.slice(1), values: weights.values.slice(1) })).toThrow(
      /weights have no "conv1.kernel"/,
    );
    const wrong = { ...weights, shapes: weights.shapes.map((s, i) => (i === 0 ? [1, 2, 3] : s)) };
    expect(() => b.setWeights(wrong)).toThrow(/conv1.kernel" has shape \[1,2,3\]/);
    a.dispose();
    b.dispose();
  });

  it('refuses layers without a gradient in tfjs-core, naming the layer', async () => {
    const refused = async (layers: unknown[]) => {
      try {
        await buildModel(config({ kind: 'layers', layers }), [8, 8, 2], 3, 1);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(UnsupportedLayerError);
        return (error as Error).message;
      }
    };
    expect(await refused([{ type: 'conv2d', filters: 4, kernel: 3, dilation: 2 }])).toMatch(/"layer1\.conv2d".*dilated/);
    expect(await refused([{ type: 'flatten' }, { type: 'gather-nd', indices: [[1], [3]] }])).toMatch(/"layer2\.gather-nd".*GatherNd/);
    expect(await refused([{ type: 'strided-slice', begin: [0, 0, 0], end: [8, 8, 2], strides: [2, 2, 1] }])).toMatch(/"layer1\.strided-slice".*StridedSlice/);
    expect(await refused([{ type: 'conv2d', filters: 4, kernel: 3 }, { type: 'relu' }, { type: 'maxpool' }])).toBeNull();
  });

  it('leaks no tensors when building, applying and disposing', async () => {
    const before = tf.memory().numTensors;
    const model = await buildModel(config({ kind: 'cnn', channels: [4, 8], dense: 16, norm: 'group' }), [12, 12, 1], 5, 1);
    tf.dispose(tf.tidy(() => model.apply(tf.ones([2, 12, 12, 1]), forwardContext(true))));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossEntropyLoss, fgsmOptions, pgd, type PgdOptions } from '../../../../src-main/engine/eval/pgd';
import { evaluateRobustness } from '../../../../src-main/engine/eval/robust';
import type { Dataset } from '../../../../src-main/engine/data/types';
import type { Model } from '../../../../src-main/engine/models/model';
import { forwardContext } from '../../../../src-main/engine/models/module';
import { tf, type Tensor } from '../../../../src-main/engine/tf';
import { gatherBatch } from '../../../../src-main/engine/training/batches';
import { Rng } from '../../../../src-main/math/prng';
import { range, trainedMlp } from '../engine-fixtures';

let model: Model;
let data: Dataset;
let x: Tensor;
let labels: Tensor;
let oneHot: Tensor;

beforeAll(async () => {
  await tf.setBackend('cpu');
  ({ model, data } = await trainedMlp());
  const batch = gatherBatch(data, range(5000, 5200), null, new Rng(0));
  x = tf.tensor(batch.x, [200, 28, 28, 1]);
  labels = tf.tensor1d(batch.labels, 'int32');
  oneHot = tf.oneHot(labels, 10).toFloat();
}, 120_000);

afterAll(() => {
  tf.dispose([x, labels, oneHot]);
  model.dispose();
});

const fooledRate = (xAdv: Tensor) =>
  tf.tidy(() => tf.mean(tf.cast(tf.notEqual(tf.argMax(model.apply(xAdv, forwardContext(false)), 1), labels), 'float32')).dataSync()[0]!);

describe('PGD', () => {
  for (const norm of ['linf', 'l2'] as const) {
    it(`never leaves the ${norm} ε-ball or [0, 1]`, () => {
      const epsilon = norm === 'linf' ? 8 / 255 : 1.0;
      const options: PgdOptions = { norm, epsilon, stepSize: norm === 'linf' ? 3 / 255 : 0.4, steps: 7, randomStart: true };
      const before = tf.memory().numTensors;
      const xAdv = pgd(model, x, crossEntropyLoss(oneHot), options, new Rng(3));
      expect(tf.memory().numTensors).toBe(before + 1);
      const values = xAdv.dataSync();
      const clean = x.dataSync();
      expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
      const size = 784;
      for (let i = 0; i < 200; i++) {
        let linf = 0;
        let l2 = 0;
        for (let j = 0; j < size; j++) {
          const d = values[i * size + j]! - clean[i * size + j]!;
          linf = Math.max(linf, Math.abs(d));
          l2 += d * d;
        }
        if (norm === 'linf') expect(linf).toBeLessThanOrEqual(epsilon + 1e-6);
        else expect(Math.sqrt(l2)).toBeLessThanOrEqual(epsilon + 1e-4);
      }
      xAdv.dispose();
    });
  }

  it('with more steps from the same start, never fools fewer samples', () => {
    const rates = [1, 3, 6, 12].map((steps) => {
      const xAdv = pgd(model, x, crossEntropyLoss(oneHot), { norm: 'linf', epsilon: 0.1, stepSize: 0.02, steps, randomStart: true }, new Rng(11), undefined, labels);
      const rate = fooledRate(xAdv);
      xAdv.dispose();
      return rate;
    });
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThanOrEqual(rates[i - 1]!);
    expect(rates[rates.length - 1]).toBeGreaterThan(rates[0]!);
  });

  it('is at least as strong as FGSM at the same ε', () => {
    const epsilon = 0.1;
    const fgsm = pgd(model, x, crossEntropyLoss(oneHot), fgsmOptions(epsilon), new Rng(0));
    const strong = pgd(model, x, crossEntropyLoss(oneHot), { norm: 'linf', epsilon, stepSize: epsilon / 4, steps: 20, randomStart: true }, new Rng(0), undefined, labels);
    expect(fooledRate(strong)).toBeGreaterThanOrEqual(fooledRate(fgsm));
    tf.dispose([fgsm, strong]);
  });

  it('reports natural and robust accuracy with the attack parameters', async () => {
    const config = { enabled: true, norm: 'linf' as const, epsilon: 0.1, stepSize: 0.02, steps: 10, randomStart: true, restarts: 2, maxSamples: 100 };
    const result = await evaluateRobustness(model, data, range(5000, 5100), config, 50, new Rng(2));
    expect(result.naturalAccuracy).toBeGreaterThan(0.8);
    expect(result.robustAccuracy).toBeLessThan(result.naturalAccuracy);
    for (let i = 0; i < 100; i++) expect(result.robust[i]!).toBeLessThanOrEqual(result.natural[i]!);
    expect(result.attack).toEqual({ norm: 'linf', epsilon: 0.1, stepSize: 0.02, steps: 10, randomStart: true, restarts: 2 });
  });
});

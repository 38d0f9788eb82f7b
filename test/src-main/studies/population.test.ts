import { describe, expect, it } from 'vitest';
import { DatasetConfigSchema } from '../../../src-shared/config/dataset';
import { MnemoError } from '../../../src-shared/result';
import { balancedMasks } from '../../../src-main/attacks/masks';
import { drawPopulation, robustPositions, trainPositions } from '../../../src-main/studies/population';

const config = (value: object) => DatasetConfigSchema.parse({ id: 'fashion-mnist', ...value });
const fashion = { size: 70_000, splits: { train: 60_000, test: 10_000 } };

describe('drawPopulation', () => {
  it('draws a seeded subset: population first, then held-out, no sample twice', () => {
    const p = drawPopulation(fashion, config({ limit: 2000, heldOut: 300 }), 7);
    expect(p.populationSize).toBe(1700);
    expect(p.heldOutSize).toBe(300);
    expect(new Set(p.sampleIndices).size).toBe(2000);
    expect(drawPopulation(fashion, config({ limit: 2000, heldOut: 300 }), 7).sampleIndices).toEqual(p.sampleIndices);
    expect(drawPopulation(fashion, config({ limit: 2000, heldOut: 300 }), 8).sampleIndices).not.toEqual(p.sampleIndices);
  });

  it('respects the official split', () => {
    const test = drawPopulation(fashion, config({ split: 'test', limit: 500 }), 1);
    expect(Math.min(...test.sampleIndices)).toBeGreaterThanOrEqual(60_000);
    const train = drawPopulation(fashion, config({ split: 'train' }), 1);
    expect(train.sampleIndices.length).toBe(60_000);
    expect(Math.max(...train.sampleIndices)).toBeLessThan(60_000);
  });

  it('names the field that cannot be met', () => {
    const fail = (dataset: typeof fashion | { size: number; splits: null }, value: object, path: string) => {
      try {
        drawPopulation(dataset, config(value), 1);
        throw new Error('expected a failure');
      } catch (error) {
        expect(error).toBeInstanceOf(MnemoError);
        expect((error as MnemoError).fields?.[0]?.path).toBe(path);
      }
    };
    fail(fashion, { split: 'test', limit: 20_000 }, 'dataset.limit');
    fail({ size: 5010, splits: null }, { split: 'train' }, 'dataset.split');
    fail(fashion, { limit: 100, heldOut: 99 }, 'dataset.heldOut');
  });
});

describe('per-model positions', () => {
  it('trains on IN samples and measures robustness on OUT ones only', () => {
    const population = drawPopulation({ size: 1000, splits: null }, DatasetConfigSchema.parse({ id: 'digits', limit: 600, heldOut: 100 }), 3);
    const keep = balancedMasks(4, population.populationSize, 3);
    for (let k = 0; k < 4; k++) {
      const train = trainPositions(keep, k, population.populationSize);
      expect(train.length).toBeGreaterThan(200);
      for (const p of train) expect(keep[k * population.populationSize + p]).toBe(1);
      const robust = robustPositions(keep, k, population, 120, 3);
      expect(robust.length).toBe(120);
      for (const p of robust) expect(p >= population.populationSize || keep[k * population.populationSize + p] === 0).toBe(true);
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  highInfluencePairs,
  influence,
  influenceFromDense,
  influenceRow,
  topInfluencers,
} from '../../../src-main/memorization/influence';

// SCIENCE.md §12.2 test vector: 6 runs × 3 training samples × 2 test points.
const KEEP = Uint8Array.from([1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0]);
const CTE = Uint8Array.from([1, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0]);

/** The naive definition, one (i, j) at a time, for cross-checking. */
function naive(keep: Uint8Array, cte: Uint8Array, models: number, nTrain: number, nTest: number, i: number, j: number): number {
  let inSum = 0;
  let inN = 0;
  let outSum = 0;
  let outN = 0;
  for (let k = 0; k < models; k++) {
    if (keep[k * nTrain + i]) {
      inSum += cte[k * nTest + j]!;
      inN++;
    } else {
      outSum += cte[k * nTest + j]!;
      outN++;
    }
  }
  return inSum / inN - outSum / outN;
}

describe('influence (Feldman & Zhang, SCIENCE.md §12.2)', () => {
  it('reproduces the test vector infl̂ = [[1, 0, −0.5], [0, 1, 0]] (all pairs)', () => {
    const est = influence(KEEP, CTE, { models: 6, trainSize: 3, testSize: 2, sameClass: false });
    expect([...influenceRow(est, 0).values]).toEqual([1, 0, -0.5]);
    expect([...influenceRow(est, 1).values]).toEqual([0, 1, 0]);
    expect([...influenceRow(est, 0).trainIndices]).toEqual([0, 1, 2]);
    expect(est.groups).toHaveLength(1);
    expect(est.inFraction).toBeCloseTo(11 / 18, 12);
  });

  it('restricts to same-class pairs without dense storage', () => {
    // Train labels (0, 1, 0), test labels (0, 1): test 0 sees trains {0, 2}, test 1 sees {1}.
    const est = influence(KEEP, CTE, {
      models: 6,
      trainSize: 3,
      testSize: 2,
      trainLabels: Uint16Array.from([0, 1, 0]),
      testLabels: Uint16Array.from([0, 1]),
    });
    expect(est.sameClass).toBe(true);
    const row0 = influenceRow(est, 0);
    expect([...row0.trainIndices]).toEqual([0, 2]);
    expect([...row0.values]).toEqual([1, -0.5]);
    const row1 = influenceRow(est, 1);
    expect([...row1.trainIndices]).toEqual([1]);
    expect([...row1.values]).toEqual([1]);
    expect(est.groups.reduce((s, g) => s + g.values.length, 0)).toBe(3);
  });

  it('gives NaN for training samples never IN or never OUT', () => {
    const keep = Uint8Array.from([1, 0, 1, 0]); // sample 0 always IN, sample 1 never IN
    const cte = Uint8Array.from([1, 0]);
    const est = influence(keep, cte, { models: 2, trainSize: 2, testSize: 1, sameClass: false });
    const { values } = influenceRow(est, 0);
    expect(values[0]).toBeNaN();
    expect(values[1]).toBeNaN();
    expect(topInfluencers(est, 0, 5)).toEqual([]);
  });

  it('matches the naive definition on random masks, across block boundaries (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer(),
        (models, nTrain, nTest, classes, blockCells, seed) => {
          let state = seed >>> 0;
          const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
          const keep = Uint8Array.from({ length: models * nTrain }, () => next() >>> 31);
          const cte = Uint8Array.from({ length: models * nTest }, () => next() >>> 31);
          const trainLabels = Uint16Array.from({ length: nTrain }, () => next() % classes);
          const testLabels = Uint16Array.from({ length: nTest }, () => next() % classes);
          const est = influence(keep, cte, { models, trainSize: nTrain, testSize: nTest, trainLabels, testLabels, blockCells });
          for (let j = 0; j < nTest; j++) {
            const { trainIndices, values } = influenceRow(est, j);
            const expectedTrain = [...Array(nTrain).keys()].filter((i) => trainLabels[i] === testLabels[j]);
            expect([...trainIndices]).toEqual(expectedTrain);
            trainIndices.forEach((i, a) => {
              const expected = naive(keep, cte, models, nTrain, nTest, i, j);
              if (Number.isNaN(expected)) expect(values[a]).toBeNaN();
              else expect(values[a]).toBeCloseTo(expected, 6);
            });
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('lists the top-k influencers, largest first, ties by index', () => {
    const dense = Float32Array.from([0.1, 0.5, -0.2, 0.5, NaN, 0.3]);
    const est = influenceFromDense(dense, 1, 6);
    expect(topInfluencers(est, 0, 3)).toEqual([
      { trainIndex: 1, influence: 0.5 },
      { trainIndex: 3, influence: 0.5 },
      { trainIndex: 5, influence: expect.closeTo(0.3, 6) },
    ]);
    expect(topInfluencers(est, 0, 0)).toEqual([]);
    expect(() => topInfluencers(est, 1, 3)).toThrow(/testIndex 1/);
  });

  it('finds high-influence pairs (mem > 0.25 and infl > 0.15)', () => {
    // test × train = 2 × 3
    const est = influenceFromDense(Float32Array.from([0.2, 0.5, 0.1, 0.9, 0.16, 0.3]), 2, 3);
    const mem = Float64Array.from([0.3, 0.2, 0.8]);
    const pairs = highInfluencePairs(est, mem);
    expect(pairs.map((p) => [p.testIndex, p.trainIndex])).toEqual([
      [1, 0],
      [1, 2],
      [0, 0],
    ]);
    expect(highInfluencePairs(est, mem, { memorization: 0.5, influence: 0 }).map((p) => p.trainIndex)).toEqual([2, 2]);
  });

  it('validates shapes and labels', () => {
    expect(() => influence(new Uint8Array(5), CTE, { models: 6, trainSize: 3, testSize: 2, sameClass: false })).toThrow(/keep/);
    expect(() => influence(KEEP, new Uint8Array(3), { models: 6, trainSize: 3, testSize: 2, sameClass: false })).toThrow(/correctTest/);
    expect(() => influence(KEEP, CTE, { models: 6, trainSize: 3, testSize: 2 })).toThrow(/trainLabels and testLabels/);
    expect(() => influenceFromDense(new Float32Array(5), 2, 3)).toThrow(/influence matrix/);
  });
});

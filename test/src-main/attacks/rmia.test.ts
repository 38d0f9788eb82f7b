import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayScoreSource } from '../../../src-main/attacks/score-source';
import {
  resolveRmiaOptions,
  rmiaScores,
  rmiaSortedScores,
  rmiaVoteScores,
} from '../../../src-main/attacks/rmia';
import { Rng } from '../../../src-main/math/prng';

/**
 * SCIENCE.md §5.3: model 0 is the target, models 1–3 are OUT references; sample 0 is x, samples 1–4
 * are the population z.
 */
function vectorSource() {
  const target = [0.6, 0.85, 0.1, 0.5, 0.45];
  const refs = [
    [0.2, 0.8, 0.1, 0.5, 0.3],
    [0.3, 0.7, 0.2, 0.6, 0.3],
    [0.25, 0.9, 0.15, 0.55, 0.3],
  ];
  const keep = Uint8Array.from([1, 0, 0, 0, 0, ...new Array(15).fill(0)]);
  return { source: arrayScoreSource(Float64Array.from([target, ...refs].flat()), 4, 5, 1), keep };
}

describe('RMIA test vector (SCIENCE.md §5.3)', () => {
  const base = { a: 0.3, prXEstimator: 'mean' as const, population: [1, 2, 3, 4] };

  it('computes Pr(x), the ratios and the score at γ = 1 and γ = 2', () => {
    const { source, keep } = vectorSource();
    const one = rmiaScores(source, keep, 0, { ...base, gamma: 1 });
    expect(one.prX[0]).toBeCloseTo(0.5125, 14);
    expect(one.ratio[0]).toBeCloseTo(1.1707317073170733, 14);
    [0.87, 0.4475, 0.7075, 0.545].forEach((p, k) => expect(one.prX[k + 1]).toBeCloseTo(p, 14));
    [0.977011, 0.223464, 0.706714, 0.825688].forEach((r, k) => expect(one.ratio[k + 1]).toBeCloseTo(r, 6));
    expect(one.scores[0]).toBe(1);
    expect(rmiaScores(source, keep, 0, { ...base, gamma: 2 }).scores[0]).toBe(0.25);
    expect(one.diagnostics.fastPath).toBe(true);
    expect(one.diagnostics.populationSize).toBe(4);
  });

  it('gives the same result with the default trimmed mean (3 references: nothing trimmed)', () => {
    const { source, keep } = vectorSource();
    expect(rmiaScores(source, keep, 0, { population: [1, 2, 3, 4] }).scores[0]).toBe(0.25);
  });

  it('a population z is never compared with itself', () => {
    const { source, keep } = vectorSource();
    // Sample 4 (ratio 0.826) is in Z = {1, 2, 3, 4}: it is compared with 1, 2, 3 only and beats 2 and 3.
    const result = rmiaScores(source, keep, 0, { ...base, gamma: 1 });
    expect(result.scores[4]).toBeCloseTo(2 / 3, 14);
    // Sample 0 (x) is not in Z: compared with all four.
    expect(result.scores[0]).toBe(1);
  });
});

describe('RMIA scoring paths', () => {
  it('the sorted single-query path equals brute-force counting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0.2, max: 4, noNaN: true }),
        fc.integer(),
        (nx, nz, gamma, seed) => {
          const rng = new Rng(seed);
          // Repeated values make ties on both sides of the comparison likely.
          const draw = () => Math.round(rng.uniform() * 8) / 4 + 0.25;
          const ratioX = Float64Array.from({ length: nx }, draw);
          const ratioZ = Float64Array.from({ length: nz }, draw);
          const selfRow = Int32Array.from({ length: nx }, (_, x) => (x < nz && x % 2 === 0 ? x : -1));
          expect(rmiaSortedScores(ratioX, ratioZ, gamma, selfRow)).toEqual(rmiaVoteScores(ratioX, ratioZ, 1, gamma, selfRow));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('majority vote resolves an exact tie to false', () => {
    // Two queries: x beats z in one and loses in the other → tie → not counted.
    const ratioX = Float64Array.from([2, 0.5]);
    const ratioZ = Float64Array.from([1, 1]);
    expect(rmiaVoteScores(ratioX, ratioZ, 2, 1, Int32Array.from([-1]))[0]).toBe(0);
    expect(rmiaVoteScores(Float64Array.from([2, 2, 0.5]), Float64Array.from([1, 1, 1]), 3, 1, Int32Array.from([-1]))[0]).toBe(1);
  });

  it('uses the pairwise vote for several queries and the population subsample is seeded', () => {
    const models = 6;
    const samples = 50;
    const rng = new Rng(4);
    const probs = Float64Array.from({ length: models * samples * 3 }, () => 0.05 + 0.9 * rng.uniform());
    const keep = new Uint8Array(models * samples).map(() => (rng.uniform() < 0.5 ? 1 : 0));
    const source = arrayScoreSource(probs, models, samples, 3);
    const full = rmiaScores(source, keep, 0);
    expect(full.diagnostics.fastPath).toBe(false);
    // Samples without any OUT reference are unscored and left out of the population.
    expect(full.diagnostics.populationSize).toBe(50 - full.diagnostics.unscoredSamples);
    expect(full.scores.filter(Number.isNaN).length).toBe(full.diagnostics.unscoredSamples);
    full.scores.forEach((s) => expect(Number.isNaN(s) || (s >= 0 && s <= 1)).toBe(true));
    const a = rmiaScores(source, keep, 0, { populationSize: 10, seed: 3 });
    expect(a.diagnostics.populationSize).toBe(10);
    expect(rmiaScores(source, keep, 0, { populationSize: 10, seed: 3 }).scores).toEqual(a.scores);
  });

  it('averages only the OUT references offline, with per-sample counts (no zeros averaged in)', () => {
    // Sample 0 has one OUT reference (model 2, Pr 0.4); the IN reference's 0.9 must be ignored.
    const probs = Float64Array.from([0.5, 0.5, 0.9, 0.2, 0.4, 0.3]);
    const keep = Uint8Array.from([0, 0, 1, 0, 0, 0]);
    const result = rmiaScores(arrayScoreSource(probs, 3, 2, 1), keep, 0, { prXEstimator: 'mean' });
    expect(result.prX[0]).toBeCloseTo(0.5 * (1.3 * 0.4 + 0.7), 14);
    expect(result.prX[1]).toBeCloseTo(0.5 * (1.3 * 0.25 + 0.7), 14);
    expect(result.diagnostics.referencesUsed).toEqual({ min: 1, max: 2 });
    const online = rmiaScores(arrayScoreSource(probs, 3, 2, 1), keep, 0, { mode: 'online', prXEstimator: 'mean' });
    expect(online.prX[0]).toBeCloseTo(0.65, 14);
  });

  it('validates options and population indices', () => {
    expect(() => resolveRmiaOptions({ a: 1.5 })).toThrow(/a must be in \[0, 1\]/);
    expect(() => resolveRmiaOptions({ gamma: 0 })).toThrow(/gamma/);
    expect(() => resolveRmiaOptions({ trim: 0.5 })).toThrow(/trim/);
    const { source, keep } = vectorSource();
    expect(() => rmiaScores(source, keep, 0, { population: [1, 9] })).toThrow(/population\[1\] = 9/);
    expect(() => rmiaScores(source, keep, 0, { population: [1, 1] })).toThrow(/listed twice/);
  });
});

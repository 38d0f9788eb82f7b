import { describe, expect, it } from 'vitest';
import { deriveSeed, Rng } from '../../../src-main/math/prng';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const draws = (r: Rng) => Array.from({ length: 8 }, () => r.nextUint32());
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const rng = new Rng(1);
    let sum = 0;
    let sumSq = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sumSq / n - mean * mean).toBeCloseTo(1 / 12, 2);
  });

  it('draws standard normals', () => {
    const rng = new Rng(7);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(sum / n).toBeCloseTo(0, 1);
    expect(sumSq / n).toBeCloseTo(1, 1);
  });

  it('draws unbiased integers and valid permutations', () => {
    const rng = new Rng(3);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]++;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(400);
    const perm = Array.from(rng.permutation(1000));
    expect([...perm].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(() => rng.int(0)).toThrow(RangeError);
  });

  it('derives distinct, stable child seeds', () => {
    expect(deriveSeed(1, 'model', 3)).toBe(deriveSeed(1, 'model', 3));
    expect(deriveSeed(1, 'model', 3)).not.toBe(deriveSeed(1, 'model', 4));
    expect(deriveSeed(1, 'model', 3)).not.toBe(deriveSeed(2, 'model', 3));
  });
});

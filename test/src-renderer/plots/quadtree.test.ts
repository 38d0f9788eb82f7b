import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { affineOf, buildPointIndex, nearestWithin, type Affine } from '../../../src-renderer/plots/quadtree';

/** The reference: scan every point in index order, keep the first of the closest within the radius. */
function bruteForce(xs: ArrayLike<number | null>, ys: ArrayLike<number | null>, px: number, py: number, x: Affine, y: Affine, radius: number): number {
  let best = -1;
  let bestD2 = radius * radius;
  for (let i = 0; i < xs.length; i++) {
    const vx = xs[i];
    const vy = ys[i];
    if (typeof vx !== 'number' || typeof vy !== 'number' || !Number.isFinite(vx) || !Number.isFinite(vy)) continue;
    const ex = x.a * vx + x.b - px;
    const ey = y.a * vy + y.b - py;
    const d2 = ex * ex + ey * ey;
    if (d2 < bestD2 || (d2 === bestD2 && best < 0)) {
      best = i;
      bestD2 = d2;
    }
  }
  return best;
}

/** A seeded generator (mulberry32), so the timing test always sees the same cloud. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('affineOf', () => {
  it('maps the domain ends to the range ends, including an inverted y range', () => {
    const y = affineOf([-2, 6], [300, 10]);
    expect(y.a * -2 + y.b).toBeCloseTo(300, 12);
    expect(y.a * 6 + y.b).toBeCloseTo(10, 12);
  });

  it('refuses an empty domain', () => {
    expect(() => affineOf([1, 1], [0, 100])).toThrow(/\[1, 1\] has no width/);
  });
});

describe('nearestWithin', () => {
  it('finds the nearest point in pixels, not in data units, when the axes scale differently', () => {
    // In data units (0, 0.9) is nearer to the origin than (0.5, 0); on screen x is stretched 1000×
    // less than y, so (0.5, 0) is 5 px away and (0, 0.9) is 90 px away.
    const index = buildPointIndex([0.5, 0], [0, 0.9]);
    const x = { a: 10, b: 0 };
    const y = { a: -100, b: 100 };
    expect(nearestWithin(index, 0, 100, x, y, 50)).toBe(0);
    expect(nearestWithin(index, 0, 100, x, y, 4)).toBe(-1);
  });

  it('skips missing coordinates and breaks ties by the lowest index', () => {
    const index = buildPointIndex([1, null, 1, NaN, 3], [1, 2, 1, 0, 1]);
    expect(index.size).toBe(3);
    const id = { a: 1, b: 0 };
    expect(nearestWithin(index, 1, 1, id, id, 1)).toBe(0);
    expect(nearestWithin(index, 2, 1, id, id, 1)).toBe(0);
    expect(nearestWithin(index, 1, 2, id, id, 0.5)).toBe(-1);
  });

  it('agrees with a brute-force scan for any points, scales and query (property)', () => {
    const coordinate = fc.oneof(fc.double({ min: -5, max: 5, noNaN: true }), fc.constant(null), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(coordinate, coordinate), { minLength: 0, maxLength: 120 }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: -200, max: -0.5, noNaN: true }),
        fc.tuple(fc.double({ min: -800, max: 800, noNaN: true }), fc.double({ min: -800, max: 800, noNaN: true })),
        fc.double({ min: 0, max: 60, noNaN: true }),
        (points, ax, ay, [px, py], radius) => {
          const xs = points.map((p) => p[0]);
          const ys = points.map((p) => p[1]);
          const x = { a: ax, b: 13 };
          const y = { a: ay, b: 250 };
          const index = buildPointIndex(xs, ys);
          expect(nearestWithin(index, px, py, x, y, radius)).toBe(bruteForce(xs, ys, px, py, x, y, radius));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers within 16 ms (median of 100 lookups) on 60,000 points, and matches brute force', () => {
    const rand = random(7);
    const n = 60_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = rand() * 2 - 1;
      ys[i] = (rand() + rand() + rand() - 1.5) * 8;
    }
    const builtAt = performance.now();
    const index = buildPointIndex(xs, ys);
    const buildMs = performance.now() - builtAt;
    const x = affineOf([-1, 1], [40, 840]);
    const y = affineOf([-12, 12], [380, 10]);
    const times: number[] = [];
    let found = 0;
    for (let q = 0; q < 100; q++) {
      const px = 40 + rand() * 800;
      const py = 10 + rand() * 370;
      const started = performance.now();
      const hit = nearestWithin(index, px, py, x, y, 8);
      times.push(performance.now() - started);
      if (hit >= 0) found++;
      if (q % 10 === 0) expect(hit).toBe(bruteForce(xs, ys, px, py, x, y, 8));
    }
    times.sort((a, b) => a - b);
    const median = (times[49]! + times[50]!) / 2;
    console.info(`quadtree: built over ${n} points in ${buildMs.toFixed(1)} ms; lookup median ${median.toFixed(3)} ms, max ${times[99]!.toFixed(3)} ms; ${found}/100 hits`);
    expect(found).toBeGreaterThan(50);
    expect(median).toBeLessThan(16);
  });
});

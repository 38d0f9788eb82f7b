import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  composeRdp,
  computeRdp,
  DEFAULT_ORDERS,
  epsilonFromRdp,
  logAFractionalOrder,
  logAIntegerOrder,
  rdpPerStep,
} from '../../../../../src-main/engine/privacy/analysis/rdp';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const epsilonOf = (q: number, sigma: number, steps: number, delta = 1e-5, conversion: 'balle2020' | 'mironov2017' = 'balle2020') =>
  epsilonFromRdp(DEFAULT_ORDERS, computeRdp({ sampleRate: q, noiseMultiplier: sigma, steps }), delta, conversion);

describe('default orders', () => {
  it('are Opacus DEFAULT_ALPHAS: 1.1…10.9 then 12…63', () => {
    expect(DEFAULT_ORDERS).toHaveLength(151);
    expect(DEFAULT_ORDERS[0]).toBe(1.1);
    expect(DEFAULT_ORDERS[98]).toBe(10.9);
    expect(DEFAULT_ORDERS[99]).toBe(12);
    expect(DEFAULT_ORDERS.at(-1)).toBe(63);
    // Python's 1 + 3/10.0 is 1.3 exactly as written; keep the bits identical.
    expect(DEFAULT_ORDERS[2]).toBe(1.3);
  });
});

describe('RDP of the subsampled Gaussian (SCIENCE.md §9.2)', () => {
  it('reproduces the per-step values at q = 0.01, σ = 1', () => {
    expect(rel(rdpPerStep(0.01, 1, 2), 1.7181342207453428e-4)).toBeLessThan(1e-9);
    expect(rel(rdpPerStep(0.01, 1, 8), 8.936439076060279e-4)).toBeLessThan(1e-9);
    expect(rel(rdpPerStep(0.01, 1, 32), 11.246275937048072)).toBeLessThan(1e-9);
    expect(rel(rdpPerStep(0.01, 1, 1.5), 1.2725374351154145e-4)).toBeLessThan(1e-9);
    // Exact to 20 digits (mpmath): the integer sum keeps full relative precision.
    expect(rel(rdpPerStep(0.01, 1, 2), 1.7181342207454794e-4)).toBeLessThan(1e-13);
    expect(rel(rdpPerStep(0.01, 1, 8), 8.9364390760603189e-4)).toBeLessThan(1e-13);
  });

  it('matches the closed form at α = 2: log(1 + q²(e^{1/σ²} − 1))', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 0.9, noNaN: true }), fc.double({ min: 0.5, max: 5, noNaN: true }), (q, sigma) => {
        const exact = Math.log1p(q * q * Math.expm1(1 / (sigma * sigma)));
        expect(rel(rdpPerStep(q, sigma, 2), exact)).toBeLessThan(1e-13);
      }),
      { numRuns: 50 },
    );
  });

  it('agrees with the quadrature oracle of log A_α (fractional and integer α)', () => {
    // Oracle values: E_{z~N(0,σ²)}[((1−q) + q·e^{(2z−1)/(2σ²)})^α] by quadrature (SCIENCE.md §9.2).
    expect(rel(logAFractionalOrder(0.01, 1, 7.8), 0.005763449742)).toBeLessThan(1e-9);
    expect(rel(logAFractionalOrder(0.01, 1, 4.7), 0.001613835076)).toBeLessThan(1e-9);
    expect(rel(logAFractionalOrder(0.01, 1, 2.5), 3.26362998e-4)).toBeLessThan(1e-8);
    expect(rel(logAIntegerOrder(0.01, 1, 8), 0.006255507353)).toBeLessThan(1e-9);
    // To 50 digits (mpmath): the series is cut at e^−30, so expect ~1e−13 absolute.
    expect(Math.abs(logAFractionalOrder(0.01, 1, 2.5) - 3.2636299842282069e-4)).toBeLessThan(2e-13);
    expect(Math.abs(logAFractionalOrder(0.01, 1, 7.8) - 5.7634497422261029e-3)).toBeLessThan(2e-13);
  });

  it('the two series agree with the integer sum as α approaches an integer', () => {
    for (const [q, sigma] of [
      [0.01, 1],
      [0.1, 2],
      [0.3, 0.8],
    ] as const) {
      const atInteger = logAIntegerOrder(q, sigma, 6);
      const nearby = logAFractionalOrder(q, sigma, 6 + 1e-9);
      expect(rel(nearby, atInteger)).toBeLessThan(1e-6);
    }
  });

  it('handles the special cases q = 0, σ = 0, q = 1', () => {
    expect(rdpPerStep(0, 1, 5)).toBe(0);
    expect(rdpPerStep(0.1, 0, 5)).toBe(Infinity);
    expect(rdpPerStep(1, 2, 5)).toBe(5 / 8);
    expect(computeRdp({ sampleRate: 0.1, noiseMultiplier: 0, steps: 0 }, [2])[0]).toBe(0);
  });

  it('rejects invalid parameters, naming them', () => {
    expect(() => rdpPerStep(1.5, 1, 2)).toThrow(/sampleRate/);
    expect(() => rdpPerStep(0.1, -1, 2)).toThrow(/noiseMultiplier/);
    expect(() => rdpPerStep(0.1, 1, 1)).toThrow(/order/);
    expect(() => computeRdp({ sampleRate: 0.1, noiseMultiplier: 1, steps: -1 })).toThrow(/steps/);
  });

  it('composes by addition', () => {
    const orders = [1.5, 2, 8, 20.5];
    const a = { sampleRate: 0.01, noiseMultiplier: 1, steps: 30 };
    const b = { sampleRate: 0.02, noiseMultiplier: 1.5, steps: 70 };
    const both = composeRdp([a, b], orders);
    const ra = computeRdp(a, orders);
    const rb = computeRdp(b, orders);
    orders.forEach((_, k) => expect(rel(both[k]!, ra[k]! + rb[k]!)).toBeLessThan(1e-15));
    expect(rel(computeRdp(a, orders)[1]!, 30 * rdpPerStep(0.01, 1, 2))).toBeLessThan(1e-15);
  });
});

describe('RDP → (ε, δ) (SCIENCE.md §9.3–§9.4)', () => {
  it('reproduces the table of §9.4 (Opacus conversion and classic)', () => {
    const rows: Array<[number, number, number, number, number, number, number]> = [
      [0.01, 1.0, 1000, 2.1013652716430564, 7.8, 2.537982880184644, 7.9],
      [0.01, 1.1, 10_000, 5.63199236854841, 4.7, 6.278710279138394, 4.9],
      [256 / 50_000, 1.0, 19_531, 4.523909306896348, 5.4, 5.096071271286448, 5.8],
      [1.0, 1.0, 1, 4.728507067217623, 5.4, 5.298526138535465, 5.8],
      [256 / 30_000, 1.0, 15_234, 7.083373171128786, 4.0, 7.814591721180147, 4.2],
    ];
    for (const [q, sigma, steps, eps, order, classic, classicOrder] of rows) {
      const balle = epsilonOf(q, sigma, steps);
      expect(rel(balle.epsilon, eps)).toBeLessThan(1e-9);
      expect(balle.order).toBe(order);
      expect(balle.orderAtBoundary).toBe(false);
      const mironov = epsilonOf(q, sigma, steps, 1e-5, 'mironov2017');
      expect(rel(mironov.epsilon, classic)).toBeLessThan(1e-9);
      expect(mironov.order).toBe(classicOrder);
    }
    // The table's rounded values, as printed.
    expect(epsilonOf(0.01, 1, 1000).epsilon).toBeCloseTo(2.101365, 6);
    expect(epsilonOf(0.01, 1, 1000, 1e-5, 'mironov2017').epsilon).toBeCloseTo(2.537983, 6);
  });

  it('reproduces the Opacus docstring example: 0.336344 at α = 23 with orders 2..32', () => {
    const orders = Array.from({ length: 31 }, (_, k) => k + 2);
    const rdp = composeRdp(
      [
        { sampleRate: 1e-5, noiseMultiplier: 1.0, steps: 10 },
        { sampleRate: 1e-4, noiseMultiplier: 3.0, steps: 4 },
      ],
      orders,
    );
    const result = epsilonFromRdp(orders, rdp, 1e-5);
    expect(rel(result.epsilon, 0.33634406339259565)).toBeLessThan(1e-9);
    expect(result.epsilon).toBeCloseTo(0.336344, 6);
    expect(result.order).toBe(23);
  });

  it('shows the DeMem σ = 0.05 setting as vacuous (≈ 2.55·10⁶ at the first order, flagged)', () => {
    const result = epsilonOf(256 / 30_000, 0.05, 15_234);
    expect(rel(result.epsilon, 2553306.918127468)).toBeLessThan(1e-9);
    expect(result.order).toBe(1.1);
    expect(result.orderAtBoundary).toBe(true);
  });

  it('ignores NaN orders, returns ∞ when all are NaN, and validates its inputs', () => {
    const withNaN = epsilonFromRdp([2, 3, 4], [NaN, 0.01, 10], 1e-5);
    expect(withNaN.order).toBe(3);
    expect(withNaN.orderAtBoundary).toBe(false);
    expect(epsilonFromRdp([2, 3], [NaN, NaN], 1e-5)).toMatchObject({ epsilon: Infinity, order: NaN });
    expect(() => epsilonFromRdp([2, 3], [0.1], 1e-5)).toThrow(/length/);
    expect(() => epsilonFromRdp([2], [0.1], 0)).toThrow(/delta/);
    expect(() => epsilonFromRdp([1], [0.1], 1e-5)).toThrow(/orders\[0\]/);
  });

  it('the classic conversion is never tighter than Balle et al.', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 0.5, noNaN: true }), fc.double({ min: 0.6, max: 3, noNaN: true }), (q, sigma) => {
        const a = epsilonOf(q, sigma, 100).epsilon;
        const b = epsilonOf(q, sigma, 100, 1e-5, 'mironov2017').epsilon;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
      { numRuns: 20 },
    );
  });
});

describe('properties of ε (fast-check)', () => {
  const q = fc.double({ min: 1e-3, max: 0.2, noNaN: true });
  const sigma = fc.double({ min: 0.7, max: 3, noNaN: true });
  const steps = fc.integer({ min: 1, max: 5000 });

  it('ε grows with the number of steps', () => {
    fc.assert(
      fc.property(q, sigma, steps, fc.integer({ min: 1, max: 5000 }), (q0, s0, t, extra) => {
        expect(epsilonOf(q0, s0, t + extra).epsilon).toBeGreaterThanOrEqual(epsilonOf(q0, s0, t).epsilon);
      }),
      { numRuns: 15 },
    );
  });

  it('ε grows with the sampling rate', () => {
    fc.assert(
      fc.property(q, sigma, steps, fc.double({ min: 1.01, max: 3, noNaN: true }), (q0, s0, t, factor) => {
        expect(epsilonOf(Math.min(1, q0 * factor), s0, t).epsilon).toBeGreaterThanOrEqual(epsilonOf(q0, s0, t).epsilon);
      }),
      { numRuns: 15 },
    );
  });

  it('ε falls as σ grows', () => {
    fc.assert(
      fc.property(q, sigma, steps, fc.double({ min: 1.01, max: 3, noNaN: true }), (q0, s0, t, factor) => {
        expect(epsilonOf(q0, s0 * factor, t).epsilon).toBeLessThanOrEqual(epsilonOf(q0, s0, t).epsilon);
      }),
      { numRuns: 15 },
    );
  });
});

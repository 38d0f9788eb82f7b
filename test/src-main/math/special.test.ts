import { describe, expect, it } from 'vitest';
import {
  betaInc,
  betaIncInverse,
  binomialSign,
  erf,
  erfc,
  lgamma,
  logAbsBinomial,
  logAddExp,
  logErfc,
  logNdtr,
  logSubExp,
  logSumExp,
  ndtr,
  normalLogPdf,
} from '../../../src-main/math/special';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('lgamma and binomials', () => {
  it('matches exact values', () => {
    expect(rel(lgamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(rel(lgamma(10), Math.log(362880))).toBeLessThan(1e-14);
    expect(rel(lgamma(101), 363.73937555556347)).toBeLessThan(1e-13);
    expect(rel(lgamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)))).toBeLessThan(1e-14);
    expect(lgamma(0)).toBe(Infinity);
  });

  it('gives |C(n,k)| and its sign for fractional n', () => {
    expect(Math.exp(logAbsBinomial(10, 3))).toBeCloseTo(120, 9);
    // C(2.5, 4) = 2.5·1.5·0.5·(−0.5)/24 = −0.0390625
    expect(Math.exp(logAbsBinomial(2.5, 4))).toBeCloseTo(0.0390625, 12);
    expect(binomialSign(2.5, 4)).toBe(-1);
    expect(binomialSign(2.5, 3)).toBe(1);
    expect(binomialSign(3, 5)).toBe(0);
  });
});

describe('erf, erfc and the normal CDF', () => {
  it('matches reference values to ~1e-14 relative', () => {
    const cases: Array<[number, number]> = [
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [5, 1.5374597944280349e-12],
      [-1, 1.8427007929497148],
    ];
    for (const [x, expected] of cases) expect(rel(erfc(x), expected)).toBeLessThan(2e-14);
    expect(rel(erf(0.1), 0.1124629160182849)).toBeLessThan(1e-14);
    expect(rel(erf(1e-8), 1.1283791670955126e-8)).toBeLessThan(1e-14);
    expect(rel(ndtr(-1.96), 0.024997895148220435)).toBeLessThan(1e-13);
  });

  it('stays finite and accurate in the far tails', () => {
    expect(rel(logErfc(30), -903.9741171106439)).toBeLessThan(1e-12);
    expect(rel(logNdtr(-10), -53.23128515051247)).toBeLessThan(1e-12);
    expect(rel(logNdtr(-40), -804.6084420137538)).toBeLessThan(1e-12);
    expect(rel(logNdtr(10), -7.61985302416047e-24)).toBeLessThan(1e-9);
  });

  it('reproduces the one-sided LiRA vector of SCIENCE.md §3.6', () => {
    const u = 4.525483399593904;
    expect(rel(ndtr(u), 0.9999969871194241)).toBeLessThan(1e-14);
    expect(rel(-logNdtr(-u), 12.712613934884077)).toBeLessThan(1e-12);
  });

  it('gives the normal log-density with its constant', () => {
    expect(normalLogPdf(3.2, 3.0, 0.7071067811865476)).toBeCloseTo(-0.6123649429247001, 13);
    expect(normalLogPdf(3.2, 0.0, 0.7071067811865476)).toBeCloseTo(-10.8123649429247, 12);
  });
});

describe('log-space sums', () => {
  it('adds, subtracts and sums without overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 14);
    expect(logSubExp(2, 2)).toBe(-Infinity);
    expect(() => logSubExp(1, 2)).toThrow(RangeError);
    expect(logSumExp([1000, 1000, 1000])).toBeCloseTo(1000 + Math.log(3), 12);
  });
});

describe('incomplete beta', () => {
  it('matches closed forms', () => {
    expect(betaInc(2, 3, 0.5)).toBeCloseTo(0.6875, 14);
    expect(betaInc(1, 1, 0.3)).toBeCloseTo(0.3, 14);
    // I_x(a, 1) = x^a
    expect(betaInc(4.5, 1, 0.7)).toBeCloseTo(0.7 ** 4.5, 13);
    expect(betaInc(2, 3, 0)).toBe(0);
  });

  it('inverts to machine precision', () => {
    for (const [a, b, p] of [
      [2, 3, 0.25],
      [0.5, 40, 0.975],
      [30, 1, 0.025],
    ] as const) {
      const x = betaIncInverse(a, b, p);
      expect(Math.abs(betaInc(a, b, x) - p)).toBeLessThan(1e-12);
    }
  });
});

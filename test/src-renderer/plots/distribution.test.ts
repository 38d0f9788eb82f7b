import { describe, expect, it } from 'vitest';
import { gaussianCurve, leakReading, normalPdf } from '../../../src-renderer/plots/distribution';

describe('normalPdf and gaussianCurve', () => {
  it('gives the standard normal density', () => {
    expect(normalPdf(0, 0, 1)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalPdf(3, 1, 2)).toBeCloseTo(0.12098536225957168, 15);
  });

  it('samples the curve across the range, widening a zero spread, empty for a missing fit', () => {
    const curve = gaussianCurve(1, 0, 0, 2, 3, 0.5);
    expect(curve.map(([x]) => x)).toEqual([0, 1, 2]);
    expect(curve[1]![1]).toBeCloseTo(normalPdf(1, 1, 0.5), 15);
    expect(gaussianCurve(null, 1, 0, 1)).toEqual([]);
    expect(gaussianCurve(0, NaN, 0, 1)).toEqual([]);
  });
});

describe('leakReading', () => {
  const two = { in: 2, out: 2 };
  it('says IN and OUT overlap when d′ < 1', () => {
    const r = leakReading({ inMean: 1, inStd: 1, outMean: 0.5, outStd: 1 }, two, 3, true);
    expect(r.verdict).toBe('overlap');
    expect(r.separation).toBeCloseTo(0.5, 12);
    expect(r.text).toBe('IN and OUT overlap (d′ = 0.50): this sample leaks little.');
  });

  it('says the target sits in the IN Gaussian when its likelihood ratio favours IN', () => {
    const r = leakReading({ inMean: 8, inStd: 1, outMean: 2, outStd: 1 }, two, 7.5, true);
    expect(r.verdict).toBe('in');
    // log N(7.5; 8, 1) − log N(7.5; 2, 1) = (−0.125) − (−15.125) = 15.
    expect(r.logLikelihoodRatio).toBeCloseTo(15, 12);
    expect(r.text).toBe("The target's score sits in the IN Gaussian (d′ = 6.00, log LR +15.0): it leaks (the target did train on it).");
    expect(leakReading({ inMean: 8, inStd: 1, outMean: 2, outStd: 1 }, two, 7.5, false).text).toMatch(/a false alarm/);
  });

  it('says the target sits in the OUT Gaussian otherwise', () => {
    const r = leakReading({ inMean: 8, inStd: 1, outMean: 2, outStd: 1 }, two, 2.5, true);
    expect(r.verdict).toBe('out');
    expect(r.text).toMatch(/OUT Gaussian .*: the attack calls it a non-member \(it was one: a miss\)\.$/);
  });

  it('cannot tell without both fits (NaN crosses JSON as null) or with fewer than two models a side', () => {
    expect(leakReading({ inMean: null, inStd: null, outMean: 1, outStd: 1 }, two, 1, true).verdict).toBe('unknown');
    expect(leakReading({ inMean: 9, inStd: 0, outMean: 1, outStd: 0 }, two, null, null).verdict).toBe('unknown');
    const few = leakReading({ inMean: 9, inStd: 1, outMean: 1, outStd: 1 }, { in: 2, out: 1 }, 9, true);
    expect(few.verdict).toBe('unknown');
    expect(few.text).toBe('Only 2 IN and 1 OUT shadow model: too few to fit both Gaussians.');
  });

  it('writes huge separations as bounds (zero spread is floored, not infinite)', () => {
    const r = leakReading({ inMean: -2.21, inStd: 0, outMean: -2.62, outStd: 0 }, two, -0.455, false);
    expect(r.verdict).toBe('in');
    expect(r.text).toBe("The target's score sits in the IN Gaussian (d′ > 100, log LR > +1000): it leaks (the target did not train on it: a false alarm).");
  });
});

import { describe, expect, it } from 'vitest';
import { clopperPearson } from '../../../src-main/attacks/clopper-pearson';

describe('clopperPearson', () => {
  // Reference values: scipy.stats.beta.ppf (scipy 1.17).
  it.each([
    [5, 10, 0.95, 0.18708602844739855, 0.8129139715526015],
    [0, 10, 0.95, 0, 0.3084971078187607],
    [10, 10, 0.95, 0.6915028921812392, 1],
    [3, 1000, 0.99, 0.00033814452906649344, 0.01093377742040524],
    [1, 30000, 0.95, 8.439265767034295e-7, 0.0001857072961123104],
  ])('k = %d, n = %d at %d', (k, n, confidence, lo, hi) => {
    const [l, h] = clopperPearson(k, n, confidence);
    // betaIncInverse bisects to an absolute 1e-17: relative 1e-9 even for bounds near 1e-6.
    if (lo === 0) expect(l).toBe(0);
    else expect(Math.abs(l - lo) / lo).toBeLessThan(1e-9);
    expect(Math.abs(h - hi) / hi).toBeLessThan(1e-9);
  });

  it('returns [0, 1] without trials and rejects bad arguments', () => {
    expect(clopperPearson(0, 0)).toEqual([0, 1]);
    expect(() => clopperPearson(3, 2)).toThrow(/k must be an integer in 0..2, got 3/);
    expect(() => clopperPearson(1.5, 2)).toThrow(/k must be an integer/);
    expect(() => clopperPearson(1, 2, 1)).toThrow(/confidence must be in \(0, 1\)/);
  });
});

import { describe, expect, it } from 'vitest';
import { linearAxisTicks, padDomain, percentLabel } from '../../../src-renderer/plots/ticks';

describe('axis ticks', () => {
  it('labels round ticks with a format, and a single value as itself', () => {
    expect(linearAxisTicks(0, 1, 4, percentLabel).map((t) => t.label)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(linearAxisTicks(0, 2, 2, 'd')).toEqual([{ value: 0, label: '0' }, { value: 1, label: '1' }, { value: 2, label: '2' }]);
    expect(linearAxisTicks(3, 3, 5)).toEqual([{ value: 3, label: '3' }]);
    expect(linearAxisTicks(NaN, 1, 5)).toEqual([]);
  });

  it('writes fractions as short percentages', () => {
    expect(percentLabel(0.001)).toBe('0.1%');
    expect(percentLabel(0.00001)).toBe('0.001%');
    expect(percentLabel(1)).toBe('100%');
  });

  it('pads a domain, and widens an empty one', () => {
    expect(padDomain(0, 10, 0.1)).toEqual([-1, 11]);
    expect(padDomain(2, 2)).toEqual([1, 3]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatEpsilon } from '../../../../src-main/engine/privacy/format-epsilon';

describe('formatEpsilon', () => {
  it('prints meaningful ε with 3 significant digits and keeps the exact value', () => {
    expect(formatEpsilon(2.1013652716430564)).toEqual({ value: 2.1013652716430564, text: '2.1', vacuous: false });
    expect(formatEpsilon(7.083373)).toMatchObject({ text: '7.08', vacuous: false });
    expect(formatEpsilon(0.336344, 4).text).toBe('0.3363');
    expect(formatEpsilon(1000).text).toBe('1000');
    expect(formatEpsilon(0).text).toBe('0');
  });

  it('never prints a bare number above 10^3', () => {
    expect(formatEpsilon(1000.5)).toEqual({ value: 1000.5, text: 'vacuous (> 10^3)', vacuous: true });
    expect(formatEpsilon(999_999).text).toBe('vacuous (> 10^3)');
    const demem = formatEpsilon(2553306.918127468);
    expect(demem).toEqual({ value: 2553306.918127468, text: 'vacuous (> 10^6)', vacuous: true });
    expect(formatEpsilon(Infinity)).toEqual({ value: Infinity, text: 'vacuous (∞)', vacuous: true });
  });

  it('rejects NaN and negative values', () => {
    expect(() => formatEpsilon(NaN)).toThrow(/epsilon/);
    expect(() => formatEpsilon(-1)).toThrow(/epsilon/);
  });
});

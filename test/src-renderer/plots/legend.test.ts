import { describe, expect, it } from 'vitest';
import { LEGEND_CHAR_WIDTH, legendOffsets, legendWidth } from '../../../src-renderer/plots/legend';

describe('legendOffsets', () => {
  it('places each entry after the previous swatch, text and gap', () => {
    expect(legendOffsets(['ab', 'cde', 'f'], 10, 5)).toEqual([0, 15 + 2 * LEGEND_CHAR_WIDTH, 30 + 5 * LEGEND_CHAR_WIDTH]);
    expect(legendWidth(['ab', 'cde'], 10, 5)).toBeCloseTo(25 + 5 * LEGEND_CHAR_WIDTH, 12);
    expect(legendWidth([])).toBe(0);
  });
});

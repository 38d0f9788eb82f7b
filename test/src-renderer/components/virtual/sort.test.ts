import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverseOrder, sortOrder } from '../../../../src-renderer/components/virtual/sort';

describe('sortOrder', () => {
  it('sorts numbers either way, keeps ties in row order, and puts missing values last', () => {
    const values = [3, null, 1, NaN, 3, 2];
    expect(Array.from(sortOrder(values.length, (i) => values[i]!, 'asc'))).toEqual([2, 5, 0, 4, 1, 3]);
    expect(Array.from(sortOrder(values.length, (i) => values[i]!, 'desc'))).toEqual([0, 4, 5, 2, 1, 3]);
  });

  it('sorts strings after numbers', () => {
    const values = ['b', 2, 'a', null];
    expect(Array.from(sortOrder(values.length, (i) => values[i]!, 'asc'))).toEqual([1, 2, 0, 3]);
  });

  it('is a permutation whose inverse maps each row to its place (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(null))), fc.boolean(), (values, asc) => {
        const order = sortOrder(values.length, (i) => values[i]!, asc ? 'asc' : 'desc');
        expect([...order].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
        const inverse = inverseOrder(order);
        order.forEach((row, k) => expect(inverse[row]).toBe(k));
        for (let k = 1; k < order.length; k++) {
          const a = values[order[k - 1]!]!;
          const b = values[order[k]!]!;
          if (a !== null && b !== null) expect(asc ? a <= b : a >= b).toBe(true);
          if (a === null) expect(b).toBeNull();
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RowStore } from '../../../../src-main/engine/data/row-store';

describe('RowStore', () => {
  it('returns exactly the rows written, with or without a row bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 700 }), fc.integer({ min: 0, max: 3000 }), fc.option(fc.integer({ min: 0, max: 4000 })), (width, rows, slack) => {
        const maxRows = slack === null ? undefined : rows + slack;
        const store = new RowStore(Uint16Array, width, maxRows);
        for (let r = 0; r < rows; r++) {
          const row = store.next();
          row[0] = r;
          row[width - 1] = r + 1;
        }
        const out = store.finish();
        expect(out.length).toBe(rows * width);
        for (const r of rows > 0 ? [0, rows >> 1, rows - 1] : []) {
          expect(out[r * width]).toBe(r);
          expect(out[r * width + width - 1]).toBe(r + 1);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a bounded block without copying when little of it is unused, and copies when much is', () => {
    const tight = new RowStore(Uint8Array, 4, 100);
    for (let r = 0; r < 95; r++) tight.next()[0] = 1;
    const view = tight.finish();
    expect(view.length).toBe(380);
    expect(view.buffer.byteLength).toBe(400);
    const loose = new RowStore(Uint8Array, 4, 100);
    for (let r = 0; r < 10; r++) loose.next();
    expect(loose.finish().buffer.byteLength).toBe(40);
  });
});

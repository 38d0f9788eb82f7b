import { describe, expect, it } from 'vitest';
import { defaultLayout, loadLayout, MAX_WIDTH, MIN_WIDTH, moveColumn, normaliseLayout, saveLayout, visibleColumns } from '../../../../src-renderer/components/table/table-layout';
import type { Column } from '../../../../src-renderer/components/table/table-model';

const col = (id: string, hiddenByDefault = false): Column<unknown> => ({ id, label: id.toUpperCase(), value: () => null, text: () => '', hiddenByDefault });
const columns = [col('a'), col('b'), col('c', true), col('d')];

class MemoryStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
}

describe('table layout', () => {
  it('starts from the columns’ order and default visibility', () => {
    expect(defaultLayout(columns, [{ id: 'a', dir: 'desc' }])).toEqual({ order: ['a', 'b', 'c', 'd'], hidden: ['c'], widths: {}, sort: [{ id: 'a', dir: 'desc' }] });
  });

  it('round-trips through storage', () => {
    const storage = new MemoryStorage();
    const layout = { order: ['d', 'a', 'b', 'c'], hidden: ['a'], widths: { b: 300 }, sort: [{ id: 'b', dir: 'asc' as const }] };
    saveLayout(storage, 'k', layout);
    expect(loadLayout(storage, 'k', columns)).toEqual(layout);
  });

  it('drops unknown ids, clamps widths and inserts columns added since', () => {
    const stored = { order: ['d', 'zz', 'a', 'a'], hidden: ['zz', 'a'], widths: { a: 5, d: 5000, zz: 100, b: 'wide' }, sort: [{ id: 'zz', dir: 'asc' }, { id: 'd', dir: 'sideways' }, { id: 'a', dir: 'desc' }] };
    expect(normaliseLayout(stored, columns)).toEqual({
      // b and c were not in the stored order: each goes after the column before it by default.
      order: ['d', 'a', 'b', 'c'],
      hidden: ['a', 'c'],
      widths: { a: MIN_WIDTH, d: MAX_WIDTH },
      sort: [{ id: 'a', dir: 'desc' }],
    });
  });

  it('falls back to the default for anything unreadable', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', '{not json');
    expect(loadLayout(storage, 'k', columns)).toEqual(defaultLayout(columns));
    expect(normaliseLayout([1, 2], columns)).toEqual(defaultLayout(columns));
    expect(loadLayout(new MemoryStorage(), 'missing', columns, [{ id: 'b', dir: 'asc' }]).sort).toEqual([{ id: 'b', dir: 'asc' }]);
  });

  it('keeps working when storage refuses writes', () => {
    expect(() => saveLayout({ setItem: () => { throw new Error('quota'); } }, 'k', defaultLayout(columns))).not.toThrow();
  });

  it('lists visible columns in order and moves columns', () => {
    const layout = { order: ['d', 'a', 'b', 'c'], hidden: ['b'], widths: {}, sort: [] };
    expect(visibleColumns(columns, layout).map((c) => c.id)).toEqual(['d', 'a', 'c']);
    expect(moveColumn(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
    expect(moveColumn(['a', 'b', 'c', 'd'], 'a', null)).toEqual(['b', 'c', 'd', 'a']);
    expect(moveColumn(['a', 'b', 'c'], 'b', 'b')).toEqual(['a', 'b', 'c']);
  });
});

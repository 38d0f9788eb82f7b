import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterRows, parseFilter, passesFilter, searchRows, sortRows, toggleSort, type Column } from '../../../../src-renderer/components/table/table-model';

interface Row {
  id: string;
  name: string;
  acc: number | null;
  tag: string;
}

const columns: Array<Column<Row>> = [
  { id: 'name', label: 'Name', value: (r) => r.name, text: (r) => r.name },
  { id: 'acc', label: 'Accuracy %', value: (r) => r.acc, numeric: (r) => (r.acc === null ? null : r.acc * 100), text: (r) => (r.acc === null ? '—' : (r.acc * 100).toFixed(1)) },
  { id: 'tag', label: 'Tag', value: (r) => r.tag, text: (r) => r.tag },
];

const rows: Row[] = [
  { id: 'a', name: 'run 10', acc: 0.91, tag: 'x' },
  { id: 'b', name: 'run 2', acc: null, tag: 'y' },
  { id: 'c', name: 'Run 1', acc: 0.85, tag: 'x' },
  { id: 'd', name: 'run 3', acc: 0.91, tag: 'y' },
];
const ids = (list: Row[]) => list.map((r) => r.id);

describe('sortRows', () => {
  it('sorts text naturally and case-insensitively', () => {
    expect(ids(sortRows(rows, columns, [{ id: 'name', dir: 'asc' }]))).toEqual(['c', 'b', 'd', 'a']);
    expect(ids(sortRows(rows, columns, [{ id: 'name', dir: 'desc' }]))).toEqual(['a', 'd', 'b', 'c']);
  });

  it('puts missing values last in both directions', () => {
    expect(ids(sortRows(rows, columns, [{ id: 'acc', dir: 'asc' }]))).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(sortRows(rows, columns, [{ id: 'acc', dir: 'desc' }]))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('breaks ties with the secondary key, then keeps input order', () => {
    expect(ids(sortRows(rows, columns, [{ id: 'acc', dir: 'desc' }, { id: 'name', dir: 'desc' }]))).toEqual(['a', 'd', 'c', 'b']);
    expect(ids(sortRows(rows, columns, [{ id: 'tag', dir: 'asc' }]))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(sortRows(rows, columns, [{ id: 'tag', dir: 'asc' }, { id: 'name', dir: 'asc' }]))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('ignores unknown keys and leaves the input untouched', () => {
    const copy = [...rows];
    expect(ids(sortRows(rows, columns, [{ id: 'nope', dir: 'asc' }]))).toEqual(ids(rows));
    sortRows(rows, columns, [{ id: 'name', dir: 'asc' }]);
    expect(rows).toEqual(copy);
  });

  it('yields an ordered permutation for any numbers (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.double({ noNaN: true }), { nil: null }), { maxLength: 40 }), (values) => {
        const data = values.map((acc, i) => ({ id: String(i), name: '', acc, tag: '' }));
        const sorted = sortRows(data, columns, [{ id: 'acc', dir: 'asc' }]);
        expect(sorted.map((r) => r.id).sort()).toEqual(data.map((r) => r.id).sort());
        const present = sorted.filter((r) => r.acc !== null).map((r) => r.acc!);
        expect(present).toEqual([...present].sort((a, b) => a - b));
        expect(sorted.slice(present.length).every((r) => r.acc === null)).toBe(true);
      }),
    );
  });
});

describe('toggleSort', () => {
  it('cycles one column through ascending, descending, none', () => {
    expect(toggleSort([], 'a', false)).toEqual([{ id: 'a', dir: 'asc' }]);
    expect(toggleSort([{ id: 'a', dir: 'asc' }], 'a', false)).toEqual([{ id: 'a', dir: 'desc' }]);
    expect(toggleSort([{ id: 'a', dir: 'desc' }], 'a', false)).toEqual([]);
    expect(toggleSort([{ id: 'a', dir: 'asc' }, { id: 'b', dir: 'asc' }], 'b', false)).toEqual([{ id: 'b', dir: 'desc' }]);
  });

  it('adds, flips and removes secondary keys with shift', () => {
    const one = [{ id: 'a', dir: 'asc' as const }];
    const two = toggleSort(one, 'b', true);
    expect(two).toEqual([{ id: 'a', dir: 'asc' }, { id: 'b', dir: 'asc' }]);
    expect(toggleSort(two, 'b', true)).toEqual([{ id: 'a', dir: 'asc' }, { id: 'b', dir: 'desc' }]);
    expect(toggleSort([{ id: 'a', dir: 'asc' }, { id: 'b', dir: 'desc' }], 'b', true)).toEqual(one);
  });
});

describe('filters', () => {
  it('parses comparisons, ranges and text', () => {
    expect(parseFilter(' >= 90 ')).toEqual({ kind: 'compare', op: '>=', value: 90 });
    expect(parseFilter('<1e-3')).toEqual({ kind: 'compare', op: '<', value: 0.001 });
    expect(parseFilter('0.3..0.1')).toEqual({ kind: 'range', low: 0.1, high: 0.3 });
    expect(parseFilter('DeMem')).toEqual({ kind: 'text', needle: 'demem' });
    expect(parseFilter('  ')).toBeNull();
  });

  it('tests numbers and text; a missing number fails numeric tests', () => {
    expect(passesFilter({ kind: 'compare', op: '>', value: 90 }, '', 91)).toBe(true);
    expect(passesFilter({ kind: 'compare', op: '=', value: 90 }, '', 90)).toBe(true);
    expect(passesFilter({ kind: 'compare', op: '<=', value: 90 }, '', null)).toBe(false);
    expect(passesFilter({ kind: 'range', low: 1, high: 2 }, '', 2)).toBe(true);
    expect(passesFilter({ kind: 'text', needle: 'pgd' }, 'PGD-AT', null)).toBe(true);
  });

  it('filters rows on every column at once, in display units', () => {
    expect(ids(filterRows(rows, columns, { acc: '>90' }))).toEqual(['a', 'd']);
    expect(ids(filterRows(rows, columns, { acc: '>90', tag: 'y' }))).toEqual(['d']);
    expect(ids(filterRows(rows, columns, { acc: '80..86' }))).toEqual(['c']);
    expect(ids(filterRows(rows, columns, { name: 'run 1' }))).toEqual(['a', 'c']);
    expect(ids(filterRows(rows, columns, { name: '', unknown: 'x' }))).toEqual(ids(rows));
  });

  it('matches a comparison typed in a text column as text', () => {
    const data = [{ id: 'z', name: 'eps <5 sweep', acc: 1, tag: '' }, ...rows];
    expect(ids(filterRows(data, columns, { name: '<5' }))).toEqual(['z']);
  });
});

describe('searchRows', () => {
  it('needs every word somewhere in the row, in any case', () => {
    const text = (r: Row) => `${r.name} ${r.tag}`;
    expect(ids(searchRows(rows, 'RUN x', text))).toEqual(['a', 'c']);
    expect(ids(searchRows(rows, 'run 3 y', text))).toEqual(['d']);
    expect(ids(searchRows(rows, '   ', text))).toEqual(ids(rows));
    expect(searchRows(rows, 'nothing', text)).toEqual([]);
  });
});

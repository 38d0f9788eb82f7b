import { describe, expect, it } from 'vitest';
import { filterRows, searchRows, sortRows } from '../../../../src-renderer/components/table/table-model';
import { formatEpsilon, formatParam, formatParams, studyColumns, studySearchText } from '../../../../src-renderer/views/studies/studies-columns';
import { ms, row, summary } from './study-fixtures';

const columns = studyColumns();
const column = (id: string) => {
  const found = columns.find((c) => c.id === id);
  if (!found) throw new Error(`no column ${id}`);
  return found;
};

const rows = [
  row({ id: 'erm', name: 'ERM baseline', tags: ['baseline'], summary: summary({ naturalAccuracy: ms(0.934, 0.006) }) }),
  row({
    id: 'demem',
    name: 'PGD-AT + DeMem',
    methodLabel: 'PGD-AT + DeMem (λ=0.2)',
    params: { objective: 'pgd-at', update: 'plain', epsilon: 8 / 255, stepSize: 2 / 255, steps: 10, lambda: 0.2 },
    summary: summary({ naturalAccuracy: ms(0.81, 0.02), tpr: { '0.001': ms(0.004, 0.002) } }),
  }),
  row({
    id: 'dp',
    name: 'DP-SGD σ=0.5',
    methodLabel: 'DP-SGD (σ=0.5, C=1)',
    params: { objective: 'erm', update: 'dp-sgd', sigma: 0.5, clipNorm: 1 },
    summary: summary({ naturalAccuracy: ms(0.7, 0.03), epsilon: 4321, delta: 1e-5 }),
    notes: 'noise too low for a real guarantee',
  }),
  row({ id: 'run', name: 'Running', status: 'running', modelsDone: 1, modelsTotal: 4, summary: null, durationSeconds: null }),
];
const ids = (list: typeof rows) => list.map((r) => r.id);

describe('studies table columns', () => {
  it('shows metrics as mean ± std, accuracies and TPR in percent', () => {
    expect(column('natural').text(rows[0]!)).toBe('93.4 ± 0.6');
    expect(column('tpr').text(rows[1]!)).toBe('0.40 ± 0.20');
    expect(column('auc').text(rows[0]!)).toBe('0.600 ± 0.030');
    expect(column('natural').text(rows[3]!)).toBe('—');
    expect(column('tpr').label).toBe('TPR@0.1%');
  });

  it('calls an ε above 10³ vacuous', () => {
    expect(column('dpEpsilon').text(rows[2]!)).toBe('vacuous (> 10^3)');
    expect(formatEpsilon(4.6312)).toBe('4.63');
    expect(formatEpsilon(1000)).toBe('1000');
    expect(formatEpsilon(null)).toBe('—');
  });

  it('shows the method parameters, with 1/255 multiples as fractions', () => {
    expect(column('params').text(rows[1]!)).toBe('λ 0.2 · ε 8/255 · steps 10');
    expect(formatParams(rows[2]!.params)).toBe('σ 0.5 · C 1');
    expect(column('epsilon').text(rows[1]!)).toBe('8/255');
    expect(column('lambda').numeric!(rows[1]!)).toBe(0.2);
    expect(column('lambda').hiddenByDefault).toBe(true);
    expect(formatParam(0.25)).toBe('0.25');
  });

  it('sorts by a metric with studies lacking it last, and by status with running first', () => {
    expect(ids(sortRows(rows, columns, [{ id: 'natural', dir: 'desc' }]))).toEqual(['erm', 'demem', 'dp', 'run']);
    expect(ids(sortRows(rows, columns, [{ id: 'natural', dir: 'asc' }]))).toEqual(['dp', 'demem', 'erm', 'run']);
    expect(ids(sortRows(rows, columns, [{ id: 'status', dir: 'asc' }]))[0]).toBe('run');
    expect(ids(sortRows(rows, columns, [{ id: 'lambda', dir: 'asc' }]))[0]).toBe('demem');
  });

  it('filters metrics in the units shown (percent) and text columns by substring', () => {
    expect(ids(filterRows(rows, columns, { natural: '>80' }))).toEqual(['erm', 'demem']);
    expect(ids(filterRows(rows, columns, { tpr: '<1' }))).toEqual(['demem']);
    expect(ids(filterRows(rows, columns, { status: 'running' }))).toEqual(['run']);
    expect(ids(filterRows(rows, columns, { dpEpsilon: '>1000' }))).toEqual(['dp']);
    expect(ids(filterRows(rows, columns, { method: 'demem' }))).toEqual(['demem']);
  });

  it('searches name, tags, notes and method', () => {
    expect(ids(searchRows(rows, 'baseline', studySearchText))).toEqual(['erm']);
    expect(ids(searchRows(rows, 'guarantee', studySearchText))).toEqual(['dp']);
    expect(ids(searchRows(rows, 'pgd λ=0.2', studySearchText))).toEqual(['demem']);
  });

  it('has unique column ids', () => {
    expect(new Set(columns.map((c) => c.id)).size).toBe(columns.length);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../../../src-main/engine/data/csv';
import { DatasetError, DatasetOptionError } from '../../../../src-main/engine/data/errors';
import { put, rejection, tempDir } from './fixtures';

const root = tempDir('csv');
const load = (name: string, text: string, options?: Record<string, unknown>) => loadCsv({ id: 'csv', path: put(root, name, text), ...(options ? { options } : {}) });

describe('csv loader', () => {
  it('finds a label column by name, sorts string labels, honours RFC 4180 quoting', async () => {
    const d = await load('iris.csv', 'sepal,"petal, width",species\n1.5,0.2,"setosa"\n"2",3,virginica\n-1e-3,4,"versi""color"\n');
    expect(d).toMatchObject({ id: 'csv', name: 'iris.csv', kind: 'tabular', shape: [2], size: 3, numClasses: 3, scale: 1, binaryFeatures: false });
    expect(d.classNames).toEqual(['setosa', 'versi"color', 'virginica']);
    expect(Array.from(d.labels)).toEqual([0, 2, 1]);
    expect(d.features).toBeInstanceOf(Float32Array);
    expect(Array.from(d.features)).toEqual([1.5, Math.fround(0.2), 2, 3, Math.fround(-1e-3), 4]);
  });

  it('defaults to a column named label/class/y/target, wherever it is', async () => {
    const d = await load('named.csv', 'Target,a,b\nyes,1,0\nno,0,1\n');
    expect(d.classNames).toEqual(['no', 'yes']);
    expect(Array.from(d.labels)).toEqual([1, 0]);
    expect(Array.from(d.features)).toEqual([1, 0, 0, 1]);
    expect(d.binaryFeatures).toBe(true);
  });

  it('without a header: the last column, numeric labels sorted numerically', async () => {
    const d = await load('nohead.csv', '0.5,10\n0.25,9\n1,10\n2,100\n');
    expect(d.classNames).toEqual(['9', '10', '100']);
    expect(Array.from(d.labels)).toEqual([1, 0, 1, 2]);
    expect(d.shape).toEqual([1]);
  });

  it('labelColumn by index (negative from the end), explicit header and delimiter', async () => {
    const text = 'lbl;x;y\nb;1;2\na;3;4\n';
    const d = await load('semi.csv', text, { labelColumn: 0 });
    expect(d.classNames).toEqual(['a', 'b']);
    expect(Array.from(d.features)).toEqual([1, 2, 3, 4]);
    const e = await load('neg.csv', '1,2,z\n3,4,w\n', { labelColumn: -1, header: false, delimiter: ',' });
    expect(e.classNames).toEqual(['w', 'z']);
    expect(e.size).toBe(2);
  });

  it('a non-numeric feature names the row and the column', async () => {
    const file = put(root, 'bad.csv', 'a,b,label\n1,2,x\n3,"n/a",y\n');
    const error = await rejection(loadCsv({ id: 'csv', path: file }));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ file, row: 3, column: 2, columnName: 'b' });
    expect(error.message).toBe(`${file}, row 3, column 2 ("b"): expected a numeric feature, found "n/a"`);
    const empty = await rejection(load('empty-cell.csv', '1,,x\n2,3,y\n'));
    expect(empty).toMatchObject({ row: 1, column: 2, found: '""' });
  });

  it('a row with the wrong number of cells, an empty label, a bad quote', async () => {
    expect(await rejection(load('cells.csv', 'a,b,label\n1,2,x\n3,y\n'))).toMatchObject({ row: 3, expected: '3 cells like the first row', found: '2' });
    expect(await rejection(load('nolabel.csv', 'a,label\n1,x\n2, \n'))).toMatchObject({ row: 3, column: 2, expected: 'a class label' });
    expect((await rejection(load('quote.csv', 'a,label\n1,"x\n'))).message).toMatch(/quote\.csv, row 2: expected a closing quote/);
  });

  it('option and path errors', async () => {
    const unknown = await rejection(load('opt.csv', 'a,label\n1,x\n', { labelColumn: 'nope' }));
    expect(unknown).toBeInstanceOf(DatasetOptionError);
    expect(unknown.message).toMatch(/option labelColumn: no column named "nope" .* \(columns: a, label\)/);
    await expect(load('opt2.csv', 'a,label\n1,x\n', { labelColumn: 5 })).rejects.toThrow(/index 5 is outside the 2 columns/);
    await expect(load('opt3.csv', 'a,label\n1,x\n', { sep: ';' })).rejects.toThrow(/dataset 'csv': option sep/);
    const missing = path.join(root, 'missing.csv');
    expect((await rejection(loadCsv({ id: 'csv', path: missing }))).message).toBe(`${missing}: expected a CSV file with a label column, found no such file or folder`);
    expect(await rejection(load('header-only.csv', 'a,label\n'))).toMatchObject({ expected: 'at least one data row after the header' });
  });
});

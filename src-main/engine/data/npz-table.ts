/**
 * Tabular datasets in the common `.npz` form: a features array [N, D] and a labels array, under the
 * keys `features`/`labels`, `X`/`Y` or `x`/`y` (first pair found). Labels may be [N], [N, 1] or
 * one-hot [N, numClasses], of any integer or integral float dtype, 0-based or 1-based (1-based is
 * recognised by a maximum equal to numClasses). Features that are all 0/1 become a Uint8Array.
 */
import { listNpz, readNpz } from '../../io/npz';
import type { NpyArray } from '../../io/npy';
import { attributeErrors, DatasetError } from './errors';

const KEY_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['features', 'labels'],
  ['X', 'Y'],
  ['x', 'y'],
];

export interface NpzTable {
  rows: number;
  width: number;
  features: Uint8Array | Float32Array;
  binary: boolean;
  labels: Uint16Array;
}

function valueAt(array: NpyArray, i: number): number {
  return Number(array.data[i]);
}

/** Features as Uint8 when every value is 0 or 1, else Float32. */
function convertFeatures(array: NpyArray): { features: Uint8Array | Float32Array; binary: boolean } {
  const n = array.data.length;
  let binary = true;
  for (let i = 0; i < n && binary; i++) {
    const v = valueAt(array, i);
    binary = v === 0 || v === 1;
  }
  const features = binary ? new Uint8Array(n) : new Float32Array(n);
  if (typeof array.data[0] === 'bigint') for (let i = 0; i < n; i++) features[i] = valueAt(array, i);
  else features.set(array.data as ArrayLike<number>);
  return { features, binary };
}

/** Class indices 0..numClasses-1 from plain or one-hot labels. */
function convertLabels(array: NpyArray, rows: number, numClasses: number, where: string): Uint16Array {
  const [n, k = 1, ...rest] = array.shape;
  if (n !== rows || rest.length > 0 || (k !== 1 && k !== numClasses)) {
    throw new DatasetError({
      file: where,
      expected: `labels of shape [${rows}], [${rows}, 1] or one-hot [${rows}, ${numClasses}]`,
      found: `shape [${array.shape.join(', ')}]`,
    });
  }
  const labels = new Uint16Array(rows);
  if (k === numClasses && numClasses > 1) {
    for (let r = 0; r < rows; r++) {
      let hot = -1;
      for (let c = 0; c < k; c++) {
        const v = valueAt(array, r * k + c);
        if (v === 1 && hot === -1) hot = c;
        else if (v !== 0) hot = -2;
      }
      if (hot < 0) throw new DatasetError({ file: where, row: r + 1, expected: 'a one-hot label row (a single 1, zeros elsewhere)' });
      labels[r] = hot;
    }
    return labels;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = valueAt(array, r);
    if (!Number.isInteger(v)) throw new DatasetError({ file: where, row: r + 1, expected: 'an integer class label', found: String(v) });
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const base = max === numClasses && min >= 1 ? 1 : 0;
  for (let r = 0; r < rows; r++) {
    const v = valueAt(array, r) - base;
    if (v < 0 || v >= numClasses) {
      throw new DatasetError({
        file: where,
        row: r + 1,
        expected: `a class label 0..${numClasses - 1} (or 1..${numClasses})`,
        found: String(v + base),
      });
    }
    labels[r] = v;
  }
  return labels;
}

/**
 * Reads a features/labels `.npz` for a dataset with `numClasses` classes.
 * Throws: DatasetError naming the file (and the array) for missing keys, wrong shapes or bad labels.
 */
export async function readNpzTable(file: string, numClasses: number): Promise<NpzTable> {
  return attributeErrors(file, 'a readable .npz file', async () => {
    const keys = await listNpz(file);
    const pair = KEY_PAIRS.find(([f, l]) => keys.includes(f) && keys.includes(l));
    if (!pair) {
      throw new DatasetError({
        file,
        expected: 'arrays features/labels, X/Y or x/y',
        found: `keys ${keys.length ? keys.join(', ') : '(none)'}`,
      });
    }
    const [featureKey, labelKey] = pair;
    const arrays = await readNpz(file, { only: pair });
    const x = arrays.get(featureKey) as NpyArray;
    const y = arrays.get(labelKey) as NpyArray;
    if (x.shape.length !== 2) {
      throw new DatasetError({
        file: `${file}:${featureKey}`,
        expected: 'a 2-D features array [N, D]',
        found: `shape [${x.shape.join(', ')}]`,
      });
    }
    const [rows = 0, width = 0] = x.shape;
    const labels = convertLabels(y, rows, numClasses, `${file}:${labelKey}`);
    return { rows, width, labels, ...convertFeatures(x) };
  });
}

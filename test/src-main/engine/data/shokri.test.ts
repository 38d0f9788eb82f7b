import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../../src-main/engine/data/errors';
import { loadLocation30, loadPurchase100, loadTexas100 } from '../../../../src-main/engine/data/shokri';
import { encodeNpz } from '../../../../src-main/io/npz';
import { buildTgz } from '../../../src-main/io/tar-fixture';
import { binaryRows, put, rejection, sumOf, tempDir } from './fixtures';

const root = tempDir('shokri');
const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const LOCATION_ARCHIVE = path.resolve(repoRoot, '../shared/data/location30/dataset_location.tgz');

/** Location's `bangkok` layout: quoted label "1".."30", then 446 features. */
function locationText(labels: number[]): string {
  return binaryRows(labels.length, 446).map((row, r) => `"${labels[r]}",${row.join(',')}`).join('\n') + '\n';
}

/** Purchase's `dataset_purchase` layout: unquoted label 1..100, then 600 features. */
function purchaseText(labels: number[]): string {
  return binaryRows(labels.length, 600, 3).map((row, r) => `${labels[r]},${row.join(',')}`).join('\n') + '\n';
}

function texasFiles(labels: number[]): { feats: string; labels: string } {
  return { feats: binaryRows(labels.length, 6169, 1).map((row) => row.join(',')).join('\n') + '\n', labels: labels.join('\n') + '\n' };
}

describe('Location-30', () => {
  const labels = [1, 30, 7, 7, 2];

  it('reads the .tgz, the extracted file and a folder alike; labels 1..30 become 0..29', async () => {
    const archive = put(root, 'loc/dataset_location.tgz', buildTgz([{ name: 'bangkok', data: locationText(labels) }]));
    const file = put(root, 'loc-x/bangkok', locationText(labels));
    const results = [
      await loadLocation30({ id: 'location30', path: archive }),
      await loadLocation30({ id: 'location30', path: file }),
      await loadLocation30({ id: 'location30', path: path.dirname(file) }),
    ];
    for (const d of results) {
      expect(d).toMatchObject({ kind: 'tabular', shape: [446], size: 5, numClasses: 30, binaryFeatures: true, scale: 1 });
      expect(d.features).toBeInstanceOf(Uint8Array);
      expect(Array.from(d.labels)).toEqual([0, 29, 6, 6, 1]);
      expect(Array.from(d.features.subarray(446, 892))).toEqual(binaryRows(2, 446)[1]);
      expect(d.classNames[29]).toBe('30');
    }
    expect(results[0]!.source).toBe(archive);
    expect(new Set(results.map((d) => d.fingerprint)).size).toBe(1);
  });

  it('label out of range, non-binary feature and wrong column count name the row and column', async () => {
    const good = locationText(labels).split('\n');
    const write = (name: string, lines: string[]) => put(root, `loc-err/${name}`, lines.join('\n'));
    const bad31 = write('label', [good[0]!, good[1]!.replace('"30"', '"31"')]);
    expect(await rejection(loadLocation30({ id: 'location30', path: bad31 }))).toMatchObject({ file: bad31, row: 2, column: 1, expected: 'a class label 1..30', found: '"31"' });
    const cells = good[2]!.split(',');
    cells[5] = '2';
    const bad2 = write('feature', [good[0]!, good[1]!, cells.join(',')]);
    const error = await rejection(loadLocation30({ id: 'location30', path: bad2 }));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toBe(`${bad2}, row 3, column 6: expected a binary feature 0 or 1, found "2"`);
    const short = write('short', [good[0]!, good[1]!.replace(/,[01]$/, '')]);
    expect(await rejection(loadLocation30({ id: 'location30', path: short }))).toMatchObject({ row: 2, expected: '447 comma-separated columns (a label and 446 features)', found: '446' });
  });

  it('accepts quoted or padded cells, 1.0-style values and CRLF endings; refuses empty cells', async () => {
    const row = binaryRows(1, 446)[0]!;
    const cells = row.map((v, i) => (i === 0 ? `"${v}"` : i === 1 ? ` ${v} ` : i === 2 ? `${v}.0` : String(v)));
    const file = put(root, 'loc-odd/bangkok', `" 3 ",${cells.join(',')}\r\n\r\n`);
    const d = await loadLocation30({ id: 'location30', path: file });
    expect(Array.from(d.labels)).toEqual([2]);
    expect(Array.from(d.features)).toEqual(row);
    const empty = put(root, 'loc-odd2/bangkok', `3,,${row.slice(1).join(',')}\n`);
    expect(await rejection(loadLocation30({ id: 'location30', path: empty }))).toMatchObject({ row: 1, column: 2, found: '""' });
  });

  it('errors inside an archive name the member; a missing member and a missing path are reported', async () => {
    const archive = put(root, 'loc-bad.tgz', buildTgz([{ name: 'bangkok', data: locationText([1, 0]) }]));
    expect(await rejection(loadLocation30({ id: 'location30', path: archive }))).toMatchObject({ file: `${archive}:bangkok`, row: 2, found: '"0"' });
    const empty = put(root, 'loc-none.tgz', buildTgz([{ name: 'paris', data: locationText([1]) }]));
    expect(await rejection(loadLocation30({ id: 'location30', path: empty }))).toMatchObject({ file: empty, expected: 'a member named bangkok in the archive' });
    const nowhere = path.join(root, 'nope.tgz');
    const missing = await rejection(loadLocation30({ id: 'location30', path: nowhere }));
    expect(missing.message).toBe(`${nowhere}: expected the Location-30 archive, its extracted files, or a .npz, found no such file or folder`);
  });
});

describe('Purchase-100', () => {
  const labels = [100, 1, 50];

  it('reads dataset_purchase.tgz and an equivalent features/labels .npz to the same fingerprint', async () => {
    const archive = put(root, 'dataset_purchase.tgz', buildTgz([{ name: 'dataset_purchase', data: purchaseText(labels) }]));
    const fromArchive = await loadPurchase100({ id: 'purchase100', path: archive });
    expect(fromArchive).toMatchObject({ shape: [600], size: 3, numClasses: 100, binaryFeatures: true });
    expect(Array.from(fromArchive.labels)).toEqual([99, 0, 49]);
    const features = Float32Array.from(binaryRows(3, 600, 3).flat());
    const npz = put(root, 'purchase100.npz', encodeNpz({ features: { data: features, shape: [3, 600] }, labels: { data: BigInt64Array.of(99n, 0n, 49n) } }));
    const fromNpz = await loadPurchase100({ id: 'purchase100', path: npz });
    expect(fromNpz.features).toBeInstanceOf(Uint8Array);
    expect(fromNpz.fingerprint).toBe(fromArchive.fingerprint);
  });

  it('accepts X/Y keys, 1-based labels, one-hot labels, and keeps non-binary features as float32', async () => {
    const x = Float64Array.of(0.5, 1, 2, 0);
    const xy = put(root, 'xy.npz', encodeNpz({ X: { data: x, shape: [2, 2] }, Y: { data: Int32Array.of(100, 1) } }));
    const d = await loadPurchase100({ id: 'purchase100', path: xy });
    expect(Array.from(d.labels)).toEqual([99, 0]);
    expect(d.features).toBeInstanceOf(Float32Array);
    expect(d.binaryFeatures).toBe(false);
    const oneHot = new Uint8Array(200);
    oneHot[7] = 1;
    oneHot[100 + 63] = 1;
    const hot = put(root, 'hot.npz', encodeNpz({ x: { data: Uint8Array.of(1, 0, 0, 1), shape: [2, 2] }, y: { data: oneHot, shape: [2, 100] } }));
    expect(Array.from((await loadPurchase100({ id: 'purchase100', path: hot })).labels)).toEqual([7, 63]);
  });

  it('npz errors: missing keys, a mismatched label count, a label out of range', async () => {
    const features = { data: new Float32Array(4), shape: [2, 2] };
    const noKeys = put(root, 'nokeys.npz', encodeNpz({ a: features }));
    expect((await rejection(loadPurchase100({ id: 'purchase100', path: noKeys }))).message).toBe(`${noKeys}: expected arrays features/labels, X/Y or x/y, found keys a`);
    const count = put(root, 'count.npz', encodeNpz({ features, labels: { data: Int32Array.of(1, 2, 3) } }));
    expect(await rejection(loadPurchase100({ id: 'purchase100', path: count }))).toMatchObject({ file: `${count}:labels`, found: 'shape [3]' });
    const range = put(root, 'range.npz', encodeNpz({ features, labels: { data: Int32Array.of(0, 101) } }));
    expect(await rejection(loadPurchase100({ id: 'purchase100', path: range }))).toMatchObject({ file: `${range}:labels`, row: 2, found: '101' });
  });

  it('expectedFeatures overrides the column count', async () => {
    const text = '3,1,0,1\n4,0,0,1\n';
    const file = put(root, 'small/dataset_purchase', text);
    await expect(loadPurchase100({ id: 'purchase100', path: path.dirname(file) })).rejects.toThrow(/expected 601 comma-separated columns/);
    const d = await loadPurchase100({ id: 'purchase100', path: file, options: { expectedFeatures: 3 } });
    expect(d.shape).toEqual([3]);
  });
});

describe('Texas-100', () => {
  const labels = [5, 100, 1];

  it('reads dataset_texas.tgz (texas/100/feats and labels) and the extracted folder', async () => {
    const files = texasFiles(labels);
    const archive = put(root, 'dataset_texas.tgz', buildTgz([
      { name: 'texas/' },
      { name: 'texas/100/' },
      { name: 'texas/100/labels', data: files.labels },
      { name: 'texas/100/feats', data: files.feats },
    ]));
    put(root, 'tx/texas/100/feats', files.feats);
    put(root, 'tx/texas/100/labels', files.labels);
    const a = await loadTexas100({ id: 'texas100', path: archive });
    const b = await loadTexas100({ id: 'texas100', path: path.join(root, 'tx') });
    expect(a).toMatchObject({ shape: [6169], size: 3, numClasses: 100, binaryFeatures: true });
    expect(Array.from(a.labels)).toEqual([4, 99, 0]);
    expect(Array.from(a.features.subarray(6169, 6169 + 12))).toEqual(binaryRows(2, 6169, 1)[1]!.slice(0, 12));
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('mismatched feats and labels counts, and a missing labels member', async () => {
    const files = texasFiles(labels);
    const dir = path.join(root, 'tx-count');
    put(dir, 'texas/100/feats', files.feats);
    const labelsFile = put(dir, 'texas/100/labels', '5\n100\n');
    expect((await rejection(loadTexas100({ id: 'texas100', path: dir }))).message).toBe(`${labelsFile}: expected 3 labels, one per row of ${path.join(dir, 'texas/100/feats')}, found 2`);
    const archive = put(root, 'tx-nolabels.tgz', buildTgz([{ name: 'texas/100/feats', data: files.feats }]));
    expect(await rejection(loadTexas100({ id: 'texas100', path: archive }))).toMatchObject({ file: archive, found: 'no labels' });
    const badLabel = put(root, 'tx-label/labels', '5\nx\n1\n');
    put(root, 'tx-label/feats', files.feats);
    expect(await rejection(loadTexas100({ id: 'texas100', path: path.dirname(badLabel) }))).toMatchObject({ file: badLabel, row: 2, found: '"x"' });
  });
});

describe.runIf(fs.existsSync(LOCATION_ARCHIVE))('the real Location-30 archive (../shared/data/location30)', () => {
  it('has 5,010 rows, 446 binary features, 30 classes of 97..308 rows and 269,047 ones', async () => {
    const d = await loadLocation30({ id: 'location30', path: LOCATION_ARCHIVE });
    expect(d).toMatchObject({ size: 5010, shape: [446], numClasses: 30, binaryFeatures: true });
    const counts = new Array(30).fill(0);
    for (const label of d.labels) counts[label]++;
    expect(Math.min(...counts)).toBe(97);
    expect(Math.max(...counts)).toBe(308);
    expect(sumOf(d.features)).toBe(269_047);
  });
});
if (!fs.existsSync(LOCATION_ARCHIVE)) console.info(`skipping the real Location-30 test: ${LOCATION_ARCHIVE} is absent (no ../shared)`);

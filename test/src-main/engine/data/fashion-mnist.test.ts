import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../../src-main/engine/data/errors';
import { FASHION_MNIST_DEFAULT_PATH, loadFashionMnist } from '../../../../src-main/engine/data/fashion-mnist';
import { encodeIdx, put, rejection, sumOf, tempDir } from './fixtures';

const root = tempDir('idx');

/** A tiny idx folder: `train` and `test` samples of 2×3 images whose pixels encode (sample, pixel). */
function writeIdxFolder(name: string, opts: { gz?: boolean; train?: number; test?: number; dotted?: boolean } = {}): string {
  const dir = path.join(root, name);
  const { train = 3, test = 2 } = opts;
  const write = (base: string, bytes: Buffer) => {
    const file = opts.dotted ? base.replace(/-(idx\d-ubyte)$/, '.$1') : base;
    put(dir, opts.gz ? `${file}.gz` : file, opts.gz ? zlib.gzipSync(bytes) : bytes);
  };
  const images = (n: number, offset: number) => Uint8Array.from({ length: n * 6 }, (_, i) => (offset * 6 + i) % 256);
  write('train-images-idx3-ubyte', encodeIdx([train, 2, 3], images(train, 0)));
  write('train-labels-idx1-ubyte', encodeIdx([train], Uint8Array.from({ length: train }, (_, i) => (i * 3) % 10)));
  write('t10k-images-idx3-ubyte', encodeIdx([test, 2, 3], images(test, train)));
  write('t10k-labels-idx1-ubyte', encodeIdx([test], Uint8Array.from({ length: test }, (_, i) => 9 - i)));
  return dir;
}

describe('fashion-mnist idx loader', () => {
  it.each([
    ['plain', {}],
    ['gzipped', { gz: true }],
    ['MNIST mirror spelling', { dotted: true }],
  ])('reads %s files, train then test', async (name, opts) => {
    const dir = writeIdxFolder(name.replace(/ /g, '-'), opts);
    const d = await loadFashionMnist({ id: 'fashion-mnist', path: dir });
    expect(d).toMatchObject({ name: 'Fashion-MNIST', kind: 'image', shape: [2, 3, 1], size: 5, numClasses: 10, scale: 1 / 255, splits: { train: 3, test: 2 }, source: dir });
    expect(Array.from(d.labels)).toEqual([0, 3, 6, 9, 8]);
    expect(Array.from(d.features)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(d.classNames[9]).toBe('Ankle boot');
  });

  it('plain and gzipped copies fingerprint equally', async () => {
    const a = await loadFashionMnist({ id: 'fashion-mnist', path: writeIdxFolder('fp-plain') });
    const b = await loadFashionMnist({ id: 'fashion-mnist', path: writeIdxFolder('fp-gz', { gz: true }) });
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it('variant mnist changes only the name and class names', async () => {
    const d = await loadFashionMnist({ id: 'fashion-mnist', path: writeIdxFolder('mnist'), options: { variant: 'mnist' } });
    expect(d.name).toBe('MNIST');
    expect(d.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });
});

describe('fashion-mnist errors name the file, the offset and what was expected', () => {
  it('wrong magic', async () => {
    const dir = writeIdxFolder('magic');
    const file = path.join(dir, 'train-labels-idx1-ubyte');
    fs.writeFileSync(file, encodeIdx([3], Uint8Array.of(0, 1, 2), 0x0803));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ file, offset: 0 });
    expect(error.message).toBe(`${file}, byte 0: expected the idx labels magic 0x00000801, found 0x00000803`);
  });

  it('truncated images, plain and gzipped (decompressed offset)', async () => {
    const dir = writeIdxFolder('trunc');
    const file = path.join(dir, 't10k-images-idx3-ubyte');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 16 + 7));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error).toMatchObject({ file, offset: 23 });
    expect(error.message).toMatch(/byte 23: expected 12 data bytes for dims 2×2×3 \(28 bytes in all\), found the end of the file after 7$/);

    const gzDir = writeIdxFolder('trunc-gz', { gz: true });
    const gzFile = path.join(gzDir, 't10k-images-idx3-ubyte.gz');
    fs.writeFileSync(gzFile, zlib.gzipSync(zlib.gunzipSync(fs.readFileSync(gzFile)).subarray(0, 20)));
    const gzError = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: gzDir }));
    expect(gzError).toMatchObject({ file: gzFile, offset: 20 });
    expect(gzError.message).toMatch(/\(offsets in the decompressed data\)/);
  });

  it('a cut gzip stream', async () => {
    const dir = writeIdxFolder('cut-gz', { gz: true });
    const file = path.join(dir, 'train-images-idx3-ubyte.gz');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 12));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toMatch(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}: expected a readable idx file, found unexpected end of file$`));
  });

  it('trailing bytes', async () => {
    const dir = writeIdxFolder('trailing');
    const file = path.join(dir, 'train-labels-idx1-ubyte');
    fs.appendFileSync(file, Buffer.from([0]));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error).toMatchObject({ file, offset: 11, expected: 'the end of the file after dims 3' });
  });

  it('label out of range', async () => {
    const dir = writeIdxFolder('range');
    const file = path.join(dir, 'train-labels-idx1-ubyte');
    fs.writeFileSync(file, encodeIdx([3], Uint8Array.of(0, 10, 2)));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error).toMatchObject({ file, offset: 9, expected: 'a label 0..9 (sample 1)', found: '10' });
  });

  it('mismatched image and label counts', async () => {
    const dir = writeIdxFolder('counts');
    const file = path.join(dir, 'train-labels-idx1-ubyte');
    fs.writeFileSync(file, encodeIdx([2], Uint8Array.of(0, 1)));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error).toMatchObject({ file, found: '2' });
    expect(error.message).toMatch(/expected 3 labels, one per image of .*train-images-idx3-ubyte, found 2$/);
  });

  it('missing file and missing folder', async () => {
    const dir = writeIdxFolder('missing');
    fs.rmSync(path.join(dir, 't10k-labels-idx1-ubyte'));
    const error = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: dir }));
    expect(error.message).toBe(`${path.join(dir, 't10k-labels-idx1-ubyte')}: expected the idx file t10k-labels-idx1-ubyte (or t10k-labels-idx1-ubyte.gz) in ${dir}, found no such file`);
    const nowhere = path.join(root, 'nowhere');
    const missing = await rejection(loadFashionMnist({ id: 'fashion-mnist', path: nowhere }));
    expect(missing).toMatchObject({ file: nowhere, found: 'no such file or folder' });
  });

  it('an unknown option', async () => {
    await expect(loadFashionMnist({ id: 'fashion-mnist', path: root, options: { colour: true } })).rejects.toThrow(/dataset 'fashion-mnist': option colour: /);
  });
});

describe.runIf(fs.existsSync(FASHION_MNIST_DEFAULT_PATH))('the installed Fashion-MNIST (Debian dataset-fashion-mnist)', () => {
  it('has 60,000 + 10,000 images with the published first labels and pixel sums', async () => {
    const d = await loadFashionMnist({ id: 'fashion-mnist' });
    expect(d).toMatchObject({ size: 70_000, shape: [28, 28, 1], splits: { train: 60_000, test: 10_000 }, source: FASHION_MNIST_DEFAULT_PATH });
    const counts = new Array(10).fill(0);
    for (const label of d.labels) counts[label]++;
    expect(counts).toEqual(new Array(10).fill(7000));
    expect(Array.from(d.labels.subarray(0, 5))).toEqual([9, 0, 0, 3, 0]);
    expect(Array.from(d.labels.subarray(60_000, 60_005))).toEqual([9, 2, 1, 1, 6]);
    // sums computed independently with numpy from the same .gz files
    const sum = (from: number, to: number) => sumOf(d.features.subarray(from, to));
    expect(sum(0, 784)).toBe(76_247);
    expect(sum(60_000 * 784, 60_001 * 784)).toBe(33_456);
    expect(sum(0, d.features.length)).toBe(3_431_114_169 + 573_469_082);
  });
});
if (!fs.existsSync(FASHION_MNIST_DEFAULT_PATH)) console.info(`skipping the real Fashion-MNIST test: ${FASHION_MNIST_DEFAULT_PATH} is absent`);

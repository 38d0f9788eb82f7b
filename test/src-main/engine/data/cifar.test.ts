import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCifar10, loadCifar100 } from '../../../../src-main/engine/data/cifar';
import { DatasetError } from '../../../../src-main/engine/data/errors';
import { buildTar, buildTgz, type TarFixtureEntry } from '../../../src-main/io/tar-fixture';
import { encodeCifar, patternImage, put, rejection, tempDir } from './fixtures';

const root = tempDir('cifar');
const CIFAR10_NAMES = 'airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n';

/** CIFAR-10 batches: data_batch_k holds k images (labels k-1, k), test_batch holds 2. Image seeds run 0, 1, 2, … in load order. */
function cifar10Entries(prefix = 'cifar-10-batches-bin/'): TarFixtureEntry[] {
  const entries: TarFixtureEntry[] = [{ name: prefix }];
  let seed = 0;
  for (let k = 1; k <= 5; k++) {
    const images = Array.from({ length: k }, () => patternImage(seed++));
    entries.push({ name: `${prefix}data_batch_${k}.bin`, data: encodeCifar(images, images.map((_, i) => (k + i) % 10)) });
  }
  entries.push({ name: `${prefix}test_batch.bin`, data: encodeCifar([patternImage(seed++), patternImage(seed++)], [9, 0]) });
  entries.push({ name: `${prefix}batches.meta.txt`, data: CIFAR10_NAMES });
  return entries;
}

function writeFolder(dir: string, entries: TarFixtureEntry[]): string {
  for (const entry of entries) if (entry.data !== undefined) put(dir, entry.name, entry.data);
  return dir;
}

const EXPECTED_LABELS = [1, 2, 3, 3, 4, 5, 4, 5, 6, 7, 5, 6, 7, 8, 9, 9, 0];

function checkCifar10(d: Awaited<ReturnType<typeof loadCifar10>>): void {
  expect(d).toMatchObject({ id: 'cifar10', kind: 'image', shape: [32, 32, 3], size: 17, numClasses: 10, splits: { train: 15, test: 2 }, scale: 1 / 255 });
  expect(Array.from(d.labels)).toEqual(EXPECTED_LABELS);
  expect(d.classNames[1]).toBe('automobile');
  expect(d.features).toBeInstanceOf(Uint8Array);
  // HWC: pixel p of channel c of image s is (s + 7p + 101c) mod 256
  for (const [s, p, c] of [[0, 0, 0], [0, 1, 2], [7, 1023, 1], [16, 500, 2]] as const) {
    expect(d.features[s * 3072 + 3 * p + c]).toBe((s + 7 * p + 101 * c) % 256);
  }
}

describe('CIFAR-10', () => {
  it('reads the extracted folder (or its parent) and the .tar.gz, with equal fingerprints', async () => {
    const parent = writeFolder(path.join(root, 'c10'), cifar10Entries());
    const fromParent = await loadCifar10({ id: 'cifar10', path: parent });
    checkCifar10(fromParent);
    const fromFolder = await loadCifar10({ id: 'cifar10', path: path.join(parent, 'cifar-10-batches-bin') });
    const archive = put(root, 'cifar-10-binary.tar.gz', buildTgz([...cifar10Entries()].reverse()));
    const fromArchive = await loadCifar10({ id: 'cifar10', path: archive });
    checkCifar10(fromArchive);
    expect(fromArchive.source).toBe(archive);
    expect(fromFolder.fingerprint).toBe(fromParent.fingerprint);
    expect(fromArchive.fingerprint).toBe(fromParent.fingerprint);
  });

  it('falls back to the built-in class names without batches.meta.txt', async () => {
    const entries = cifar10Entries('').filter((e) => e.name !== 'batches.meta.txt');
    const d = await loadCifar10({ id: 'cifar10', path: put(root, 'nometa.tar', buildTar(entries)) });
    expect(d.classNames).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
  });

  it('a truncated batch names the file and the offset of the partial record', async () => {
    const dir = writeFolder(path.join(root, 'c10-trunc'), cifar10Entries(''));
    const file = path.join(dir, 'data_batch_3.bin');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 3073 * 2 + 100));
    const error = await rejection(loadCifar10({ id: 'cifar10', path: dir }));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ file, offset: 6146, found: '100 bytes left over (truncated?)' });
  });

  it('a label out of range names the record and its label byte', async () => {
    const entries = cifar10Entries('');
    entries[2] = { name: 'data_batch_2.bin', data: encodeCifar([patternImage(0), patternImage(1)], [1, 12]) };
    const archive = put(root, 'badlabel.tgz', buildTgz(entries));
    const error = await rejection(loadCifar10({ id: 'cifar10', path: archive }));
    expect(error).toMatchObject({ file: `${archive}:data_batch_2.bin`, offset: 3073, expected: 'a label 0..9 (record 1)', found: '12' });
  });

  it('missing batches, in a folder and in an archive', async () => {
    const dir = writeFolder(path.join(root, 'c10-missing'), cifar10Entries(''));
    fs.rmSync(path.join(dir, 'test_batch.bin'));
    const error = await rejection(loadCifar10({ id: 'cifar10', path: dir }));
    expect(error).toMatchObject({ file: path.join(dir, 'test_batch.bin'), found: 'no such file' });
    const archive = put(root, 'partial.tgz', buildTgz(cifar10Entries('').filter((e) => !e.name.startsWith('data_batch_4'))));
    const archiveError = await rejection(loadCifar10({ id: 'cifar10', path: archive }));
    expect(archiveError).toMatchObject({ file: archive, found: 'no data_batch_4.bin' });
    const twice = put(root, 'twice.tgz', buildTgz([...cifar10Entries(''), { name: 'copy/data_batch_1.bin', data: encodeCifar([patternImage(0)], [1]) }]));
    expect(await rejection(loadCifar10({ id: 'cifar10', path: twice }))).toMatchObject({ expected: 'one data_batch_1.bin in the archive', found: 'a second one, copy/data_batch_1.bin' });
  });

  it('a corrupt archive and a missing path', async () => {
    const good = buildTgz(cifar10Entries(''));
    const cut = put(root, 'cut.tgz', good.subarray(0, good.length >> 1));
    const error = await rejection(loadCifar10({ id: 'cifar10', path: cut }));
    expect(error).toBeInstanceOf(DatasetError);
    expect(error.message).toMatch(/cut\.tgz: expected a CIFAR-10 binary tar archive, found unexpected end of file/);
    const notTar = put(root, 'x.tgz', zlib.gzipSync(Buffer.alloc(2048, 1)));
    await expect(loadCifar10({ id: 'cifar10', path: notTar })).rejects.toThrow(/x\.tgz, byte 0: expected a tar header whose checksum field matches its bytes \(\d+\), found .* \(not a tar archive, or corrupt\)$/);
    await expect(loadCifar10({ id: 'cifar10' })).rejects.toThrow(/expected spec\.path: the CIFAR-10 binary archive/);
  });
});

describe('CIFAR-100', () => {
  const fine = Array.from({ length: 100 }, (_, i) => `fine${i}`).join('\n');
  const coarse = Array.from({ length: 20 }, (_, i) => `coarse${i}`).join('\n');
  const entries: TarFixtureEntry[] = [
    { name: 'cifar-100-binary/train.bin', data: encodeCifar([patternImage(0), patternImage(1), patternImage(2)], [[3, 77], [19, 99], [0, 0]]) },
    { name: 'cifar-100-binary/test.bin', data: encodeCifar([patternImage(3)], [[5, 42]]) },
    { name: 'cifar-100-binary/fine_label_names.txt', data: fine },
    { name: 'cifar-100-binary/coarse_label_names.txt', data: coarse },
  ];

  it('fine labels by default, coarse on request, from the folder and the archive', async () => {
    const dir = writeFolder(path.join(root, 'c100'), entries);
    const archive = put(root, 'cifar-100-binary.tar.gz', buildTgz(entries));
    for (const source of [dir, archive]) {
      const d = await loadCifar100({ id: 'cifar100', path: source });
      expect(d).toMatchObject({ size: 4, numClasses: 100, splits: { train: 3, test: 1 } });
      expect(Array.from(d.labels)).toEqual([77, 99, 0, 42]);
      expect(d.classNames[77]).toBe('fine77');
      expect(d.features[3 * 3072 + 3 * 5 + 1]).toBe((3 + 35 + 101) % 256);
      const c = await loadCifar100({ id: 'cifar100', path: source, options: { labels: 'coarse' } });
      expect(c.numClasses).toBe(20);
      expect(Array.from(c.labels)).toEqual([3, 19, 0, 5]);
      expect(c.classNames[19]).toBe('coarse19');
    }
  });

  it('a fine label of 100 is out of range; a bad option is refused', async () => {
    const bad = [{ ...entries[0]!, data: encodeCifar([patternImage(0)], [[1, 100]]) }, ...entries.slice(1)];
    const archive = put(root, 'bad100.tgz', buildTgz(bad));
    const error = await rejection(loadCifar100({ id: 'cifar100', path: archive }));
    expect(error).toMatchObject({ offset: 1, expected: 'a label 0..99 (record 0)', found: '100' });
    await expect(loadCifar100({ id: 'cifar100', path: archive, options: { labels: 'medium' } })).rejects.toThrow(/option labels/);
  });
});

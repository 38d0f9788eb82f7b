import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { CorruptDataError } from '../../../src-main/store/errors';
import { decodeWeights, encodeWeights, readWeightsFile, WEIGHTS_MAGIC, writeWeightsFile, type WeightsData } from '../../../src-main/store/weights-file';
import { floats, tempDataDir } from './store-fixtures';

const { dir, cleanup } = tempDataDir('mnemo-weights-');
afterAll(cleanup);

const sample: WeightsData = {
  names: ['conv1/kernel', 'conv1/bias', 'bn/moving_mean'],
  shapes: [[3, 3, 1, 4], [4], []],
  values: [floats(36, 1), Float32Array.of(0.1, -0, NaN, Infinity), Float32Array.of(2.5)],
};

const weightsArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { maxLength: 5 })
  .chain((names) =>
    fc.tuple(
      fc.constant(names),
      fc.tuple(...names.map(() => fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }))),
    ),
  )
  .chain(([names, shapes]) =>
    fc.tuple(
      fc.constant(names),
      fc.constant(shapes as number[][]),
      fc.tuple(...(shapes as number[][]).map((s) => fc.float32Array({ minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }))),
    ),
  )
  .map(([names, shapes, values]) => ({ names, shapes, values: values as Float32Array[] }));

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('weights file format', () => {
  it('lays out magic, version, a padded JSON header and 16-byte-aligned float32 data', () => {
    const bytes = encodeWeights(sample);
    expect(bytes.toString('latin1', 0, 8)).toBe(WEIGHTS_MAGIC);
    expect(bytes.readUInt32LE(8)).toBe(1);
    const headerBytes = bytes.readUInt32LE(12);
    expect((16 + headerBytes) % 16).toBe(0);
    expect(JSON.parse(bytes.toString('utf8', 16, 16 + headerBytes))).toEqual({
      dtype: 'float32',
      byteOrder: 'little',
      tensors: [
        { name: 'conv1/kernel', shape: [3, 3, 1, 4] },
        { name: 'conv1/bias', shape: [4] },
        { name: 'bn/moving_mean', shape: [] },
      ],
    });
    expect(bytes.length).toBe(16 + headerBytes + 4 * (36 + 4 + 1));
    expect(bytes.readFloatLE(16 + headerBytes + 4 * 36)).toBeCloseTo(0.1, 7);
  });

  it('round-trips any weights bit for bit', () => {
    fc.assert(
      fc.property(weightsArb, (weights) => {
        const back = decodeWeights(encodeWeights(weights), 'w');
        expect(back.names).toEqual(weights.names);
        expect(back.shapes).toEqual(weights.shapes);
        back.values.forEach((v, i) => expect(sameBits(v, weights.values[i]!)).toBe(true));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses inconsistent weights before writing', () => {
    expect(() => encodeWeights({ names: ['a'], shapes: [[2, 2]], values: [new Float32Array(3)] })).toThrow('weight "a" has shape [2,2] but 3 values');
    expect(() => encodeWeights({ names: ['a', 'a'], shapes: [[1], [1]], values: [new Float32Array(1), new Float32Array(1)] })).toThrow('weight "a" appears twice');
    expect(() => encodeWeights({ names: ['a'], shapes: [], values: [] })).toThrow('1 names, 0 shapes');
  });

  it('names the file and the fault when decoding damaged bytes', () => {
    const good = encodeWeights(sample);
    expect(() => decodeWeights(Buffer.from('not weights at all'), 'x.weights')).toThrow('x.weights is not a Mnemo weights file');
    const versioned = Buffer.from(good);
    versioned.writeUInt32LE(7, 8);
    expect(() => decodeWeights(versioned, 'x.weights')).toThrow('x.weights has weights format version 7; this Mnemo reads version 1');
    expect(() => decodeWeights(good.subarray(0, good.length - 4), 'x.weights')).toThrow(/x\.weights has \d+ bytes; its header describes \d+/);
    const badHeader = Buffer.from(good);
    badHeader.write('{', 16 + 5);
    expect(() => decodeWeights(badHeader, 'x.weights')).toThrow(CorruptDataError);
  });
});

describe('writeWeightsFile / readWeightsFile', () => {
  it('writes atomically into new folders, leaves no temporary, and reports size and SHA-256', async () => {
    const file = path.join(dir, 'weights', 'study-1', '0.weights');
    const written = await writeWeightsFile(file, sample);
    const bytes = fs.readFileSync(file);
    expect(written.bytes).toBe(bytes.length);
    expect(written.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['0.weights']);
    const back = await readWeightsFile(file, written);
    expect(back.names).toEqual(sample.names);
    back.values.forEach((v, i) => expect(sameBits(v, sample.values[i]!)).toBe(true));
  });

  it('replaces an existing file whole', async () => {
    const file = path.join(dir, 'replace.weights');
    await writeWeightsFile(file, sample);
    const other = { names: ['w'], shapes: [[2]], values: [Float32Array.of(1, 2)] };
    const written = await writeWeightsFile(file, other);
    expect((await readWeightsFile(file, written)).values[0]).toEqual(Float32Array.of(1, 2));
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('replace'))).toEqual(['replace.weights']);
  });

  it('names the file when it is missing, resized or its hash differs', async () => {
    const file = path.join(dir, 'check.weights');
    const written = await writeWeightsFile(file, sample);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expect(readWeightsFile(file, written)).rejects.toThrow(`the weights file ${file} is damaged: its SHA-256 is`);
    await expect(readWeightsFile(file, { ...written, bytes: written.bytes + 1 })).rejects.toThrow(`the weights file ${file} has ${written.bytes} bytes; the database recorded ${written.bytes + 1}`);
    await expect(readWeightsFile(path.join(dir, 'gone.weights'), written)).rejects.toThrow(`the weights file ${path.join(dir, 'gone.weights')} is missing`);
  });

  it('removes its temporary file when the write fails', async () => {
    const folder = path.join(dir, 'blocked');
    fs.mkdirSync(folder);
    // A directory where the file should go makes the final rename fail.
    fs.mkdirSync(path.join(folder, '0.weights'));
    fs.writeFileSync(path.join(folder, '0.weights', 'x'), '');
    await expect(writeWeightsFile(path.join(folder, '0.weights'), sample)).rejects.toThrow();
    expect(fs.readdirSync(folder)).toEqual(['0.weights']);
  });
});

/** Test helpers: temporary folders and tiny files in the real dataset formats. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mnemo-${prefix}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `data` to dir/name (creating folders) and returns the path. */
export function put(dir: string, name: string, data: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

/** An unsigned-byte idx file: big-endian magic 0x000008NN, sizes, then the bytes. */
export function encodeIdx(dims: readonly number[], data: Uint8Array, magic = 0x0800 + dims.length): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, data]);
}

/**
 * CIFAR binary records for images given in HWC order: label byte(s), then the R, G and B planes.
 * Args: `labels[i]` is one label (CIFAR-10) or [coarse, fine] (CIFAR-100).
 */
export function encodeCifar(imagesHwc: Uint8Array[], labels: Array<number | [number, number]>): Buffer {
  const parts: Buffer[] = [];
  imagesHwc.forEach((image, i) => {
    const label = labels[i] as number | [number, number];
    parts.push(Buffer.from(Array.isArray(label) ? label : [label]));
    const planes = Buffer.alloc(3072);
    for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) planes[c * 1024 + p] = image[3 * p + c] as number;
    parts.push(planes);
  });
  return Buffer.concat(parts);
}

/** A 32×32×3 image whose pixel (p, c) is (seed + 7p + 101c) mod 256. */
export function patternImage(seed: number): Uint8Array {
  const image = new Uint8Array(3072);
  for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) image[3 * p + c] = (seed + 7 * p + 101 * c) % 256;
  return image;
}

/** Deterministic pseudo-random 0/1 rows for the binary tabular fixtures. */
export function binaryRows(rows: number, width: number, salt = 0): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: width }, (_, c) => ((r * 31 + c * 17 + salt) % 5 === 0 ? 1 : 0)));
}

/** Expects `promise` to reject with a DatasetError-like object having these fields. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

/** The sum of a feature array's values (as float64). */
export function sumOf(values: Uint8Array | Float32Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

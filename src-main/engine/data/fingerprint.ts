/**
 * Content fingerprints of datasets: sha256 over a canonical header (shape, numClasses, size, dtype;
 * not the id, name or source), then the labels' bytes, then the features' bytes. The same samples
 * in the same order fingerprint equally whatever file they came from; any changed pixel, label or
 * order changes it. Typed arrays are hashed as raw little-endian bytes (no per-element work).
 */
import { createHash } from 'node:crypto';
import type { Dataset } from './types';

export type FingerprintInput = Pick<Dataset, 'shape' | 'numClasses' | 'size' | 'labels' | 'features'>;

function bytesOf(array: ArrayBufferView): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Returns 'sha256:<hex>' for the dataset's content. */
export function fingerprintDataset(data: FingerprintInput): string {
  const dtype = data.features instanceof Uint8Array ? 'uint8' : 'float32';
  const { shape, numClasses, size } = data;
  const header = JSON.stringify({ format: 'mnemo-dataset/1', shape, numClasses, size, dtype, labels: 'uint16le' });
  const hash = createHash('sha256');
  hash.update(`${header}\n`);
  hash.update(bytesOf(data.labels));
  hash.update(bytesOf(data.features));
  return `sha256:${hash.digest('hex')}`;
}

/** The convolution geometries both conv-gradient kernel tests sweep, and the dy shape of each. */
import { backend_util } from '@tensorflow/tfjs-core';

export interface ConvCase {
  label: string;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
  dyShape: number[];
}

const filters: Array<[number, number]> = [[3, 3], [5, 5], [4, 4], [1, 1], [2, 3]];
const strides: Array<[number, number]> = [[1, 1], [2, 2], [3, 3], [2, 1]];
const pads: ConvCase['pad'][] = ['same', 'valid', [[0, 0], [1, 2], [0, 1], [0, 0]]];

/** Odd input sizes (7×9), batch 2, 3 → 4 channels, over every filter, stride and padding above. */
export function convCases(): ConvCase[] {
  const cases: ConvCase[] = [];
  const xShape: ConvCase['xShape'] = [2, 7, 9, 3];
  for (const [kh, kw] of filters) {
    for (const s of strides) {
      for (const pad of pads) {
        const filterShape: ConvCase['filterShape'] = [kh, kw, 3, 4];
        const info = backend_util.computeConv2DInfo(xShape, filterShape, s, 1, pad);
        if (info.outHeight <= 0 || info.outWidth <= 0) continue;
        const padLabel = typeof pad === 'string' ? pad : 'explicit';
        cases.push({ label: `${kh}×${kw} filter, stride ${s.join('×')}, ${padLabel}`, xShape, filterShape, strides: s, pad, dyShape: info.outShape });
      }
    }
  }
  return cases;
}

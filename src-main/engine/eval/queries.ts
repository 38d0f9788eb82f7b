/**
 * Query augmentations: the views of each sample under which a trained model's outputs are stored
 * for the attacks (SCIENCE.md §3.4, §6.3). All are deterministic, so target and shadow models see
 * exactly the same queries.
 */
import type { QueriesConfig } from '../../../src-shared/config/evaluation';

export type Query =
  | { kind: 'identity' }
  /** Shift by (dx, dy) pixels, optionally after a horizontal flip, filling with zeros or the nearest edge. */
  | { kind: 'shift'; dx: number; dy: number; flip: boolean; fill: 'zero' | 'edge' }
  /** Rotation about the centre by `degrees`, nearest-neighbour sampling, nearest-edge fill. */
  | { kind: 'rotate'; degrees: number };

export const IDENTITY: Query = { kind: 'identity' };

/** A short stable name, e.g. "shift(+1,0)" or "mirror". */
export function queryName(query: Query): string {
  if (query.kind === 'identity') return 'identity';
  if (query.kind === 'rotate') return `rotate(${query.degrees}°)`;
  if (query.dx === 0 && query.dy === 0) return query.flip ? 'mirror' : 'identity';
  const sign = (v: number) => (v > 0 ? `+${v}` : `${v}`);
  return `${query.flip ? 'mirror+' : ''}shift(${sign(query.dx)},${sign(query.dy)})`;
}

/** The attack queries of a study (LiRA, RMIA). */
export function attackQueries(config: QueriesConfig, kind: 'image' | 'tabular'): Query[] {
  const preset = config.preset === 'auto' ? (kind === 'image' ? 'mirror' : 'identity') : config.preset;
  if (preset === 'identity') return [IDENTITY];
  if (preset === 'mirror') return [IDENTITY, { kind: 'shift', dx: 0, dy: 0, flip: true, fill: 'zero' }];
  // DeMem: FiveCrop(size) of the 4-pixel zero-padded image (corners and centre) × {identity, flip}.
  const offsets: Array<[number, number]> = [[0, 0], [-4, -4], [-4, 4], [4, -4], [4, 4]];
  return [false, true].flatMap((flip) => offsets.map(([dx, dy]) => ({ kind: 'shift' as const, dx, dy, flip, fill: 'zero' as const })));
}

/**
 * Label-only queries (Choquette-Choo et al. 2021): the 4d+1 shifts {(0,0)} ∪ {|dx|+|dy| = d} with
 * nearest-edge fill, and the 2r+1 rotations −r…r degrees.
 */
export function labelOnlyQueries(translation: number, rotation: number): Query[] {
  const queries: Query[] = [];
  if (translation > 0) {
    queries.push(IDENTITY);
    for (let dx = -translation; dx <= translation; dx++) {
      const rest = translation - Math.abs(dx);
      for (const dy of rest === 0 ? [0] : [-rest, rest]) queries.push({ kind: 'shift', dx, dy, flip: false, fill: 'edge' });
    }
  }
  if (rotation > 0) for (let deg = -rotation; deg <= rotation; deg++) if (deg !== 0 || translation === 0) queries.push({ kind: 'rotate', degrees: deg });
  return queries;
}

/**
 * Applies a query to a batch of HWC images in place of `out` (same length as `x`). Output pixel (r, c)
 * reads input (r + dy, c + dx) of the (optionally flipped) image.
 */
export function applyQuery(query: Query, x: Float32Array, out: Float32Array, count: number, shape: number[]): void {
  if (query.kind === 'identity') {
    out.set(x);
    return;
  }
  const [height, width, channels] = shape as [number, number, number];
  const size = height * width * channels;
  const clampR = (r: number) => Math.min(height - 1, Math.max(0, r));
  const clampC = (c: number) => Math.min(width - 1, Math.max(0, c));
  const cos = query.kind === 'rotate' ? Math.cos((query.degrees * Math.PI) / 180) : 1;
  const sin = query.kind === 'rotate' ? Math.sin((query.degrees * Math.PI) / 180) : 0;
  const cy = (height - 1) / 2;
  const cx = (width - 1) / 2;
  for (let b = 0; b < count; b++) {
    const base = b * size;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        let sr: number;
        let sc: number;
        let outside = false;
        if (query.kind === 'shift') {
          sr = r + query.dy;
          sc = (query.flip ? width - 1 - c : c) + query.dx;
          outside = sr < 0 || sr >= height || sc < 0 || sc >= width;
          if (outside && query.fill === 'edge') {
            sr = clampR(sr);
            sc = clampC(sc);
            outside = false;
          }
        } else {
          // Inverse rotation: where does output (r, c) come from?
          sr = clampR(Math.round(cy + (r - cy) * cos - (c - cx) * sin));
          sc = clampC(Math.round(cx + (r - cy) * sin + (c - cx) * cos));
        }
        const dst = base + (r * width + c) * channels;
        const src = base + (sr * width + sc) * channels;
        for (let k = 0; k < channels; k++) out[dst + k] = outside ? 0 : x[src + k]!;
      }
    }
  }
}

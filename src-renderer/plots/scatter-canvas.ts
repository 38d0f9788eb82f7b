/**
 * Drawing a large point cloud on a canvas: one square per point, batched by colour (one fillStyle
 * change per group), in device pixels so points stay crisp on high-DPI screens.
 */
import type { Affine } from './quadtree';

/** The part of CanvasRenderingContext2D this needs (kept structural so it can be tested without a DOM). */
export interface PointContext {
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillStyle: unknown;
  globalAlpha: number;
}

export interface ScatterLayer {
  /** Point numbers in this layer, drawn in order; later layers draw on top. */
  indices: ArrayLike<number>;
  color: string;
  alpha?: number;
}

/**
 * Clears the canvas and draws each layer's points as `size`-pixel squares centred on their position.
 * Args: ctx — the 2D context of a canvas of cssWidth·dpr × cssHeight·dpr device pixels; xs, ys —
 *   data coordinates (non-finite points are skipped); x, y — affine maps from data to CSS pixels.
 * Returns: the number of points drawn.
 */
export function drawPoints(
  ctx: PointContext,
  size: { width: number; height: number; dpr: number },
  xs: ArrayLike<number | null>,
  ys: ArrayLike<number | null>,
  x: Affine,
  y: Affine,
  layers: readonly ScatterLayer[],
  pointSize = 2.5,
): number {
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  const half = pointSize / 2;
  let drawn = 0;
  for (const layer of layers) {
    ctx.fillStyle = layer.color;
    ctx.globalAlpha = layer.alpha ?? 0.7;
    const { indices } = layer;
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k]!;
      const vx = xs[i];
      const vy = ys[i];
      if (typeof vx !== 'number' || typeof vy !== 'number' || !Number.isFinite(vx) || !Number.isFinite(vy)) continue;
      ctx.fillRect(x.a * vx + x.b - half, y.a * vy + y.b - half, pointSize, pointSize);
      drawn++;
    }
  }
  ctx.globalAlpha = 1;
  return drawn;
}

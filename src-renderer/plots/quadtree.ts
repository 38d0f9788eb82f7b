/**
 * Hover lookup for large point clouds: a d3 quadtree over the points in data space, searched in
 * pixel space. Linear scales map each axis affinely (pixel = a·value + b, with a possibly negative
 * for a y axis that grows downwards), so a node's data-space box maps to a pixel box and the search
 * can prune every box farther than the best point found so far. The tree is built once per data set
 * and survives resizes and zooms; only the two affine maps change.
 */
import { quadtree, type Quadtree, type QuadtreeLeaf } from 'd3-quadtree';

/** pixel = a · value + b. */
export interface Affine {
  a: number;
  b: number;
}

/** The affine map of a linear scale from its domain and range ends. @throws when the domain is empty. */
export function affineOf(domain: readonly [number, number], range: readonly [number, number]): Affine {
  const span = domain[1] - domain[0];
  if (!(span !== 0 && Number.isFinite(span))) throw new RangeError(`affineOf: the domain [${domain[0]}, ${domain[1]}] has no width`);
  const a = (range[1] - range[0]) / span;
  return { a, b: range[0] - a * domain[0] };
}

export interface PointIndex {
  tree: Quadtree<number>;
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Points with a finite x and y (the others are never found). */
  size: number;
}

/**
 * Indexes the points (i, xs[i], ys[i]); points with a missing or non-finite coordinate are left out.
 * Returns: the index, whose tree holds point numbers.
 */
export function buildPointIndex(xs: ArrayLike<number | null>, ys: ArrayLike<number | null>): PointIndex {
  if (xs.length !== ys.length) throw new RangeError(`buildPointIndex: ${xs.length} x values but ${ys.length} y values`);
  const kept: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const y = ys[i];
    if (typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) kept.push(i);
  }
  const numeric = (values: ArrayLike<number | null>): ArrayLike<number> => values as ArrayLike<number>;
  const x = numeric(xs);
  const y = numeric(ys);
  const tree = quadtree<number>()
    .x((i) => x[i]!)
    .y((i) => y[i]!)
    .addAll(kept);
  return { tree, xs: x, ys: y, size: kept.length };
}

/**
 * The point nearest to the pixel (px, py) within `radius` pixels, in the pixel metric of the given
 * affine axis maps; ties go to the lowest point number (as a brute-force scan in index order would).
 * Returns: the point number, or −1 when no point lies within the radius.
 */
export function nearestWithin(index: PointIndex, px: number, py: number, x: Affine, y: Affine, radius: number): number {
  let best = -1;
  let bestD2 = radius * radius;
  const { xs, ys } = index;
  index.tree.visit((node, x0, y0, x1, y1) => {
    const u0 = x.a * x0 + x.b;
    const u1 = x.a * x1 + x.b;
    const v0 = y.a * y0 + y.b;
    const v1 = y.a * y1 + y.b;
    const dx = px < Math.min(u0, u1) ? Math.min(u0, u1) - px : px > Math.max(u0, u1) ? px - Math.max(u0, u1) : 0;
    const dy = py < Math.min(v0, v1) ? Math.min(v0, v1) - py : py > Math.max(v0, v1) ? py - Math.max(v0, v1) : 0;
    // Strictly farther boxes cannot hold a closer or equally close point.
    if (dx * dx + dy * dy > bestD2) return true;
    if (!node.length) {
      let leaf: QuadtreeLeaf<number> | undefined = node as QuadtreeLeaf<number>;
      do {
        const i = leaf.data;
        const ex = x.a * xs[i]! + x.b - px;
        const ey = y.a * ys[i]! + y.b - py;
        const d2 = ex * ex + ey * ey;
        if (d2 < bestD2 || (d2 === bestD2 && (best < 0 || i < best))) {
          best = i;
          bestD2 = d2;
        }
        leaf = leaf.next;
      } while (leaf);
    }
    return false;
  });
  return best;
}

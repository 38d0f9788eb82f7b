/**
 * The Pareto frontier of privacy against utility: the studies no other study beats on both, where
 * lower privacy leakage (TPR, AUC, ε) and higher utility (accuracy) are better.
 */

export interface ParetoPoint {
  id: string;
  /** Leakage: lower is better. */
  privacy: number;
  /** Utility: higher is better. */
  utility: number;
}

/** Whether `a` dominates `b`: no worse on both axes and strictly better on one. */
export function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  return a.privacy <= b.privacy && a.utility >= b.utility && (a.privacy < b.privacy || a.utility > b.utility);
}

/**
 * The ids of the non-dominated points, ordered by privacy (ascending), then utility (descending),
 * then input order. Points with a non-finite coordinate take no part. Exact duplicates of a
 * frontier point are on the frontier too (neither dominates the other); a point tied with a
 * frontier point on one axis and worse on the other is not.
 * O(n log n): a sweep by increasing leakage keeps the best utility seen so far.
 */
export function paretoFrontier(points: readonly ParetoPoint[]): string[] {
  const finite = points
    .map((p, index) => ({ ...p, index }))
    .filter((p) => Number.isFinite(p.privacy) && Number.isFinite(p.utility))
    .sort((a, b) => a.privacy - b.privacy || b.utility - a.utility || a.index - b.index);
  const frontier: string[] = [];
  let best = -Infinity;
  for (let i = 0; i < finite.length; ) {
    // Points with the same leakage: only those with the group's top utility can be on the frontier,
    // and only when it beats every point with less leakage.
    let j = i;
    while (j < finite.length && finite[j]!.privacy === finite[i]!.privacy) j++;
    const top = finite[i]!.utility;
    if (top > best) {
      for (let k = i; k < j && finite[k]!.utility === top; k++) frontier.push(finite[k]!.id);
      best = top;
    }
    i = j;
  }
  return frontier;
}

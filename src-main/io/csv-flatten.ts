/** Nested objects (study configs, summaries, metrics) as flat dot-path columns. */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/**
 * Flattens `value` into `out` under dot paths: `{ training: { optimizer: { lr } } }` →
 * `training.optimizer.lr`. Arrays and empty objects are leaves (written as JSON text).
 * Args: `prefix` is prepended to every path ('' for none).
 */
export function flatten(value: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

/** The union of the rows' keys, in order of first appearance. */
export function unionKeys(rows: Iterable<Map<string, unknown>>): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of row.keys()) keys.add(key);
  return [...keys];
}

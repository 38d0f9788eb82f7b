/**
 * A table's layout as the user left it (column order, hidden columns, widths, sort), kept in
 * localStorage. What is read back is checked against today's columns: unknown ids are dropped and
 * columns added since are placed at their default position, so an old layout never breaks a table.
 */
import type { Column, SortKey } from './table-model';

export interface TableLayout {
  order: string[];
  hidden: string[];
  widths: Record<string, number>;
  sort: SortKey[];
}

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 900;

/** The layout of a table nobody has touched. */
export function defaultLayout<Row>(columns: ReadonlyArray<Column<Row>>, sort: SortKey[] = []): TableLayout {
  return { order: columns.map((c) => c.id), hidden: columns.filter((c) => c.hiddenByDefault).map((c) => c.id), widths: {}, sort };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A stored layout made valid for `columns`; anything unreadable falls back to the default.
 * Columns missing from the stored order are inserted after the column that precedes them by default.
 */
export function normaliseLayout<Row>(raw: unknown, columns: ReadonlyArray<Column<Row>>, fallbackSort: SortKey[] = []): TableLayout {
  const base = defaultLayout(columns, fallbackSort);
  if (!isRecord(raw)) return base;
  const known = new Set(columns.map((c) => c.id));
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && known.has(x)) : []);

  const order = [...new Set(strings(raw.order))];
  if (order.length === 0) order.push(...base.order);
  base.order.forEach((id, i) => {
    if (order.includes(id)) return;
    const before = base.order.slice(0, i).reverse().find((b) => order.includes(b));
    order.splice(before === undefined ? 0 : order.indexOf(before) + 1, 0, id);
  });

  const storedHidden = Array.isArray(raw.hidden) ? new Set(strings(raw.hidden)) : null;
  // A column added since the layout was saved takes its default visibility.
  const savedIds = new Set(strings(raw.order));
  const hidden = columns.filter((c) => (savedIds.has(c.id) && storedHidden ? storedHidden.has(c.id) : c.hiddenByDefault)).map((c) => c.id);

  const widths: Record<string, number> = {};
  if (isRecord(raw.widths)) {
    for (const [id, w] of Object.entries(raw.widths)) {
      if (known.has(id) && typeof w === 'number' && Number.isFinite(w)) widths[id] = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(w)));
    }
  }

  const sort = Array.isArray(raw.sort)
    ? raw.sort.flatMap((k): SortKey[] => (isRecord(k) && typeof k.id === 'string' && known.has(k.id) && (k.dir === 'asc' || k.dir === 'desc') ? [{ id: k.id, dir: k.dir }] : []))
    : base.sort;
  return { order, hidden, widths, sort };
}

/** The layout stored under `key`, made valid for the columns. */
export function loadLayout<Row>(storage: { getItem(key: string): string | null }, key: string, columns: ReadonlyArray<Column<Row>>, fallbackSort: SortKey[] = []): TableLayout {
  let raw: unknown = null;
  try {
    raw = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    raw = null;
  }
  return normaliseLayout(raw, columns, fallbackSort);
}

/** Stores the layout under `key` (a full or blocked storage is not an error worth showing). */
export function saveLayout(storage: { setItem(key: string, value: string): void }, key: string, layout: TableLayout): void {
  try {
    storage.setItem(key, JSON.stringify(layout));
  } catch {
    // Private windows and full quotas refuse writes; the table keeps working unremembered.
  }
}

/** The visible columns in the layout's order. */
export function visibleColumns<Row>(columns: ReadonlyArray<Column<Row>>, layout: TableLayout): Array<Column<Row>> {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const hidden = new Set(layout.hidden);
  return layout.order.flatMap((id) => {
    const column = byId.get(id);
    return column && !hidden.has(id) ? [column] : [];
  });
}

/** The order with column `id` moved to just before `beforeId` (or to the end when null). */
export function moveColumn(order: readonly string[], id: string, beforeId: string | null): string[] {
  if (id === beforeId) return [...order];
  const rest = order.filter((x) => x !== id);
  const at = beforeId === null ? rest.length : rest.indexOf(beforeId);
  rest.splice(at < 0 ? rest.length : at, 0, id);
  return rest;
}

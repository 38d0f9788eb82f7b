/**
 * The data side of a table: column definitions, multi-key sorting, per-column filters and a text
 * search. Pure functions over rows, so they are tested without a DOM and stay fast for thousands
 * of rows (each row's sort value and text are read once per pass).
 */

/** One column: how to read a row for sorting, filtering and display. */
export interface Column<Row> {
  id: string;
  label: string;
  /** What a sort compares: numbers before strings; null (missing) always sorts last. */
  value: (row: Row) => number | string | null;
  /** The cell as text (also what a filter or search matches against). */
  text: (row: Row) => string;
  /** Numeric filters (">0.9", "1..5") compare against this, in the units the cell shows. */
  numeric?: (row: Row) => number | null;
  /** Default width in pixels. */
  width?: number;
  align?: 'left' | 'right';
  /** Hidden until the user shows it. */
  hiddenByDefault?: boolean;
  /** Tooltip of the header (units, definitions). */
  title?: string;
}

export interface SortKey {
  id: string;
  dir: 'asc' | 'desc';
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders two sort values: numbers by value, strings naturally ("run 2" < "run 10"), numbers before strings. */
function compareValues(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return collator.compare(a, b);
}

const isMissing = (v: number | string | null): v is null => v === null || (typeof v === 'number' && Number.isNaN(v));

/**
 * Rows sorted by the keys in order (the first decides, the next break its ties). Stable: rows equal
 * on every key keep their input order. Missing values go last whatever the direction, so a
 * descending sort still shows measured values first.
 */
export function sortRows<Row>(rows: readonly Row[], columns: ReadonlyArray<Column<Row>>, sort: readonly SortKey[]): Row[] {
  const keys = sort.flatMap((key) => {
    const column = columns.find((c) => c.id === key.id);
    return column ? [{ column, sign: key.dir === 'asc' ? 1 : -1 }] : [];
  });
  if (keys.length === 0) return [...rows];
  const decorated = rows.map((row, index) => ({ row, index, values: keys.map((k) => k.column.value(row)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i]!;
      const y = b.values[i]!;
      const missingX = isMissing(x);
      const missingY = isMissing(y);
      if (missingX || missingY) {
        if (missingX && missingY) continue;
        return missingX ? 1 : -1;
      }
      const order = compareValues(x, y);
      if (order !== 0) return order * keys[i]!.sign;
    }
    return a.index - b.index;
  });
  return decorated.map((d) => d.row);
}

/**
 * The sort after a click on a header. A plain click sorts by that column alone (ascending, then
 * descending, then unsorted); with `additive` (shift-click) the column is added as the next key,
 * or its direction toggled, or removed on the third click, keeping the other keys.
 */
export function toggleSort(sort: readonly SortKey[], id: string, additive: boolean): SortKey[] {
  const existing = sort.find((k) => k.id === id);
  const next: SortKey | null = !existing ? { id, dir: 'asc' } : existing.dir === 'asc' ? { id, dir: 'desc' } : null;
  if (!additive) return next ? [next] : [];
  if (!existing) return [...sort, next!];
  return next ? sort.map((k) => (k.id === id ? next : k)) : sort.filter((k) => k.id !== id);
}

/** A parsed filter: a numeric comparison or range, or a case-insensitive substring. */
export type FilterTest =
  | { kind: 'compare'; op: '<' | '<=' | '>' | '>=' | '='; value: number }
  | { kind: 'range'; low: number; high: number }
  | { kind: 'text'; needle: string };

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?`;
const COMPARE = new RegExp(String.raw`^(<=|>=|<|>|=)\s*(${NUMBER})$`, 'i');
const RANGE = new RegExp(String.raw`^(${NUMBER})\s*\.\.\s*(${NUMBER})$`, 'i');

/** Reads a filter as the user typed it: "> 90", "<=0.5", "0.1..0.3", or any text. */
export function parseFilter(input: string): FilterTest | null {
  const text = input.trim();
  if (!text) return null;
  const compare = COMPARE.exec(text);
  if (compare) return { kind: 'compare', op: compare[1] as '<' | '<=' | '>' | '>=' | '=', value: Number(compare[2]) };
  const range = RANGE.exec(text);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    return { kind: 'range', low: Math.min(a, b), high: Math.max(a, b) };
  }
  return { kind: 'text', needle: text.toLowerCase() };
}

/** Whether a cell passes a filter. Numeric tests need a number: a missing value never passes them. */
export function passesFilter(test: FilterTest, text: string, numeric: number | null): boolean {
  switch (test.kind) {
    case 'text':
      return text.toLowerCase().includes(test.needle);
    case 'range':
      return numeric !== null && Number.isFinite(numeric) && numeric >= test.low && numeric <= test.high;
    case 'compare': {
      if (numeric === null || !Number.isFinite(numeric)) return false;
      const v = test.value;
      return test.op === '<' ? numeric < v : test.op === '<=' ? numeric <= v : test.op === '>' ? numeric > v : test.op === '>=' ? numeric >= v : numeric === v;
    }
  }
}

/**
 * Rows that pass every column filter (keyed by column id). A numeric test on a column without
 * numbers falls back to matching the typed text, so "<5" still finds a name containing "<5".
 */
export function filterRows<Row>(rows: readonly Row[], columns: ReadonlyArray<Column<Row>>, filters: Readonly<Record<string, string>>): Row[] {
  const tests = Object.entries(filters).flatMap(([id, text]) => {
    const column = columns.find((c) => c.id === id);
    const parsed = parseFilter(text);
    if (!column || !parsed) return [];
    const test: FilterTest = parsed.kind !== 'text' && !column.numeric ? { kind: 'text', needle: text.trim().toLowerCase() } : parsed;
    return [{ column, test }];
  });
  if (tests.length === 0) return [...rows];
  return rows.filter((row) => tests.every(({ column, test }) => passesFilter(test, column.text(row), column.numeric?.(row) ?? null)));
}

/**
 * Rows whose searchable text contains every word of the query (case-insensitive), so
 * "pgd demem" finds "PGD-AT + DeMem (λ=0.2)".
 */
export function searchRows<Row>(rows: readonly Row[], query: string, haystack: (row: Row) => string): Row[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = haystack(row).toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

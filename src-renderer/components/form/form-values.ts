/**
 * The values behind a generated form: the initial value of each field from the schema's defaults,
 * reading and writing nested values by dotted path, and the text ⇄ value conversions of number
 * and list inputs. Text that does not read as a value is kept as typed, so the server's validation
 * names the field instead of the form silently dropping what the user wrote.
 */
import type { FieldNode, NumberBounds, UnionOption } from './schema-walk';

export type Values = Record<string, unknown>;

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/**
 * A field's starting value: its schema default; nothing for an optional field without one; else
 * the first choice (enums, unions), false, '' or an empty list. Objects are built from their
 * fields when they have no default of their own.
 */
export function initialValue(node: FieldNode, ignoreOptional = false): unknown {
  if (node.hasDefault) return clone(node.defaultValue);
  if (node.optional && !ignoreOptional) return undefined;
  switch (node.kind) {
    case 'object':
      return objectValue(node.children);
    case 'union':
      return node.options[0] ? unionOptionValue(node, node.options[0].value) : undefined;
    case 'enum':
      return node.options[0];
    case 'boolean':
      return false;
    case 'string':
      return '';
    case 'list':
      return [];
    default:
      return undefined;
  }
}

function objectValue(children: FieldNode[]): Values {
  const value: Values = {};
  for (const child of children) {
    const v = initialValue(child);
    if (v !== undefined) value[child.key] = v;
  }
  return value;
}

/** The value of a union switched to `option`: the discriminator and that option's defaults. */
export function unionOptionValue(node: Extract<FieldNode, { kind: 'union' }>, option: string): Values {
  const chosen: UnionOption | undefined = node.options.find((o) => o.value === option);
  if (!chosen) throw new Error(`${node.path || 'the value'} has no option "${option}" (options: ${node.options.map((o) => o.value).join(', ')})`);
  return { [node.discriminator]: option, ...objectValue(chosen.children) };
}

const segments = (path: string): string[] => (path ? path.split('.') : []);

/** The value at a dotted path; undefined when any step is missing. */
export function getAt(root: unknown, path: string): unknown {
  let current = root;
  for (const key of segments(path)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Values)[key];
  }
  return current;
}

/**
 * Writes `value` at a dotted path, creating objects on the way; undefined removes the key (so an
 * emptied optional field is left out of the config). Mutates `root`, which reactive proxies need.
 */
export function setAt(root: Values, path: string, value: unknown): void {
  const keys = segments(path);
  const last = keys.pop();
  if (last === undefined) throw new Error('setAt needs a path below the root');
  let current: Values = root;
  for (const key of keys) {
    const next = current[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) current[key] = {};
    current = current[key] as Values;
  }
  if (value === undefined) delete current[last];
  else current[last] = value;
}

const NUMBER_TEXT = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*$/i;
const FRACTION_TEXT = /^\s*-?\d+(?:\.\d+)?(?:e-?\d+)?\s*\/\s*\d+(?:\.\d+)?\s*$/i;

/**
 * What a number input's text stands for: '' is "not given" (undefined), a number is a number, a
 * fraction such as "8/255" stays text where the schema reads fractions (the config keeps what the
 * user wrote), and anything else stays as typed for validation to flag.
 */
export function parseNumberText(text: string, bounds: Pick<NumberBounds, 'fraction'>): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (NUMBER_TEXT.test(trimmed)) return Number(trimmed);
  if (bounds.fraction && FRACTION_TEXT.test(trimmed)) return trimmed.replace(/\s+/g, '');
  return trimmed;
}

/**
 * The text a number input shows for a value. Multiples of 1/255 (image ε and step sizes) read as
 * "8/255" where the field takes fractions, as papers write them.
 */
export function formatNumberValue(value: unknown, bounds: Pick<NumberBounds, 'fraction'>): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'number') return String(value);
  if (bounds.fraction && value > 0 && value < 1) {
    const k = value * 255;
    const rounded = Math.round(k);
    if (rounded >= 1 && Math.abs(k - rounded) < 1e-9 && String(value).length > 8) return `${rounded}/255`;
  }
  return String(value);
}

/** A comma list's items: numbers (or fractions, or raw text for validation to flag) or strings. */
export function parseListText(text: string, item: 'number' | 'string', bounds: Pick<NumberBounds, 'fraction'> = { fraction: false }): Array<number | string> {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return item === 'string' ? parts : parts.map((p) => parseNumberText(p, bounds) as number | string);
}

/** The text of a comma list input. */
export function formatListValue(value: unknown, item: 'number' | 'string', bounds: Pick<NumberBounds, 'fraction'> = { fraction: false }): string {
  if (!Array.isArray(value)) return value === undefined || value === null ? '' : String(value);
  return value.map((v) => (item === 'number' ? formatNumberValue(v, bounds) : String(v))).join(', ');
}

/** Whether two values are the same JSON (for keeping an input's text when the value it parses to has not changed). */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The range a number field accepts, in words ("integer ≥ 2", "0 ≤ x ≤ 1"), for hints. */
export function describeBounds(bounds: NumberBounds): string {
  const low = bounds.min === undefined ? '' : `${bounds.min} ${bounds.minInclusive ? '≤' : '<'} `;
  const high = bounds.max === undefined ? '' : ` ${bounds.maxInclusive ? '≤' : '<'} ${bounds.max}`;
  const range = low || high ? `${low}x${high}` : '';
  const parts = [bounds.integer ? 'integer' : 'number', range].filter(Boolean);
  const text = parts.join(', ');
  return bounds.fraction ? `${text}; fractions such as 8/255 accepted` : text;
}

/**
 * The fields a form shows for these values: leaves, union selects and optional-object checkboxes,
 * following the chosen option of each union and the children of optional objects only when set.
 */
export function activeFields(node: FieldNode, values: unknown): FieldNode[] {
  switch (node.kind) {
    case 'object': {
      const self = node.optional && node.path ? [node] : [];
      if (node.optional && node.path && getAt(values, node.path) === undefined) return self;
      return [...self, ...node.children.flatMap((c) => activeFields(c, values))];
    }
    case 'union': {
      const chosen = (getAt(values, node.path) as Values | undefined)?.[node.discriminator];
      const option = node.options.find((o) => o.value === chosen);
      return [node, ...(option?.children.flatMap((c) => activeFields(c, values)) ?? [])];
    }
    default:
      return [node];
  }
}

/**
 * A loaded value completed with the schema's defaults where it leaves fields out, so the form
 * shows what will run (a config file may name only what differs). Values of the wrong shape are
 * kept as they are, for validation to flag.
 */
export function fillDefaults(node: FieldNode, value: unknown): unknown {
  if (value === undefined) return initialValue(node);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const children =
    node.kind === 'object'
      ? node.children
      : node.kind === 'union'
        ? node.options.find((o) => o.value === (value as Values)[node.discriminator])?.children
        : undefined;
  if (!children) return value;
  const out: Values = { ...(value as Values) };
  for (const child of children) {
    const filled = fillDefaults(child, out[child.key]);
    if (filled !== undefined) out[child.key] = filled;
  }
  return out;
}

/**
 * Reads a zod 4 schema into a tree of form fields, so a form can be generated from the typed
 * config instead of written by hand. The walk reads each schema's definition (`_zod.def`): objects
 * become fieldsets, discriminated unions a select that swaps the sub-form, optional objects a
 * checkbox that reveals them, enums selects, arrays of numbers or strings comma lists, and numbers
 * built on the config's `fraction` schema accept "8/255". Anything else (records, arrays of
 * objects) becomes a JSON field. Defaults are the schema's own.
 */
import type { z } from 'zod';
import { fraction } from '../../../src-shared/config/numbers';

interface Base {
  /** Dotted path from the root ("training.optimizer.lr"); '' for the root. */
  path: string;
  key: string;
  label: string;
  /** May be left out (an optional field without a default). */
  optional: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
}

export interface NumberBounds {
  integer: boolean;
  min?: number;
  minInclusive?: boolean;
  max?: number;
  maxInclusive?: boolean;
  /** Accepts a fraction string such as "8/255". */
  fraction: boolean;
}

export interface UnionOption {
  value: string;
  children: FieldNode[];
}

export type FieldNode =
  | (Base & { kind: 'object'; children: FieldNode[] })
  | (Base & { kind: 'union'; discriminator: string; options: UnionOption[] })
  | (Base & { kind: 'number' } & NumberBounds)
  | (Base & { kind: 'string'; maxLength?: number })
  | (Base & { kind: 'boolean' })
  | (Base & { kind: 'enum'; options: string[] })
  | (Base & { kind: 'list'; item: 'number' | 'string'; length?: number; bounds?: NumberBounds })
  | (Base & { kind: 'json' });

export type FieldKind = FieldNode['kind'];

/** The parts of zod's internal definition the walk reads. */
interface Def {
  type: string;
  innerType?: Schema;
  defaultValue?: unknown;
  in?: Schema;
  out?: Schema;
  shape?: Record<string, Schema>;
  options?: Schema[];
  discriminator?: string;
  entries?: Record<string, string | number>;
  values?: unknown[];
  element?: Schema;
  items?: Schema[];
  rest?: Schema | null;
  checks?: Array<{ _zod: { def: CheckDef } }>;
}
interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  format?: string;
  maximum?: number;
}
type Schema = { _zod: { def: Def } };

const defOf = (schema: unknown): Def => (schema as Schema)._zod.def;

/** "batchSize" → "Batch size", "pIn" → "P in". */
export function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

interface Unwrapped {
  core: Schema;
  optional: boolean;
  hasDefault: boolean;
  defaultValue?: unknown;
  /** Number checks met on the way through pipes. */
  checks: CheckDef[];
  fraction: boolean;
}

/** Strips optional/default/nullable/pipe wrappers down to the schema that gives the field its shape. */
function unwrap(schema: Schema): Unwrapped {
  const out: Unwrapped = { core: schema, optional: false, hasDefault: false, checks: [], fraction: false };
  let current = schema;
  for (;;) {
    if (current === (fraction as unknown as Schema)) out.fraction = true;
    const def = defOf(current);
    switch (def.type) {
      case 'optional':
        out.optional = true;
        current = def.innerType!;
        continue;
      case 'default':
      case 'prefault':
        if (!out.hasDefault) {
          out.hasDefault = true;
          const value = def.defaultValue;
          out.defaultValue = typeof value === 'function' ? (value as () => unknown)() : value;
        }
        current = def.innerType!;
        continue;
      case 'nullable':
      case 'readonly':
      case 'nonoptional':
        current = def.innerType!;
        continue;
      case 'pipe': {
        // A preprocess is pipe(transform, schema): the field is what the transform feeds. A
        // refinement chain (fraction.pipe(z.number().positive())) is pipe(schema, schema): both
        // sides constrain the value, so their checks are collected.
        const inner = defOf(def.in!);
        if (inner.type !== 'transform') out.checks.push(...collectChecks(def.in!, out));
        current = def.out!;
        continue;
      }
      default:
        out.checks.push(...(def.checks ?? []).map((c) => c._zod.def));
        out.core = current;
        return out;
    }
  }
}

/** The number checks of a (possibly piped) schema; notes when it is built on `fraction`. */
function collectChecks(schema: Schema, into: { fraction: boolean }): CheckDef[] {
  if (schema === (fraction as unknown as Schema)) into.fraction = true;
  const def = defOf(schema);
  if (def.type === 'pipe') {
    const inner = defOf(def.in!);
    return [...(inner.type === 'transform' ? [] : collectChecks(def.in!, into)), ...collectChecks(def.out!, into)];
  }
  return (def.checks ?? []).map((c) => c._zod.def);
}

function numberBounds(checks: CheckDef[], isFraction: boolean): NumberBounds {
  const bounds: NumberBounds = { integer: false, fraction: isFraction };
  for (const check of checks) {
    if (check.check === 'number_format' && /int/.test(check.format ?? '')) bounds.integer = true;
    else if (check.check === 'greater_than' && check.value !== undefined && (bounds.min === undefined || check.value >= bounds.min)) {
      bounds.min = check.value;
      bounds.minInclusive = check.inclusive ?? false;
    } else if (check.check === 'less_than' && check.value !== undefined && (bounds.max === undefined || check.value <= bounds.max)) {
      bounds.max = check.value;
      bounds.maxInclusive = check.inclusive ?? false;
    }
  }
  // Safe-integer formats add ±2^53 bounds that say nothing to a person.
  if (bounds.max !== undefined && bounds.max >= Number.MAX_SAFE_INTEGER) {
    delete bounds.max;
    delete bounds.maxInclusive;
  }
  if (bounds.min !== undefined && bounds.min <= Number.MIN_SAFE_INTEGER) {
    delete bounds.min;
    delete bounds.minInclusive;
  }
  return bounds;
}

const joinPath = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * The field tree of a schema.
 * Args: schema, a zod 4 schema (an object at the root); path and key of the node (root: '').
 */
export function walkSchema(schema: z.ZodType, path = '', key = ''): FieldNode {
  return walk(schema as unknown as Schema, path, key);
}

function walk(schema: Schema, path: string, key: string): FieldNode {
  const u = unwrap(schema);
  const base: Base = { path, key, label: humanise(key), optional: u.optional, hasDefault: u.hasDefault };
  if (u.hasDefault) base.defaultValue = u.defaultValue;
  const def = defOf(u.core);
  switch (def.type) {
    case 'object':
      return { ...base, kind: 'object', children: Object.entries(def.shape!).map(([k, s]) => walk(s, joinPath(path, k), k)) };
    case 'union': {
      const discriminator = def.discriminator;
      const options = def.options ?? [];
      const values = discriminator ? options.map((o) => literalOf(o, discriminator)) : [];
      if (!discriminator || values.some((v) => v === null)) return { ...base, kind: 'json' };
      return {
        ...base,
        kind: 'union',
        discriminator,
        options: options.map((o, i) => ({
          value: values[i]!,
          children: Object.entries(defOf(unwrap(o).core).shape!)
            .filter(([k]) => k !== discriminator)
            .map(([k, s]) => walk(s, joinPath(path, k), k)),
        })),
      };
    }
    case 'number':
      return { ...base, kind: 'number', ...numberBounds(u.checks, u.fraction) };
    case 'string': {
      const max = u.checks.find((c) => c.check === 'max_length')?.maximum;
      return max === undefined ? { ...base, kind: 'string' } : { ...base, kind: 'string', maxLength: max };
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'enum':
      return { ...base, kind: 'enum', options: Object.values(def.entries!).map(String) };
    case 'array':
    case 'tuple': {
      const items = def.type === 'array' ? [def.element!] : (def.items ?? []);
      const cores = items.map((s) => unwrap(s));
      const types = new Set(cores.map((c) => defOf(c.core).type));
      const fixed = def.type === 'tuple' && !def.rest ? { length: items.length } : {};
      if (types.size === 1 && types.has('number')) {
        const first = cores[0]!;
        return { ...base, kind: 'list', item: 'number', ...fixed, bounds: numberBounds(first.checks, first.fraction) };
      }
      if (types.size === 1 && types.has('string')) return { ...base, kind: 'list', item: 'string', ...fixed };
      return { ...base, kind: 'json' };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

function literalOf(option: Schema, discriminator: string): string | null {
  const shape = defOf(unwrap(option).core).shape;
  const literal = shape?.[discriminator];
  if (!literal) return null;
  const def = defOf(literal);
  return def.type === 'literal' && def.values?.length === 1 ? String(def.values[0]) : null;
}

/** A leaf of the tree (a field with one input), with the union option it belongs to. */
export interface LeafField {
  path: string;
  kind: FieldKind;
  node: FieldNode;
  /** Discriminator values on the way down, e.g. { 'training.optimizer': 'sgd' }. */
  when: Record<string, string>;
}

/**
 * Every field with an input, depth first: the leaves, each union (its select) and each optional
 * object (its checkbox). Fields that exist under several union options appear once per option.
 */
export function leafFields(node: FieldNode, when: Record<string, string> = {}): LeafField[] {
  switch (node.kind) {
    case 'object':
      return [...(node.optional && node.path ? [{ path: node.path, kind: node.kind, node, when }] : []), ...node.children.flatMap((c) => leafFields(c, when))];
    case 'union':
      return [{ path: node.path, kind: node.kind, node, when }, ...node.options.flatMap((o) => o.children.flatMap((c) => leafFields(c, { ...when, [node.path]: o.value })))];
    default:
      return [{ path: node.path, kind: node.kind, node, when }];
  }
}

/** Finds the node at a dotted path (through any union option that has it); null when none. */
export function findNode(root: FieldNode, path: string): FieldNode | null {
  if (root.path === path) return root;
  const children = root.kind === 'object' ? root.children : root.kind === 'union' ? root.options.flatMap((o) => o.children) : [];
  for (const child of children) {
    if (path === child.path || path.startsWith(`${child.path}.`)) {
      const found = findNode(child, path);
      if (found) return found;
    }
  }
  return null;
}

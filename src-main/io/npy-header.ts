/**
 * The `.npy` header dictionary: parsing numpy's Python-literal text
 * (`{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`) and formatting it byte-for-byte
 * as numpy 2.x `np.save` does (NEP 1 / numpy.lib.format).
 */
import { FormatError } from './format-error';

export type PyValue = string | number | boolean | null | PyValue[] | { [key: string]: PyValue };

/** Parses the subset of Python literals that numpy headers use: dicts, tuples, lists, strings, ints, booleans, None. */
export function parsePyLiteral(text: string): PyValue {
  let pos = 0;
  const fail = (expected: string): never => {
    throw new FormatError({
      expected: `${expected} at character ${pos} of the .npy header`,
      found: JSON.stringify(text.slice(pos, pos + 20)),
    });
  };
  const skipSpace = () => {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
  };
  const parseSequence = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return items;
      }
      items.push(parseValue());
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== close) fail(`',' or '${close}'`);
    }
  };
  const parseValue = (): PyValue => {
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const dict: { [key: string]: PyValue } = {};
      for (;;) {
        skipSpace();
        if (text[pos] === '}') {
          pos++;
          return dict;
        }
        const key = parseValue();
        if (typeof key !== 'string') fail('a string key');
        skipSpace();
        if (text[pos] !== ':') fail("':'");
        pos++;
        dict[key as string] = parseValue();
        skipSpace();
        if (text[pos] === ',') pos++;
        else if (text[pos] !== '}') fail("',' or '}'");
      }
    }
    if (c === '(') {
      pos++;
      return parseSequence(')');
    }
    if (c === '[') {
      pos++;
      return parseSequence(']');
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, pos + 1);
      if (end === -1) fail('a closing quote');
      const value = text.slice(pos + 1, end);
      pos = end + 1;
      return value;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^[-+]?\d+L?/.exec(text.slice(pos))?.[0];
    if (word === undefined) return fail('a value');
    pos += word.length;
    if (word === 'True') return true;
    if (word === 'False') return false;
    if (word === 'None') return null;
    if (/^[-+]?\d+L?$/.test(word)) return Number(word.replace(/L$/, ''));
    return fail('a literal');
  };
  const value = parseValue();
  skipSpace();
  if (pos !== text.length) fail('the end of the header');
  return value;
}

/** Python's repr of a shape tuple: `()`, `(3,)`, `(2, 3)`. */
function shapeRepr(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

const ALIGN = 64;
/** numpy leaves room for the first axis to grow to 21 digits, so headers can be rewritten in place. */
const GROWTH_AXIS_MAX_DIGITS = 21;

/**
 * The header text numpy would write, without the prefix: sorted keys, repr values, growth padding,
 * then spaces and a newline up to a 64-byte boundary of the whole preamble.
 * Returns the padded header text; `prefixLength` is 10 for v1 and 12 for v2/v3.
 */
export function formatHeader(descr: string, shape: readonly number[], prefixLength: number): string {
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeRepr(shape)}, }`;
  if (shape.length > 0) header += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[0]).length);
  const withNewline = header.length + 1;
  // numpy pads a full extra block when already aligned (ALIGN - 0), so mirror it exactly
  const pad = ALIGN - ((prefixLength + withNewline) % ALIGN);
  return `${header}${' '.repeat(pad)}\n`;
}

/** Typed values of `mnemo attack` flags; a bad value is a {@link UsageError} naming the flag. */
import { UsageError } from '../args';

/** A number that passes `check`, or `fallback` when the flag is absent. */
export function numberFlag(value: string | undefined, flag: string, fallback: number, check: (n: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`${flag} must be ${expected}, got "${value}"`);
  return n;
}

/** An integer ≥ `min`, or `fallback`. */
export function intFlag(value: string | undefined, flag: string, fallback: number, min = 1): number {
  return numberFlag(value, flag, fallback, (n) => Number.isInteger(n) && n >= min, `an integer >= ${min}`);
}

/** An optional integer ≥ `min` (undefined when absent). */
export function optionalIntFlag(value: string | undefined, flag: string, min = 0): number | undefined {
  return value === undefined ? undefined : intFlag(value, flag, 0, min);
}

/** One of `allowed`, or `fallback`. */
export function choiceFlag<T extends string>(value: string | undefined, flag: string, allowed: readonly T[], fallback: T): T;
export function choiceFlag<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined;
export function choiceFlag<T extends string>(value: string | undefined, flag: string, allowed: readonly T[], fallback?: T): T | undefined {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

/** The FPRs of `--fpr` (comma-separated rates in (0, 1]); default 1 %, 0.1 %, 0.001 %. */
export function fprFlag(value: string | undefined): number[] {
  if (value === undefined) return [0.01, 0.001, 0.00001];
  return value.split(',').map((item) => numberFlag(item.trim(), '--fpr', 0, (n) => n > 0 && n <= 1, 'a comma-separated list of rates in (0, 1]'));
}

/** Throws a UsageError when more than one of the named flags is set. */
export function exclusive(values: Record<string, unknown>, flags: readonly string[]): void {
  const set = flags.filter((flag) => values[flag] !== undefined);
  if (set.length > 1) throw new UsageError(`${set.map((f) => `--${f}`).join(' and ')} cannot be used together`);
}

/** Throws a UsageError naming `flag` when it is missing. */
export function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required (${what})`);
  return value;
}

/** JSON text columns: written with JSON.stringify (NaN and ±Infinity become null), read back checked. */
import { CorruptDataError } from './errors';

/** JSON text for a column; `null` and `undefined` stay SQL NULL. */
export function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Parses a JSON column.
 * Args: `text` the column; `where` names it for errors ("studies.config of study 9f…").
 * Throws CorruptDataError naming `where` when the text is not JSON.
 */
export function fromJson<T>(text: string, where: string): T;
export function fromJson<T>(text: string | null, where: string): T | null;
export function fromJson<T>(text: string | null, where: string): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CorruptDataError(`${where} is not valid JSON (${(error as Error).message})`);
  }
}

/** Turns schema failures into field-level errors that name every wrong field at once. */
import type { z } from 'zod';
import type { FieldError } from './result';

const joinPath = (path: ReadonlyArray<PropertyKey>): string => path.map(String).join('.');

/**
 * Flattens zod issues into `{ path, message }` pairs. An unknown key is reported at its own path
 * (zod files it under the parent object); the root is written `(root)`.
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: issue.path.length ? joinPath(issue.path) : '(root)', message: issue.message }];
  });
}

/** One line that lists every wrong field, for CLIs and logs. */
export function describeFieldErrors(fields: FieldError[]): string {
  return fields.map((f) => `${f.path}: ${f.message}`).join('; ');
}

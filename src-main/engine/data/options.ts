/** Validation of `spec.options` against each loader's schema. */
import type { z } from 'zod';
import { DatasetOptionError } from './errors';
import type { DatasetId } from './types';

/**
 * Parses a loader's options with its (strict) zod schema.
 * Throws: DatasetOptionError naming the first offending option and what it must be.
 */
export function parseOptions<S extends z.ZodType>(
  dataset: DatasetId,
  schema: S,
  options: Record<string, unknown> | undefined,
): z.output<S> {
  const result = schema.safeParse(options ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const keys = issue && 'keys' in issue ? (issue.keys as string[]) : [];
  const option = issue?.path.length ? issue.path.join('.') : keys.length ? keys.join(', ') : '(options)';
  throw new DatasetOptionError(dataset, option, issue?.message ?? 'invalid');
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeFieldErrors, fieldErrors } from '../../src-shared/validation';

describe('fieldErrors', () => {
  const schema = z
    .object({
      name: z.string().min(1),
      model: z.object({ width: z.number().int().positive() }).strict(),
      seeds: z.array(z.number().int()),
    })
    .strict();

  it('names every wrong field at once, with dotted paths into nested objects and arrays', () => {
    const parsed = schema.safeParse({ name: '', model: { width: -3, depth: 2 }, seeds: [1, 'two'], extra: true });
    expect(parsed.success).toBe(false);
    const fields = fieldErrors(parsed.error!);
    const paths = fields.map((f) => f.path).sort();
    expect(paths).toEqual(['extra', 'model.depth', 'model.width', 'name', 'seeds.1']);
    expect(fields.find((f) => f.path === 'extra')?.message).toBe('unknown field');
    expect(describeFieldErrors(fields)).toContain('model.width:');
  });

  it('reports a non-object payload at the root', () => {
    const parsed = schema.safeParse(42);
    expect(fieldErrors(parsed.error!)).toEqual([{ path: '(root)', message: expect.any(String) }]);
  });
});

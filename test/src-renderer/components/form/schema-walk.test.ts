import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fraction, positive } from '../../../../src-shared/config/numbers';
import { StudyConfigSchema } from '../../../../src-shared/config/study';
import { findNode, humanise, leafFields, walkSchema, type FieldNode } from '../../../../src-renderer/components/form/schema-walk';

const tree = walkSchema(StudyConfigSchema);
const leaves = leafFields(tree);
const leaf = (path: string, when: Record<string, string> = {}) => {
  const found = leaves.find((l) => l.path === path && Object.entries(when).every(([k, v]) => l.when[k] === v));
  if (!found) throw new Error(`no field ${path} ${JSON.stringify(when)}`);
  return found.node;
};

describe('walkSchema over StudyConfigSchema', () => {
  it('finds the SGD learning rate with its default 0.1, reading fractions', () => {
    const lr = leaf('training.optimizer.lr', { 'training.optimizer': 'sgd' });
    expect(lr).toMatchObject({ kind: 'number', defaultValue: 0.1, fraction: true, integer: false, min: 0, minInclusive: false });
    expect(leaf('training.optimizer.lr', { 'training.optimizer': 'adam' })).toMatchObject({ defaultValue: 1e-3 });
  });

  it('reads model.kind as a union with its options and their sub-forms', () => {
    const model = findNode(tree, 'model')!;
    expect(model.kind).toBe('union');
    if (model.kind !== 'union') return;
    expect(model.discriminator).toBe('kind');
    expect(model.options.map((o) => o.value)).toEqual(['mlp', 'cnn', 'resnet18', 'layers']);
    const mlp = model.options[0]!.children.map((c) => c.path);
    expect(mlp).toEqual(['model.preset', 'model.hidden', 'model.activation', 'model.norm']);
    // The discriminator itself is the select, not a field of the sub-form.
    expect(model.options.every((o) => o.children.every((c) => c.key !== 'kind'))).toBe(true);
    expect(model.hasDefault).toBe(false);
  });

  it('finds every discriminated union the form swaps sub-forms for, with their defaults', () => {
    const unions = leaves.filter((l) => l.kind === 'union').map((l) => [l.path, l.node.defaultValue]);
    expect(unions).toEqual([
      ['model', undefined],
      ['training.optimizer', { kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 5e-4 }],
      ['training.schedule', { kind: 'constant' }],
      ['method.objective', { kind: 'erm' }],
      ['method.update', { kind: 'plain' }],
    ]);
  });

  it('marks optional objects (a checkbox reveals them) and keeps their fields', () => {
    expect(leaf('method.demem')).toMatchObject({ kind: 'object', optional: true });
    expect(leaf('method.demem.lambda')).toMatchObject({ kind: 'number', defaultValue: 0.2 });
    expect(leaf('training.swa')).toMatchObject({ kind: 'object', optional: true });
    expect(leaf('training.swa.startEpoch')).toMatchObject({ kind: 'number', integer: true, optional: false, hasDefault: false });
  });

  it('reads lists of numbers and strings, tuples with their length, enums and booleans', () => {
    expect(leaf('model.hidden', { model: 'mlp' })).toMatchObject({ kind: 'list', item: 'number', defaultValue: [256, 128] });
    expect(leaf('model.channels', { model: 'cnn' })).toMatchObject({ kind: 'list', item: 'number', length: 2, defaultValue: [32, 64] });
    expect(leaf('attacks.fprs')).toMatchObject({ kind: 'list', item: 'number', bounds: { fraction: true, min: 0, max: 1 } });
    expect(leaf('tags')).toMatchObject({ kind: 'list', item: 'string', defaultValue: [] });
    expect(leaf('dataset.id')).toMatchObject({ kind: 'enum', hasDefault: false });
    expect((leaf('dataset.id') as Extract<FieldNode, { kind: 'enum' }>).options).toContain('digits');
    expect(leaf('robust.randomStart')).toMatchObject({ kind: 'boolean', defaultValue: true });
    expect(leaf('name')).toMatchObject({ kind: 'string', hasDefault: false, optional: false });
  });

  it('reads integer bounds and leaves records and arrays of objects as JSON fields', () => {
    expect(leaf('shadow.models')).toMatchObject({ kind: 'number', integer: true, min: 2, minInclusive: true, defaultValue: 16 });
    expect(leaf('shadow.pIn')).toMatchObject({ kind: 'number', fraction: false, min: 0, max: 1, minInclusive: false, maxInclusive: false });
    expect(leaf('robust.epsilon')).toMatchObject({ defaultValue: 8 / 255, fraction: true });
    expect(leaf('dataset.options').kind).toBe('json');
    expect(leaf('model.layers', { model: 'layers' }).kind).toBe('json');
    expect(leaf('dataset.limit')).toMatchObject({ kind: 'number', optional: true, integer: true });
  });

  it('sees through preprocess pipes (the MLP preset) to the union', () => {
    expect(findNode(tree, 'model.hidden')?.kind).toBe('list');
    expect(findNode(tree, 'nothing.here')).toBeNull();
  });
});

describe('walkSchema on small schemas', () => {
  it('reads fraction numbers and their refinement bounds', () => {
    const node = walkSchema(z.object({ a: positive, b: fraction, c: z.number().max(3) }));
    expect(node.kind).toBe('object');
    if (node.kind !== 'object') return;
    expect(node.children.map((c) => c.kind === 'number' && [c.fraction, c.min, c.max])).toEqual([
      [true, 0, undefined],
      [true, undefined, undefined],
      [false, undefined, 3],
    ]);
  });

  it('turns non-discriminated unions into JSON fields', () => {
    const node = walkSchema(z.object({ u: z.union([z.string(), z.number()]) }));
    expect(node.kind === 'object' && node.children[0]!.kind).toBe('json');
  });

  it('labels keys in words', () => {
    expect(humanise('batchSize')).toBe('Batch size');
    expect(humanise('bnFirstPassOnly')).toBe('Bn first pass only');
    expect(humanise('label-only')).toBe('Label only');
  });
});

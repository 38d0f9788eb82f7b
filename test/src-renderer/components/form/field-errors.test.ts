import { describe, expect, it } from 'vitest';
import { StudyConfigSchema } from '../../../../src-shared/config/study';
import { fieldErrors } from '../../../../src-shared/validation';
import { fieldPaths, placeFieldErrors } from '../../../../src-renderer/components/form/field-errors';
import { walkSchema } from '../../../../src-renderer/components/form/schema-walk';

const tree = walkSchema(StudyConfigSchema);

describe('placeFieldErrors', () => {
  it('puts the server’s paths on the form’s fields', () => {
    const placed = placeFieldErrors(
      [
        { path: 'training.optimizer.lr', message: 'Too small' },
        { path: 'model.norm', message: 'BatchNorm mixes the samples' },
        { path: 'method.objective.kind', message: 'DP-SGD supports ERM and PGD-AT' },
        { path: 'model.hidden.0', message: 'expected an integer' },
        { path: 'dataset.colour', message: 'unknown field' },
        { path: 'training.swa.startEpoch', message: 'SWA starts after the last epoch (1)' },
        { path: '(root)', message: 'expected an object' },
        { path: 'bogus', message: 'unknown field' },
      ],
      tree,
    );
    expect(Object.fromEntries(placed.byField)).toEqual({
      'training.optimizer.lr': ['Too small'],
      'model.norm': ['BatchNorm mixes the samples'],
      'method.objective': ['DP-SGD supports ERM and PGD-AT'],
      'model.hidden': ['expected an integer'],
      dataset: ['unknown field'],
      'training.swa.startEpoch': ['SWA starts after the last epoch (1)'],
    });
    expect(placed.unplaced).toEqual([
      { path: '(root)', message: 'expected an object' },
      { path: 'bogus', message: 'unknown field' },
    ]);
  });

  it('places every error the schema itself produces for a broken config', () => {
    const result = StudyConfigSchema.safeParse({
      name: '',
      dataset: { id: 'purchase100', limit: -3 },
      model: { kind: 'cnn' },
      training: { epochs: 0, optimizer: { kind: 'sgd', lr: 'fast' } },
      method: { update: { kind: 'dp-sgd' }, demem: { lambda: 0.1 } },
      shadow: { models: 3 },
      attacks: { targets: 9 },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrors(result.error);
    const placed = placeFieldErrors(errors, tree);
    expect(placed.unplaced).toEqual([]);
    expect([...placed.byField.keys()].sort()).toEqual(
      expect.arrayContaining(['name', 'dataset.limit', 'training.epochs', 'training.optimizer.lr']),
    );
  });

  it('merges repeated messages', () => {
    const placed = placeFieldErrors(
      [
        { path: 'model.hidden.0', message: 'expected an integer' },
        { path: 'model.hidden.1', message: 'expected an integer' },
      ],
      tree,
    );
    expect(placed.byField.get('model.hidden')).toEqual(['expected an integer']);
  });

  it('aliases each union’s discriminator to its select', () => {
    const paths = fieldPaths(tree);
    expect(paths.get('model.kind')).toBe('model');
    expect(paths.get('training.schedule.kind')).toBe('training.schedule');
    expect(paths.get('training.optimizer.lr')).toBe('training.optimizer.lr');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StudyConfigSchema } from '../../../../src-shared/config/study';
import {
  activeFields,
  describeBounds,
  fillDefaults,
  formatListValue,
  formatNumberValue,
  getAt,
  initialValue,
  parseListText,
  parseNumberText,
  setAt,
  unionOptionValue,
  type Values,
} from '../../../../src-renderer/components/form/form-values';
import { findNode, walkSchema } from '../../../../src-renderer/components/form/schema-walk';

const tree = walkSchema(StudyConfigSchema);

describe('initialValue', () => {
  it('builds a study config from the schema defaults that parses once named', () => {
    const config = initialValue(tree) as Values;
    expect(config.name).toBe('');
    expect(getAt(config, 'dataset.id')).toBe('digits');
    expect(getAt(config, 'model')).toEqual({ kind: 'mlp', hidden: [256, 128], activation: 'relu', norm: 'none' });
    expect(getAt(config, 'training.optimizer.lr')).toBe(0.1);
    expect(getAt(config, 'method.demem')).toBeUndefined();
    expect('limit' in (config.dataset as Values)).toBe(false);
    const parsed = StudyConfigSchema.parse({ ...config, name: 'defaults' });
    // The form starts where the schema would: parsing adds nothing but what the form already holds.
    expect(parsed.training).toEqual(config.training);
    expect(parsed.attacks).toEqual(config.attacks);
  });

  it('fills an optional object with its defaults when it is switched on', () => {
    expect(initialValue(findNode(tree, 'method.demem')!, true)).toEqual({ lambda: 0.2 });
    expect(initialValue(findNode(tree, 'training.swa')!, true)).toEqual({});
  });

  it('switches a union to an option with that option’s defaults', () => {
    const optimizer = findNode(tree, 'training.optimizer')!;
    if (optimizer.kind !== 'union') throw new Error('not a union');
    expect(unionOptionValue(optimizer, 'adam')).toEqual({ kind: 'adam', lr: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 });
    expect(() => unionOptionValue(optimizer, 'rmsprop')).toThrow(/training\.optimizer has no option "rmsprop" \(options: sgd, adam\)/);
  });
});

describe('getAt / setAt', () => {
  it('reads and writes nested paths, creating objects and deleting on undefined', () => {
    const root: Values = {};
    setAt(root, 'a.b.c', 3);
    expect(root).toEqual({ a: { b: { c: 3 } } });
    expect(getAt(root, 'a.b.c')).toBe(3);
    expect(getAt(root, 'a.x.c')).toBeUndefined();
    setAt(root, 'a.b.c', undefined);
    expect(root).toEqual({ a: { b: {} } });
    expect(() => setAt(root, '', 1)).toThrow(/below the root/);
  });
});

describe('number and list text', () => {
  it('parses numbers, keeps fractions where allowed and raw text otherwise', () => {
    expect(parseNumberText('', { fraction: true })).toBeUndefined();
    expect(parseNumberText(' 0.25 ', { fraction: false })).toBe(0.25);
    expect(parseNumberText('1e-5', { fraction: false })).toBe(1e-5);
    expect(parseNumberText('8 / 255', { fraction: true })).toBe('8/255');
    expect(parseNumberText('8/255', { fraction: false })).toBe('8/255');
    expect(parseNumberText('abc', { fraction: true })).toBe('abc');
  });

  it('writes multiples of 1/255 as fractions, other numbers as they are', () => {
    expect(formatNumberValue(8 / 255, { fraction: true })).toBe('8/255');
    expect(formatNumberValue(2 / 255, { fraction: true })).toBe('2/255');
    expect(formatNumberValue(8 / 255, { fraction: false })).toBe(String(8 / 255));
    expect(formatNumberValue(0.2, { fraction: true })).toBe('0.2');
    expect(formatNumberValue(undefined, { fraction: true })).toBe('');
    expect(formatNumberValue('8/255', { fraction: true })).toBe('8/255');
  });

  it('round-trips finite numbers through their text', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), (x, fraction) => {
        const parsed = parseNumberText(formatNumberValue(x, { fraction }), { fraction });
        const value = typeof parsed === 'string' ? Number(parsed.split('/')[0]) / Number(parsed.split('/')[1]) : parsed;
        expect(value).toBeCloseTo(x, 12);
      }),
    );
  });

  it('reads comma lists of numbers and words', () => {
    expect(parseListText('256, 128,', 'number')).toEqual([256, 128]);
    expect(parseListText('0.01, 1/1000', 'number', { fraction: true })).toEqual([0.01, '1/1000']);
    expect(parseListText('16, x', 'number')).toEqual([16, 'x']);
    expect(parseListText(' quick , baseline ', 'string')).toEqual(['quick', 'baseline']);
    expect(parseListText('', 'number')).toEqual([]);
    expect(formatListValue([256, 128], 'number')).toBe('256, 128');
    expect(formatListValue(['a', 'b'], 'string')).toBe('a, b');
  });

  it('describes bounds in words', () => {
    expect(describeBounds({ integer: true, fraction: false, min: 2, minInclusive: true })).toBe('integer, 2 ≤ x');
    expect(describeBounds({ integer: false, fraction: true, min: 0, minInclusive: true, max: 1, maxInclusive: true })).toBe('number, 0 ≤ x ≤ 1; fractions such as 8/255 accepted');
  });
});

describe('activeFields', () => {
  it('follows the chosen union options and shows optional objects’ fields only when set', () => {
    const config = initialValue(tree) as Values;
    const paths = () => activeFields(tree, config).map((n) => n.path);
    expect(paths()).toContain('training.optimizer.momentum');
    expect(paths()).not.toContain('training.optimizer.beta1');
    expect(paths()).toContain('method.demem');
    expect(paths()).not.toContain('method.demem.lambda');
    setAt(config, 'training.optimizer', { kind: 'adam' });
    setAt(config, 'method.demem', { lambda: 0.3 });
    expect(paths()).toContain('training.optimizer.beta1');
    expect(paths()).toContain('method.demem.lambda');
    expect(new Set(paths()).size).toBe(paths().length);
  });
});

describe('fillDefaults', () => {
  it('completes a partial config with the defaults of the options it chose', () => {
    const filled = fillDefaults(tree, { name: 'x', dataset: { id: 'cifar10' }, model: { kind: 'cnn' }, training: { optimizer: { kind: 'adam', lr: 0.01 } } }) as Values;
    expect(getAt(filled, 'model')).toEqual({ kind: 'cnn', channels: [32, 64], dense: 128, norm: 'none' });
    expect(getAt(filled, 'training.optimizer')).toEqual({ kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0 });
    expect(getAt(filled, 'training.epochs')).toBe(10);
    expect(getAt(filled, 'dataset.split')).toBe('all');
    expect(getAt(filled, 'method.demem')).toBeUndefined();
    expect(StudyConfigSchema.parse(filled)).toEqual(StudyConfigSchema.parse({ name: 'x', dataset: { id: 'cifar10' }, model: { kind: 'cnn' }, training: { optimizer: { kind: 'adam', lr: 0.01 } } }));
  });

  it('keeps values of the wrong shape for validation to flag', () => {
    const filled = fillDefaults(tree, { name: 'x', dataset: 'digits', model: { kind: 'transformer' }, shadow: { models: 'many' } }) as Values;
    expect(filled.dataset).toBe('digits');
    expect(filled.model).toEqual({ kind: 'transformer' });
    expect(getAt(filled, 'shadow.models')).toBe('many');
    expect(getAt(filled, 'shadow.pIn')).toBe(0.5);
  });
});

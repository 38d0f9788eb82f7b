import { describe, expect, it } from 'vitest';
import { StudyConfigSchema } from '../../../../src-shared/config/study';
import { getAt, type Values } from '../../../../src-renderer/components/form/form-values';
import { leafFields, walkSchema } from '../../../../src-renderer/components/form/schema-walk';
import { applyDependents, fieldLabel, isAdvanced, SECTIONS, sectionNode, sectionsFor } from '../../../../src-renderer/views/new/study-form-layout';

const tree = walkSchema(StudyConfigSchema);

describe('study form layout', () => {
  it('puts every top-level part of the config in exactly one section', () => {
    const keys = sectionsFor(tree).flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(tree.kind === 'object' && tree.children.map((c) => c.key).every((k) => keys.includes(k))).toBe(true);
    expect(SECTIONS.map((s) => s.title)).toEqual(['Study', 'Dataset', 'Model', 'Training', 'Method', 'Shadow models', 'Queries', 'Robustness', 'Attacks', 'Memorization']);
  });

  it('gathers keys no section names into "Other"', () => {
    const extended = walkSchema(StudyConfigSchema.extend({ extra: StudyConfigSchema.shape.seed }));
    expect(sectionsFor(extended).at(-1)).toEqual({ id: 'other', title: 'Other', keys: ['extra'] });
  });

  it('opens plain objects in their section and keeps unions as one field', () => {
    const training = sectionNode(tree, SECTIONS.find((s) => s.id === 'training')!);
    expect(training.kind === 'object' && training.children.map((c) => c.path).slice(0, 3)).toEqual(['training.epochs', 'training.batchSize', 'training.optimizer']);
    const model = sectionNode(tree, SECTIONS.find((s) => s.id === 'model')!);
    expect(model.kind === 'object' && model.children.map((c) => `${c.path}:${c.kind}`)).toEqual(['model:union']);
  });

  it('shows the common fields first and keeps the rest under Advanced', () => {
    for (const path of ['name', 'dataset.limit', 'model.hidden', 'training.epochs', 'training.optimizer.lr', 'shadow.models', 'attacks.targets', 'robust.steps', 'robust.maxSamples', 'method.demem']) {
      expect(isAdvanced(path), path).toBe(false);
    }
    for (const path of ['seed', 'training.optimizer.momentum', 'training.swa', 'attacks.rmia.a', 'shadow.pIn']) expect(isAdvanced(path), path).toBe(true);
    // Every field has a label in words.
    expect(leafFields(tree).every((f) => fieldLabel(f.node).length > 0)).toBe(true);
    expect(fieldLabel(leafFields(tree).find((f) => f.path === 'training.optimizer.lr')!.node)).toBe('Learning rate');
  });

  it('fills the widths and activation of a chosen MLP preset', () => {
    const config: Values = { model: { kind: 'mlp', hidden: [16], activation: 'relu', preset: 'location' } };
    applyDependents(config, 'model.preset', 'location');
    expect(getAt(config, 'model.hidden')).toEqual([512, 256, 128]);
    expect(getAt(config, 'model.activation')).toBe('tanh');
    applyDependents(config, 'model.hidden', [8]);
    expect(getAt(config, 'model.hidden')).toEqual([512, 256, 128]);
  });
});

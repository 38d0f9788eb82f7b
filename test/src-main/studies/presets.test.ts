/** The presets: valid configs, shared studies named alike, and every reproduction at both scales. */
import { describe, expect, it } from 'vitest';
import { StudyConfigSchema } from '../../../src-shared/config/study';
import { PRESETS, presetById } from '../../../src-main/studies/presets';
import { comparableConfig } from '../../../src-main/studies/runner';

const studies = PRESETS.flatMap((preset) => preset.studies.map((config) => ({ preset: preset.id, config: StudyConfigSchema.parse(config) })));

describe('presets', () => {
  it('hold valid study configs', () => {
    for (const preset of PRESETS) for (const config of preset.studies) expect(StudyConfigSchema.safeParse(config).success, `${preset.id}: ${config.name}`).toBe(true);
  });

  it('give one name to one setting, so presets share studies and a user can tell them apart', () => {
    const byName = new Map<string, string>();
    const byConfig = new Map<string, string>();
    for (const { config } of studies) {
      const key = comparableConfig(config);
      expect(byName.get(config.name) ?? key, config.name).toBe(key);
      expect(byConfig.get(key) ?? config.name, config.name).toBe(config.name);
      byName.set(config.name, key);
      byConfig.set(key, config.name);
    }
    // DeMem Table 2's PGD-AT is the same study in Table 1, Fig. 1, Fig. 2 and Fig. 3.
    const pgd = comparableConfig(StudyConfigSchema.parse(presetById('demem-table2').studies[0]));
    for (const id of ['demem-table1', 'demem-fig1', 'demem-fig2', 'demem-fig3']) {
      expect(presetById(id).studies.map((c) => comparableConfig(StudyConfigSchema.parse(c)))).toContain(pgd);
    }
  });

  it('offer every reproduction at laptop scale and at the paper scale, on CIFAR with ResNet-18', () => {
    const reproductions = PRESETS.filter((p) => p.report && p.scale === 'laptop');
    expect(reproductions.map((p) => p.id).sort()).toEqual(['demem-fig1', 'demem-fig2', 'demem-fig3', 'demem-table1', 'demem-table2', 'sam-buckets', 'sam-table1', 'sharpreg-gamma']);
    for (const laptop of reproductions) {
      const paper = presetById(`${laptop.id}-paper`);
      expect(paper.scale).toBe('paper');
      expect(paper.report).toBe(laptop.report);
      expect(paper.studies).toHaveLength(laptop.studies.length);
      for (const config of paper.studies.map((c) => StudyConfigSchema.parse(c))) {
        expect(config.dataset.id).toMatch(/^cifar/);
        expect(config.model.kind).toBe('resnet18');
      }
      for (const config of laptop.studies.map((c) => StudyConfigSchema.parse(c))) expect(['digits', 'fashion-mnist', 'location30', 'subgroups']).toContain(config.dataset.id);
    }
  });

  it('train DeMem Fig. 3 at half, once and twice the Table 2 budget, evaluated at the same ε', () => {
    for (const id of ['demem-fig3', 'demem-fig3-paper']) {
      const configs = presetById(id).studies.map((c) => StudyConfigSchema.parse(c));
      const base = StudyConfigSchema.parse(presetById(id.replace('fig3', 'table2')).studies[0]).robust.epsilon;
      expect(configs.map((c) => (c.method.objective.kind === 'pgd-at' ? c.method.objective.epsilon / base : NaN))).toEqual([0.5, 0.5, 1, 1, 2, 2]);
      for (const c of configs) expect(c.robust.epsilon).toBe(c.method.objective.kind === 'pgd-at' ? c.method.objective.epsilon : NaN);
      expect(configs.map((c) => c.method.demem?.lambda ?? 0)).toEqual([0, 0.2, 0, 0.2, 0, 0.2]);
    }
  });

  it('run DP-SGD on a model without BatchNorm at the paper scale', () => {
    const dp = StudyConfigSchema.parse(presetById('demem-table1-paper').studies[1]);
    expect(dp.method.update.kind).toBe('dp-sgd');
    expect(dp.model).toMatchObject({ kind: 'resnet18', norm: 'group' });
  });

  it('name the preset they cannot find', () => {
    expect(() => presetById('nope')).toThrow(/unknown preset "nope" \(known: quick, methods, demem-table2/);
  });
});

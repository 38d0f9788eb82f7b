import { describe, expect, it } from 'vitest';
import { methodLabel } from '../../../src-shared/config/method';
import { StudyConfigSchema } from '../../../src-shared/config/study';
import { fieldErrors } from '../../../src-shared/validation';

const minimal = { name: 'quick', dataset: { id: 'digits' }, model: { kind: 'cnn' } };

describe('StudyConfigSchema', () => {
  it('fills every default so the stored config says exactly what ran', () => {
    const study = StudyConfigSchema.parse(minimal);
    expect(study.shadow).toEqual({ models: 16, pIn: 0.5 });
    expect(study.method).toEqual({ objective: { kind: 'erm' }, update: { kind: 'plain' } });
    expect(study.training.optimizer).toMatchObject({ kind: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 5e-4 });
    expect(study.robust).toMatchObject({ steps: 20, epsilon: 8 / 255, randomStart: true });
    expect(study.attacks.lira.preset).toBe('paper');
    expect(study.model).toEqual({ kind: 'cnn', channels: [32, 64], dense: 128, norm: 'none' });
  });

  it('reads fractions the way papers write them', () => {
    const study = StudyConfigSchema.parse({
      ...minimal,
      method: { objective: { kind: 'pgd-at', epsilon: '8/255', stepSize: '2/255', steps: 3 }, demem: { lambda: 0.4 } },
    });
    expect(study.method.objective).toEqual({ kind: 'pgd-at', epsilon: 8 / 255, stepSize: 2 / 255, steps: 3, randomStart: true });
    expect(methodLabel(study.method)).toBe('PGD-AT + DeMem (λ=0.4)');
  });

  it('fills MLP presets without overriding what the user wrote', () => {
    const purchase = StudyConfigSchema.parse({ name: 'p', dataset: { id: 'purchase100', path: '/x' }, model: { kind: 'mlp', preset: 'purchase' } });
    expect(purchase.model).toMatchObject({ hidden: [1024, 512, 256, 128], activation: 'tanh' });
    const custom = StudyConfigSchema.parse({ name: 'p', dataset: { id: 'purchase100', path: '/x' }, model: { kind: 'mlp', preset: 'purchase', hidden: [64] } });
    expect(custom.model).toMatchObject({ hidden: [64], activation: 'tanh' });
  });

  it('names every wrong field at once', () => {
    const parsed = StudyConfigSchema.safeParse({
      name: '',
      dataset: { id: 'imagenet' },
      model: { kind: 'cnn', channels: [32] },
      training: { epochs: 0, optimizer: { kind: 'sgd', lr: -1 } },
      shadow: { models: 3, extra: 1 },
    });
    expect(parsed.success).toBe(false);
    const paths = fieldErrors(parsed.error!).map((f) => f.path).sort();
    expect(paths).toEqual(['dataset.id', 'model.channels', 'name', 'shadow.extra', 'training.epochs', 'training.optimizer.lr']);
  });

  it('refuses combinations that cannot be right, naming the field', () => {
    const cases: Array<[object, string]> = [
      [{ ...minimal, shadow: { models: 5 } }, 'shadow.pIn'],
      [{ ...minimal, attacks: { targets: 20 } }, 'attacks.targets'],
      [{ name: 'x', dataset: { id: 'location30' }, model: { kind: 'cnn' } }, 'model.kind'],
      [{ name: 'x', dataset: { id: 'location30' }, model: { kind: 'mlp' }, training: { augmentation: { flip: true } } }, 'training.augmentation'],
      [{ ...minimal, model: { kind: 'cnn', norm: 'batch' }, method: { update: { kind: 'dp-sgd' } } }, 'model.norm'],
      [{ ...minimal, method: { update: { kind: 'dp-sgd' }, demem: {} } }, 'method.demem'],
      [{ ...minimal, method: { objective: { kind: 'trades' }, update: { kind: 'dp-sgd' } } }, 'method.objective.kind'],
    ];
    for (const [config, path] of cases) {
      const parsed = StudyConfigSchema.safeParse(config);
      expect(parsed.success, path).toBe(false);
      expect(fieldErrors(parsed.error!).map((f) => f.path)).toContain(path);
    }
  });

  it('labels methods for tables and plots', () => {
    const label = (method: object) => methodLabel(StudyConfigSchema.parse({ ...minimal, method }).method);
    expect(label({})).toBe('ERM');
    expect(label({ objective: { kind: 'trades' } })).toBe('TRADES (β=6)');
    expect(label({ update: { kind: 'sam' } })).toBe('SAM (ρ=0.05)');
    expect(label({ objective: { kind: 'pgd-at' }, update: { kind: 'dp-sgd', noiseMultiplier: 0.05, clipNorm: 10 } })).toBe('DP-SGD + PGD-AT (σ=0.05, C=10)');
    expect(label({ update: { kind: 'sharpreg' } })).toBe('SharpReg (λ=1.5, ρ=0.01, γ=0.1, flooding)');
    expect(label({ update: { kind: 'sharpreg', regulariser: 'confidence-penalty', gamma: 0.3 } })).toBe('SharpReg (λ=1.5, ρ=0.01, γ=0.3, confidence penalty)');
    const swa = StudyConfigSchema.parse({ ...minimal, training: { epochs: 4, swa: { startEpoch: 3 } } });
    expect(methodLabel(swa.method, swa.training)).toBe('ERM + SWA');
  });
});

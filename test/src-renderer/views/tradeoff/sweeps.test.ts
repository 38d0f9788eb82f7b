import { describe, expect, it } from 'vitest';
import { flattenConfig, groupSweeps, sweepLabel } from '../../../../src-renderer/views/tradeoff/sweeps';

const base = {
  name: 'x',
  description: '',
  tags: [],
  seed: 0,
  dataset: { id: 'digits', limit: 300 },
  model: { kind: 'mlp', hidden: [16], activation: 'relu', norm: 'none' },
  training: { epochs: 1, optimizer: { kind: 'sgd', lr: 0.1 } },
  method: { objective: { kind: 'pgd-at', epsilon: 8 / 255, steps: 10 }, update: { kind: 'plain' } },
};

type Config = typeof base & { method: { demem?: { lambda: number }; update: Record<string, unknown> } };
const study = (id: string, change: (c: Config) => void) => {
  const config = structuredClone(base) as Config;
  change(config);
  return { id, config };
};
const demem = (id: string, lambda: number, extra: (c: Config) => void = () => {}) =>
  study(id, (c) => {
    c.method.demem = { lambda };
    c.name = `λ=${lambda}`;
    extra(c);
  });

describe('flattenConfig', () => {
  it('flattens to paths with arrays as single values, leaving out name, tags, description and seed', () => {
    const flat = flattenConfig(base);
    expect(flat.get('model.hidden')).toBe('[16]');
    expect(flat.get('training.optimizer.lr')).toBe('0.1');
    expect(flat.has('name') || flat.has('seed') || flat.has('tags') || flat.has('description')).toBe(false);
  });
});

describe('groupSweeps', () => {
  it('joins a λ sweep in λ order, whatever the names, tags and seeds', () => {
    const studies = [
      demem('c', 0.8, (c) => (c.seed = 3)),
      demem('a', 0.2, (c) => (c.tags = ['x'] as never[])),
      demem('b', 0.4, (c) => (c.description = 'mid')),
    ];
    expect(groupSweeps(studies)).toEqual([{ parameter: 'method.demem.lambda', label: 'DeMem λ', ids: ['a', 'b', 'c'], values: [0.2, 0.4, 0.8] }]);
  });

  it('finds both lines of a grid and keeps unrelated studies out', () => {
    const studies = [
      demem('l2e8', 0.2),
      demem('l4e8', 0.4),
      demem('l2e4', 0.2, (c) => (c.method.objective.epsilon = 4 / 255)),
      demem('l4e4', 0.4, (c) => (c.method.objective.epsilon = 4 / 255)),
      // Differs in two parameters from every other: on no sweep.
      demem('odd', 0.6, (c) => (c.training.epochs = 5)),
      // No DeMem at all: not on the λ sweep (the parameter is missing), nor anywhere else.
      study('erm', () => {}),
    ];
    const sweeps = groupSweeps(studies).map((s) => [s.parameter, s.ids]);
    expect(sweeps).toEqual([
      ['method.demem.lambda', ['l2e4', 'l4e4']],
      ['method.demem.lambda', ['l2e8', 'l4e8']],
      ['method.objective.epsilon', ['l2e4', 'l2e8']],
      ['method.objective.epsilon', ['l4e4', 'l4e8']],
    ]);
  });

  it('joins DP σ sweeps and keeps seed replicates on the line, ordered by id', () => {
    const dp = (id: string, sigma: number, seed = 0) =>
      study(id, (c) => {
        c.method.update = { kind: 'dp-sgd', noiseMultiplier: sigma, clipNorm: 1 };
        c.seed = seed;
      });
    const sweeps = groupSweeps([dp('s1', 1), dp('s05b', 0.5, 1), dp('s05a', 0.5, 2), dp('s2', 2)]);
    expect(sweeps).toEqual([{ parameter: 'method.update.noiseMultiplier', label: 'DP σ', ids: ['s05a', 's05b', 's1', 's2'], values: [0.5, 0.5, 1, 2] }]);
  });

  it('needs two distinct values: duplicates alone or non-numeric differences are no sweep', () => {
    expect(groupSweeps([demem('a', 0.2), demem('b', 0.2)])).toEqual([]);
    expect(groupSweeps([study('a', () => {}), study('b', (c) => (c.dataset.id = 'cifar10'))])).toEqual([]);
    expect(groupSweeps([study('a', () => {}), study('b', (c) => (c.model.hidden = [32]))])).toEqual([]);
    expect(groupSweeps([])).toEqual([]);
  });

  it('names the usual swept parameters', () => {
    expect(sweepLabel('method.objective.epsilon')).toBe('PGD ε');
    expect(sweepLabel('method.update.gamma')).toBe('SharpReg γ');
    expect(sweepLabel('attacks.rmia.a')).toBe('attacks.rmia.a');
  });
});

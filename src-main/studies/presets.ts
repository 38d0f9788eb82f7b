/**
 * Named study suites: the quick study (the main job on a fresh machine) and the reproductions of
 * both papers, each at laptop scale (runs here, on the embedded digits, Fashion-MNIST, Location-30
 * or the synthetic subgroups) and at the paper's scale (CIFAR with ResNet-18, for GPU workstations).
 * A preset is one or more study configs run together and read by one report. Studies with equal
 * configs are shared between presets, so a reproduction reuses what another already trained.
 */
import type { StudyConfigInput } from '../../src-shared/config/study';

export type PresetScale = 'laptop' | 'paper';

export interface Preset {
  id: string;
  name: string;
  description: string;
  scale: PresetScale;
  /** The reproduction report that reads this preset's studies (none for the quick study). */
  report: string | null;
  studies: StudyConfigInput[];
}

type Base = Omit<StudyConfigInput, 'name'>;

/** The quick study: MLPs on the embedded digits. */
const QUICK: Base = {
  dataset: { id: 'digits', limit: 2500 },
  model: { kind: 'mlp', hidden: [256] },
  training: { epochs: 12, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 16 },
  robust: { epsilon: 0.1, stepSize: 0.01, steps: 20, maxSamples: 200 },
  tags: ['quick'],
};
const QUICK_ATTACK = { epsilon: 0.1, stepSize: (1.25 * 0.1) / 3, steps: 3 };

/** DeMem at laptop scale: 16 MLPs per method on 4,000 Fashion-MNIST images (2,000 members each). */
const FASHION: Base = {
  dataset: { id: 'fashion-mnist', limit: 4000 },
  model: { kind: 'mlp', hidden: [256] },
  training: { epochs: 20, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 16 },
  robust: { epsilon: 0.1, stepSize: 0.01, steps: 20, maxSamples: 300 },
  tags: ['demem', 'laptop'],
};

/** DeMem's training attack (its code: 3 steps of 1.25·ε/3), at a given ε. */
const pgdAt = (epsilon = 0.1) => ({ kind: 'pgd-at' as const, epsilon, stepSize: (1.25 * epsilon) / 3, steps: 3 });
const trades = (epsilon = 0.1) => ({ kind: 'trades' as const, beta: 6, epsilon, stepSize: (1.25 * epsilon) / 3, steps: 3, init: 'uniform' as const });

/** DeMem at the paper's scale: ResNet-18 on all 60,000 CIFAR-100 images, 128 models, 10-query LiRA. */
const CIFAR100: Base = {
  dataset: { id: 'cifar100', path: 'cifar-100-binary.tar.gz', split: 'all' },
  model: { kind: 'resnet18' },
  training: {
    epochs: 100,
    batchSize: 256,
    optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9, weightDecay: 5e-4 },
    schedule: { kind: 'step', milestones: [75], gamma: 0.1 },
    augmentation: { crop: true, flip: true },
    checkpointEvery: 5,
  },
  shadow: { models: 128 },
  queries: { preset: 'demem-10' },
  robust: { epsilon: 8 / 255, stepSize: 1 / 255, steps: 20, maxSamples: 1000 },
  attacks: { targets: 10, lira: { preset: 'demem' } },
  tags: ['demem', 'paper-scale'],
};
const PAPER_ATTACK = (epsilon = 8 / 255) => ({ epsilon, stepSize: (1.25 * epsilon) / 3, steps: 3 });

/** The SAM paper at laptop scale: the Location-30 classifier (446 → 512 → 256 → 128 → 30, tanh), 16 models. */
const LOCATION: Base = {
  dataset: { id: 'location30', path: 'dataset_location.tgz' },
  model: { kind: 'mlp', preset: 'location' },
  training: { epochs: 30, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 16 },
  robust: { enabled: false },
  attacks: { targets: 8, nn: true },
  tags: ['sam', 'laptop'],
};

/** Influence buckets at laptop scale: rare atypical sub-clusters, 64 models, 1,000 held-out points. */
const SUBGROUPS: Base = {
  dataset: { id: 'subgroups', options: { size: 5000, rarity: 0.05 }, heldOut: 1000 },
  model: { kind: 'mlp', hidden: [64] },
  training: { epochs: 30, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 64 },
  robust: { enabled: false },
  attacks: { targets: 8 },
  tags: ['sam', 'laptop'],
};

/** The SAM paper at its scale: ResNet-18 on CIFAR-100 (the paper used ResNet-50 and 4,000 models for influence). */
const CIFAR100_SAM: Base = {
  ...CIFAR100,
  queries: { preset: 'mirror' },
  attacks: { targets: 10, nn: true },
  robust: { enabled: false },
  tags: ['sam', 'paper-scale'],
};

const SHARPREG = (gamma: number) => ({ kind: 'sharpreg' as const, lambda: 1.5, rho: 0.01, gamma });

export const PRESETS: Preset[] = [
  {
    id: 'quick',
    name: 'Quick study: does DeMem help?',
    description:
      'ERM, PGD-AT and PGD-AT + DeMem on the embedded digits, 16 models each, attacked with LiRA. ' +
      'Small enough to finish in a few minutes on a laptop; the question DeMem Table 2 asks.',
    scale: 'laptop',
    report: null,
    studies: [
      { ...QUICK, name: 'Quick · ERM', method: {} },
      { ...QUICK, name: 'Quick · PGD-AT', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK } } },
      { ...QUICK, name: 'Quick · PGD-AT + DeMem', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK }, demem: { lambda: 0.4 } } },
    ],
  },
  {
    id: 'demem-table2',
    name: 'DeMem Table 2: PGD-AT and TRADES, with and without DeMem',
    description: 'Natural and robust accuracy and LiRA TPR at 0.1% and 0.001% FPR for PGD-AT and TRADES, each with and without the DeMem penalty (λ = 0.2).',
    scale: 'laptop',
    report: 'demem-table2',
    studies: [
      { ...FASHION, name: 'DeMem T2 · PGD-AT', method: { objective: pgdAt() } },
      { ...FASHION, name: 'DeMem T2 · PGD-AT + DeMem', method: { objective: pgdAt(), demem: { lambda: 0.2 } } },
      { ...FASHION, name: 'DeMem T2 · TRADES', method: { objective: trades() } },
      { ...FASHION, name: 'DeMem T2 · TRADES + DeMem', method: { objective: trades(), demem: { lambda: 0.2 } } },
    ],
  },
  {
    id: 'demem-table1',
    name: 'DeMem Table 1: PGD-AT against PGD-AT + DP-SGD',
    description: 'What DP-SGD with the paper\u2019s σ = 0.05, C = 10 costs adversarial training — and that its ε guarantees nothing.',
    scale: 'laptop',
    report: 'demem-table1',
    studies: [
      { ...FASHION, name: 'DeMem T2 · PGD-AT', method: { objective: pgdAt() } },
      { ...FASHION, name: 'DeMem T1 · PGD-AT + DP-SGD', method: { objective: pgdAt(), update: { kind: 'dp-sgd', noiseMultiplier: 0.05, clipNorm: 10 } } },
    ],
  },
  {
    id: 'demem-fig2',
    name: 'DeMem Fig. 2: the λ sweep',
    description: 'PGD-AT + DeMem at λ = 0, 0.2, 0.4 and 0.8: leakage against robust accuracy.',
    scale: 'laptop',
    report: 'demem-fig2',
    studies: [
      { ...FASHION, name: 'DeMem T2 · PGD-AT', method: { objective: pgdAt() } },
      { ...FASHION, name: 'DeMem T2 · PGD-AT + DeMem', method: { objective: pgdAt(), demem: { lambda: 0.2 } } },
      { ...FASHION, name: 'DeMem F2 · PGD-AT + DeMem λ=0.4', method: { objective: pgdAt(), demem: { lambda: 0.4 } } },
      { ...FASHION, name: 'DeMem F2 · PGD-AT + DeMem λ=0.8', method: { objective: pgdAt(), demem: { lambda: 0.8 } } },
    ],
  },
  {
    id: 'demem-fig3',
    name: 'DeMem Fig. 3: the ε sweep',
    description: 'PGD-AT and PGD-AT + DeMem (λ = 0.2) at three attack budgets ε.',
    scale: 'laptop',
    report: 'demem-fig3',
    studies: [0.05, 0.1, 0.2].flatMap((epsilon) => [
      { ...FASHION, name: epsilon === 0.1 ? 'DeMem T2 · PGD-AT' : `DeMem F3 · PGD-AT ε=${epsilon}`, method: { objective: pgdAt(epsilon) }, robust: { ...FASHION.robust, epsilon, stepSize: epsilon / 10 } },
      {
        ...FASHION,
        name: epsilon === 0.1 ? 'DeMem T2 · PGD-AT + DeMem' : `DeMem F3 · PGD-AT + DeMem ε=${epsilon}`,
        method: { objective: pgdAt(epsilon), demem: { lambda: 0.2 } },
        robust: { ...FASHION.robust, epsilon, stepSize: epsilon / 10 },
      },
    ]),
  },
  {
    id: 'demem-fig1',
    name: 'DeMem Fig. 1: leakage and accuracy per memorization bin',
    description: 'LiRA TPR at 0.1% FPR and accuracy per memorization bin, for PGD-AT, PGD-AT + DP-SGD and PGD-AT + DeMem.',
    scale: 'laptop',
    report: 'demem-fig1',
    studies: [
      { ...FASHION, name: 'DeMem T2 · PGD-AT', method: { objective: pgdAt() } },
      { ...FASHION, name: 'DeMem T1 · PGD-AT + DP-SGD', method: { objective: pgdAt(), update: { kind: 'dp-sgd', noiseMultiplier: 0.05, clipNorm: 10 } } },
      { ...FASHION, name: 'DeMem T2 · PGD-AT + DeMem', method: { objective: pgdAt(), demem: { lambda: 0.2 } } },
    ],
  },
  {
    id: 'sam-table1',
    name: 'SAM paper Table 1: SGD, SAM and SharpReg',
    description: 'Test accuracy, the best single-query attack accuracy and the label-only (noise) attack accuracy.',
    scale: 'laptop',
    report: 'sam-table1',
    studies: [
      { ...LOCATION, name: 'SAM T1 · SGD', method: {} },
      { ...LOCATION, name: 'SAM T1 · SAM', method: { update: { kind: 'sam', rho: 0.05 } } },
      { ...LOCATION, name: 'SAM T1 · SharpReg', method: { update: SHARPREG(0.1) } },
    ],
  },
  {
    id: 'sharpreg-gamma',
    name: 'SharpReg γ sweep',
    description: 'SharpReg(1.5, 0.01, γ) for γ = 0.1, 0.3, 0.5, 0.7: test accuracy against attack accuracy.',
    scale: 'laptop',
    report: 'sharpreg-gamma',
    studies: [
      { ...LOCATION, name: 'SAM T1 · SGD', method: {} },
      ...[0.1, 0.3, 0.5, 0.7].map((gamma) => ({ ...LOCATION, name: gamma === 0.1 ? 'SAM T1 · SharpReg' : `SharpReg γ=${gamma}`, method: { update: SHARPREG(gamma) } })),
    ],
  },
  {
    id: 'sam-buckets',
    name: 'SAM paper: accuracy per influence-entropy bucket',
    description: 'SGD and SAM on data with rare atypical sub-clusters: where does SAM\u2019s accuracy gain come from?',
    scale: 'laptop',
    report: 'sam-buckets',
    studies: [
      { ...SUBGROUPS, name: 'Buckets · SGD', method: {} },
      { ...SUBGROUPS, name: 'Buckets · SAM', method: { update: { kind: 'sam', rho: 0.05 } } },
    ],
  },
  // The same reproductions at the papers' scale (CIFAR, ResNet-18): for GPU workstations.
  {
    id: 'demem-table2-paper',
    name: 'DeMem Table 2 at the paper\u2019s scale (CIFAR-100, ResNet-18)',
    description: '128 ResNet-18 models per method on all 60,000 CIFAR-100 images, 10-query LiRA. Needs a GPU and cifar-100-binary.tar.gz.',
    scale: 'paper',
    report: 'demem-table2',
    studies: [
      { ...CIFAR100, name: 'DeMem T2 (CIFAR-100) · PGD-AT', method: { objective: { kind: 'pgd-at', ...PAPER_ATTACK() } } },
      { ...CIFAR100, name: 'DeMem T2 (CIFAR-100) · PGD-AT + DeMem', method: { objective: { kind: 'pgd-at', ...PAPER_ATTACK() }, demem: { lambda: 0.2 } } },
      { ...CIFAR100, name: 'DeMem T2 (CIFAR-100) · TRADES', method: { objective: { kind: 'trades', beta: 6, init: 'uniform', ...PAPER_ATTACK() } } },
      { ...CIFAR100, name: 'DeMem T2 (CIFAR-100) · TRADES + DeMem', method: { objective: { kind: 'trades', beta: 6, init: 'uniform', ...PAPER_ATTACK() }, demem: { lambda: 0.2 } } },
    ],
  },
  {
    id: 'demem-table1-paper',
    name: 'DeMem Table 1 at the paper\u2019s scale (CIFAR-100, ResNet-18 with GroupNorm for DP)',
    description: 'PGD-AT against PGD-AT + DP-SGD (σ = 0.05, C = 10). DP needs GroupNorm, so the DP model is a different architecture, as with Opacus.',
    scale: 'paper',
    report: 'demem-table1',
    studies: [
      { ...CIFAR100, name: 'DeMem T2 (CIFAR-100) · PGD-AT', method: { objective: { kind: 'pgd-at', ...PAPER_ATTACK() } } },
      {
        ...CIFAR100,
        name: 'DeMem T1 (CIFAR-100) · PGD-AT + DP-SGD',
        model: { kind: 'resnet18', norm: 'group' },
        method: { objective: { kind: 'pgd-at', ...PAPER_ATTACK() }, update: { kind: 'dp-sgd', noiseMultiplier: 0.05, clipNorm: 10 } },
      },
    ],
  },
  {
    id: 'sam-table1-paper',
    name: 'SAM paper Table 1 at the paper\u2019s scale (CIFAR-100, ResNet-18)',
    description: 'SGD, SAM and SharpReg(1.5, 0.01, 0.1) on CIFAR-100. Needs a GPU and cifar-100-binary.tar.gz.',
    scale: 'paper',
    report: 'sam-table1',
    studies: [
      { ...CIFAR100_SAM, name: 'SAM T1 (CIFAR-100) · SGD', method: {} },
      { ...CIFAR100_SAM, name: 'SAM T1 (CIFAR-100) · SAM', method: { update: { kind: 'sam', rho: 0.05 } } },
      { ...CIFAR100_SAM, name: 'SAM T1 (CIFAR-100) · SharpReg', method: { update: SHARPREG(0.1) } },
    ],
  },
];

/** A preset by id. @throws Error naming the known presets. */
export function presetById(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset "${id}" (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

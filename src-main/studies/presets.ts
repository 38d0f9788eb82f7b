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

/**
 * The quick study: 784 → 256 → 10 MLPs on 1,000 of the embedded digits (500 members each), 30 epochs,
 * ε = 0.1. With 500 members and 30 epochs the models overfit enough for LiRA to separate the methods
 * (TPR at 0.1% FPR ≈ 6–8%; 1,250 members and 12 epochs gave ≈ 1%, within noise of each other), and
 * the three studies take about 2½ minutes on two cores.
 */
const QUICK: Base = {
  dataset: { id: 'digits', limit: 1000 },
  model: { kind: 'mlp', hidden: [256] },
  training: { epochs: 30, batchSize: 32, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 16 },
  robust: { epsilon: 0.1, stepSize: 0.0125, steps: 20, maxSamples: 200 },
  tags: ['quick'],
};
const QUICK_ATTACK = { epsilon: 0.1, stepSize: (1.25 * 0.1) / 3, steps: 3 };

/** The methods tour: every training method on 4,000 digits, 4 models each, with the MLP and the small CNN. */
const TOUR: Omit<Base, 'model'> = {
  dataset: { id: 'digits', limit: 4000 },
  training: { epochs: 10, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 4 },
  robust: { epsilon: 0.1, stepSize: 0.0125, steps: 20, maxSamples: 300 },
  attacks: { targets: 2 },
  tags: ['tour'],
};

/** Each method of both papers, at the digits' ε = 0.1 with DeMem's 3-step training attack. */
const TOUR_METHODS: Array<{ label: string; method: StudyConfigInput['method']; swa?: true }> = [
  { label: 'ERM', method: {} },
  { label: 'PGD-AT', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK } } },
  { label: 'PGD-AT + DeMem', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK }, demem: { lambda: 0.2 } } },
  { label: 'TRADES', method: { objective: { kind: 'trades', beta: 6, ...QUICK_ATTACK } } },
  { label: 'SAM', method: { update: { kind: 'sam', rho: 0.05 } } },
  { label: 'SWA', method: {}, swa: true },
  { label: 'SharpReg', method: { update: { kind: 'sharpreg', lambda: 1.5, rho: 0.01, gamma: 0.1 } } },
  { label: 'DP-SGD', method: { update: { kind: 'dp-sgd', noiseMultiplier: 1, clipNorm: 1 } } },
];

/** The tour's studies for one model: the CNN trains fewer epochs, each being costlier. */
function tourStudies(model: 'mlp' | 'cnn'): StudyConfigInput[] {
  const epochs = model === 'cnn' ? 5 : 10;
  // SWA averages the second half of training at a constant, lower learning rate.
  const swa = { startEpoch: Math.floor(epochs / 2) + 1, lr: 0.02 };
  return TOUR_METHODS.map(({ label, method, swa: averaged }) => ({
    ...TOUR,
    name: `Tour · ${model.toUpperCase()} · ${label}`,
    model: model === 'cnn' ? { kind: 'cnn' } : { kind: 'mlp', hidden: [256] },
    training: { ...TOUR.training, epochs, ...(averaged ? { swa } : {}) },
    method,
  }));
}

/**
 * DeMem at laptop scale: 16 MLPs (784 → 512 → 10) per method on 1,000 Fashion-MNIST images, 500
 * members each, 40 epochs. Small members-per-model and long training make the models overfit enough
 * that LiRA finds members at zero false positives (TPR ≈ 1–2%); at 4,000 images and 20 epochs TPR
 * stayed near the FPR and no method could be told apart.
 */
const FASHION: Base = {
  dataset: { id: 'fashion-mnist', limit: 1000 },
  model: { kind: 'mlp', hidden: [512] },
  training: { epochs: 40, batchSize: 32, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 16 },
  robust: { epsilon: 0.1, stepSize: 0.0125, steps: 20, maxSamples: 300 },
  attacks: { targets: 8 },
  tags: ['demem', 'laptop'],
};

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

/** One scale of the DeMem reproductions. */
interface DeMemScale {
  scale: PresetScale;
  /** Study names start with this, so one scale's studies sort together. */
  prefix: string;
  base: Base;
  /** The attack budget of Table 2; Fig. 3 also trains at half and twice this. */
  epsilon: number;
  /** DP-SGD cannot use BatchNorm: the DP model swaps it for GroupNorm, as Opacus does. */
  dpModel?: Base['model'];
}

const DEMEM_LAPTOP: DeMemScale = { scale: 'laptop', prefix: 'DeMem', base: FASHION, epsilon: 0.1 };
const DEMEM_PAPER: DeMemScale = { scale: 'paper', prefix: 'DeMem (CIFAR-100)', base: CIFAR100, epsilon: 8 / 255, dpModel: { kind: 'resnet18', norm: 'group' } };

/** The DP-SGD setting of DeMem Table 1 and Fig. 1. */
const DP = { kind: 'dp-sgd' as const, noiseMultiplier: 0.05, clipNorm: 10 };

/**
 * One DeMem study: PGD-AT or TRADES at budget ε (DeMem's code: 3 training steps of 1.25·ε/3), with
 * the DeMem penalty when λ > 0, evaluated with PGD-20 at the same ε. Equal settings give equal
 * names and configs, so presets share them.
 */
function dememStudy(s: DeMemScale, objective: 'pgd-at' | 'trades', lambda: number, epsilon = s.epsilon, dp = false): StudyConfigInput {
  const attack = { epsilon, stepSize: (1.25 * epsilon) / 3, steps: 3 };
  const label = [
    objective === 'pgd-at' ? 'PGD-AT' : 'TRADES',
    dp ? ' + DP-SGD' : '',
    lambda > 0 ? ` + DeMem λ=${lambda}` : '',
    epsilon === s.epsilon ? '' : ` ε=${formatBudget(epsilon, s)}`,
  ].join('');
  return {
    ...s.base,
    name: `${s.prefix} · ${label}`,
    ...(dp && s.dpModel ? { model: s.dpModel } : {}),
    method: {
      objective: objective === 'pgd-at' ? { kind: 'pgd-at', ...attack } : { kind: 'trades', beta: 6, init: 'uniform', ...attack },
      ...(lambda > 0 ? { demem: { lambda } } : {}),
      ...(dp ? { update: DP } : {}),
    },
    // PGD-20 with the paper's step ratio (α = 1/255 at ε = 8/255).
    robust: { ...s.base.robust, epsilon, stepSize: epsilon / 8 },
  };
}

/** ε as users write it: in 1/255 units for CIFAR, plainly for the [0, 1] laptop images. */
const formatBudget = (epsilon: number, s: DeMemScale) => (s.scale === 'paper' ? `${Math.round(epsilon * 255)}/255` : String(epsilon));

/** The five DeMem reproductions at one scale. */
function dememPresets(s: DeMemScale): Preset[] {
  const suffix = s.scale === 'paper' ? '-paper' : '';
  const where = s.scale === 'paper' ? ' at the paper\u2019s scale (CIFAR-100, ResNet-18)' : '';
  const eps = [s.epsilon / 2, s.epsilon, s.epsilon * 2];
  return [
    {
      id: `demem-table2${suffix}`,
      name: `DeMem Table 2: PGD-AT and TRADES, with and without DeMem${where}`,
      description: 'Natural and robust accuracy and LiRA TPR at 0.1% and 0.001% FPR for PGD-AT and TRADES, each with and without the DeMem penalty (λ = 0.2).',
      scale: s.scale,
      report: 'demem-table2',
      studies: [dememStudy(s, 'pgd-at', 0), dememStudy(s, 'pgd-at', 0.2), dememStudy(s, 'trades', 0), dememStudy(s, 'trades', 0.2)],
    },
    {
      id: `demem-table1${suffix}`,
      name: `DeMem Table 1: PGD-AT against PGD-AT + DP-SGD${where}`,
      description: 'What DP-SGD with the paper\u2019s σ = 0.05, C = 10 costs adversarial training, and that its ε guarantees nothing.',
      scale: s.scale,
      report: 'demem-table1',
      studies: [dememStudy(s, 'pgd-at', 0), dememStudy(s, 'pgd-at', 0, s.epsilon, true)],
    },
    {
      id: `demem-fig2${suffix}`,
      name: `DeMem Fig. 2: the λ sweep${where}`,
      description: 'PGD-AT + DeMem at λ = 0, 0.2, 0.4, 0.6 and TRADES + DeMem at λ = 0, 0.2, 0.3, 0.4 (the paper\u2019s values): leakage against robust accuracy.',
      scale: s.scale,
      report: 'demem-fig2',
      studies: [...[0, 0.2, 0.4, 0.6].map((l) => dememStudy(s, 'pgd-at', l)), ...[0, 0.2, 0.3, 0.4].map((l) => dememStudy(s, 'trades', l))],
    },
    {
      id: `demem-fig3${suffix}`,
      name: `DeMem Fig. 3: the ε sweep${where}`,
      description: `PGD-AT and PGD-AT + DeMem (λ = 0.2) trained and evaluated at ε = ${eps.map((e) => formatBudget(e, s)).join(', ')}.`,
      scale: s.scale,
      report: 'demem-fig3',
      studies: eps.flatMap((e) => [dememStudy(s, 'pgd-at', 0, e), dememStudy(s, 'pgd-at', 0.2, e)]),
    },
    {
      id: `demem-fig1${suffix}`,
      name: `DeMem Fig. 1: leakage and accuracy per memorization bin${where}`,
      description: 'LiRA TPR at 0.1% FPR and accuracy per memorization bin, for PGD-AT, PGD-AT + DP-SGD and PGD-AT + DeMem.',
      scale: s.scale,
      report: 'demem-fig1',
      studies: [dememStudy(s, 'pgd-at', 0), dememStudy(s, 'pgd-at', 0, s.epsilon, true), dememStudy(s, 'pgd-at', 0.2)],
    },
  ];
}

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

/** The SAM paper at its scale: ResNet-18 on CIFAR-100 (the paper used ResNet-50). */
const CIFAR100_SAM: Base = {
  ...CIFAR100,
  queries: { preset: 'mirror' },
  attacks: { targets: 10, nn: true },
  robust: { enabled: false },
  tags: ['sam', 'paper-scale'],
};

/** Influence buckets at the paper's scale: 10,000 CIFAR-100 images held out as the test points. */
const CIFAR100_BUCKETS: Base = { ...CIFAR100_SAM, dataset: { ...CIFAR100.dataset, heldOut: 10_000 } };

/** One scale of the SAM paper's reproductions. */
interface SamScale {
  scale: PresetScale;
  prefix: string;
  base: Base;
  buckets: Base;
}

const SAM_LAPTOP: SamScale = { scale: 'laptop', prefix: 'SAM', base: LOCATION, buckets: SUBGROUPS };
const SAM_PAPER: SamScale = { scale: 'paper', prefix: 'SAM (CIFAR-100)', base: CIFAR100_SAM, buckets: CIFAR100_BUCKETS };

/** The paper's SharpReg(λ = 1.5, ρ = 0.01, γ), with flooding (default) or the confidence penalty as its third term. */
const sharpReg = (gamma: number, regulariser: 'flooding' | 'confidence-penalty' = 'flooding') => ({ kind: 'sharpreg' as const, lambda: 1.5, rho: 0.01, gamma, regulariser });
const SHARPREG_GAMMAS = [0.1, 0.3, 0.5, 0.7];
const SAM_UPDATE = { kind: 'sam' as const, rho: 0.05 };

/** The SAM paper's three reproductions at one scale. */
function samPresets(s: SamScale): Preset[] {
  const suffix = s.scale === 'paper' ? '-paper' : '';
  const where = s.scale === 'paper' ? ' at the paper\u2019s scale (CIFAR-100, ResNet-18)' : '';
  const sgd: StudyConfigInput = { ...s.base, name: `${s.prefix} · SGD`, method: {} };
  const withSharpReg = (gamma: number): StudyConfigInput => ({ ...s.base, name: `${s.prefix} · SharpReg flooding γ=${gamma}`, method: { update: sharpReg(gamma) } });
  const withPenalty = (gamma: number): StudyConfigInput => ({
    ...s.base,
    name: `${s.prefix} · SharpReg confidence penalty γ=${gamma}`,
    method: { update: sharpReg(gamma, 'confidence-penalty') },
  });
  return [
    {
      id: `sam-table1${suffix}`,
      name: `SAM paper Table 1: SGD, SAM and SharpReg${where}`,
      description: 'Test accuracy, the best single-query attack accuracy and the label-only attack accuracy.',
      scale: s.scale,
      report: 'sam-table1',
      studies: [sgd, { ...s.base, name: `${s.prefix} · SAM`, method: { update: SAM_UPDATE } }, withSharpReg(0.1)],
    },
    {
      id: `sharpreg-gamma${suffix}`,
      name: `SharpReg γ sweep${where}`,
      description:
        'SharpReg(1.5, 0.01, γ) for γ = 0.1, 0.3, 0.5, 0.7, with each reading of the third term (flooding, confidence penalty): test accuracy against attack accuracy.',
      scale: s.scale,
      report: 'sharpreg-gamma',
      studies: [sgd, ...SHARPREG_GAMMAS.map(withSharpReg), ...SHARPREG_GAMMAS.map(withPenalty)],
    },
    {
      id: `sam-buckets${suffix}`,
      name: `SAM paper: accuracy per influence-entropy bucket${where}`,
      description: 'SGD and SAM, with influence estimated on held-out points: where does SAM\u2019s accuracy gain come from?',
      scale: s.scale,
      report: 'sam-buckets',
      studies: [
        { ...s.buckets, name: `${s.prefix} buckets · SGD`, method: {} },
        { ...s.buckets, name: `${s.prefix} buckets · SAM`, method: { update: SAM_UPDATE } },
      ],
    },
  ];
}

/** Every preset: the quick study, then each reproduction at laptop scale, then at the papers' scale (for GPU workstations). */
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
      { ...QUICK, name: 'Quick · PGD-AT + DeMem', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK }, demem: { lambda: 0.2 } } },
    ],
  },
  {
    id: 'methods',
    name: 'Tour of the training methods',
    description:
      'ERM, PGD-AT, PGD-AT + DeMem, TRADES, SAM, SWA, SharpReg and DP-SGD on 4,000 digits, with the MLP and the small CNN: ' +
      'natural and robust accuracy, leakage and cost of each, side by side.',
    scale: 'laptop',
    report: null,
    studies: [...tourStudies('mlp'), ...tourStudies('cnn')],
  },
  ...dememPresets(DEMEM_LAPTOP),
  ...samPresets(SAM_LAPTOP),
  ...dememPresets(DEMEM_PAPER),
  ...samPresets(SAM_PAPER),
];

/** The laptop-scale DeMem base, for the reports that describe it. */
export const DEMEM_LAPTOP_BASE = FASHION;

/** A preset by id. @throws Error naming the known presets. */
export function presetById(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset "${id}" (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

/**
 * How the generated study form is arranged: which top-level parts of the config go in which
 * section, which fields are common (shown first) while the rest wait under "Advanced", and the
 * labels and hints people read. Fields the schema gains later land under "Advanced" of their
 * section (or of "Other") without any change here.
 */
import { MLP_PRESETS } from '../../../src-shared/config/model';
import { humanise, type FieldNode } from '../../components/form/schema-walk';
import { setAt, type Values } from '../../components/form/form-values';

export interface FormSection {
  id: string;
  title: string;
  /** Top-level keys of the config drawn in this section. */
  keys: string[];
}

export const SECTIONS: FormSection[] = [
  { id: 'study', title: 'Study', keys: ['name', 'description', 'tags', 'seed'] },
  { id: 'dataset', title: 'Dataset', keys: ['dataset'] },
  { id: 'model', title: 'Model', keys: ['model'] },
  { id: 'training', title: 'Training', keys: ['training'] },
  { id: 'method', title: 'Method', keys: ['method'] },
  { id: 'shadow', title: 'Shadow models', keys: ['shadow'] },
  { id: 'queries', title: 'Queries', keys: ['queries'] },
  { id: 'robust', title: 'Robustness', keys: ['robust'] },
  { id: 'attacks', title: 'Attacks', keys: ['attacks'] },
  { id: 'memorization', title: 'Memorization', keys: ['memorization'] },
];

/** The sections for a config tree, with an "Other" section for top-level keys none of them names. */
export function sectionsFor(root: FieldNode): FormSection[] {
  const keys = root.kind === 'object' ? root.children.map((c) => c.key) : [];
  const named = new Set(SECTIONS.flatMap((s) => s.keys));
  const other = keys.filter((k) => !named.has(k));
  return other.length ? [...SECTIONS, { id: 'other', title: 'Other', keys: other }] : SECTIONS;
}

/** Fields shown without opening "Advanced": what most studies set. */
const COMMON = new Set([
  'name',
  'description',
  'tags',
  'dataset.id',
  'dataset.path',
  'dataset.limit',
  'dataset.heldOut',
  'model',
  'model.preset',
  'model.hidden',
  'model.activation',
  'model.norm',
  'model.channels',
  'model.dense',
  'model.width',
  'model.layers',
  'training.epochs',
  'training.batchSize',
  'training.optimizer',
  'training.optimizer.lr',
  'method.objective',
  'method.objective.epsilon',
  'method.objective.steps',
  'method.objective.beta',
  'method.update',
  'method.update.rho',
  'method.update.lambda',
  'method.update.gamma',
  'method.update.noiseMultiplier',
  'method.update.clipNorm',
  'method.demem',
  'method.demem.lambda',
  'shadow.models',
  'queries.preset',
  'robust.enabled',
  'robust.epsilon',
  'robust.steps',
  'robust.maxSamples',
  'attacks.targets',
  'attacks.fprs',
  'memorization.enabled',
]);

/** Whether a field waits under "Advanced". */
export function isAdvanced(path: string): boolean {
  return !COMMON.has(path);
}

const LABELS: Record<string, string> = {
  tags: 'Tags',
  'dataset.id': 'Dataset',
  'dataset.path': 'File or folder',
  'dataset.limit': 'Sample limit',
  'dataset.heldOut': 'Held-out samples',
  'dataset.options': 'Loader options (JSON)',
  model: 'Architecture',
  'model.preset': 'MLP preset',
  'model.hidden': 'Hidden widths',
  'model.channels': 'Conv channels',
  'model.dense': 'Dense width',
  'model.layers': 'Layers (JSON)',
  'training.batchSize': 'Batch size',
  'training.optimizer': 'Optimizer',
  'training.optimizer.lr': 'Learning rate',
  'training.optimizer.weightDecay': 'Weight decay',
  'training.optimizer.beta1': 'Adam β₁',
  'training.optimizer.beta2': 'Adam β₂',
  'training.optimizer.epsilon': 'Adam ε',
  'training.schedule': 'LR schedule',
  'training.schedule.gamma': 'LR factor γ',
  'training.swa': 'Stochastic weight averaging (SWA)',
  'training.swa.startEpoch': 'SWA start epoch',
  'training.swa.lr': 'SWA learning rate',
  'method.objective': 'Objective',
  'method.objective.epsilon': 'Training PGD ε',
  'method.objective.stepSize': 'Training PGD step size',
  'method.objective.steps': 'Training PGD steps',
  'method.objective.randomStart': 'PGD random start',
  'method.objective.beta': 'TRADES β',
  'method.objective.init': 'TRADES initialisation',
  'method.update': 'Update',
  'method.update.rho': 'Radius ρ',
  'method.update.lambda': 'SharpReg λ',
  'method.update.gamma': 'SharpReg γ',
  'method.update.noiseMultiplier': 'Noise multiplier σ',
  'method.update.clipNorm': 'Clip norm C',
  'method.update.delta': 'DP δ',
  'method.update.bnFirstPassOnly': 'BatchNorm statistics from the first pass only',
  'method.demem': 'DeMem (variance penalty)',
  'method.demem.lambda': 'DeMem λ',
  'shadow.models': 'Models (K)',
  'shadow.pIn': 'IN fraction (pIn)',
  'queries.preset': 'Query augmentations',
  'queries.labelOnly': 'Label-only queries',
  'robust.enabled': 'Measure robust accuracy',
  'robust.norm': 'Norm',
  'robust.epsilon': 'Evaluation PGD ε',
  'robust.stepSize': 'Evaluation PGD step size',
  'robust.steps': 'Evaluation PGD steps',
  'robust.maxSamples': 'Samples per model',
  'attacks.targets': 'Target models',
  'attacks.fprs': 'FPRs for TPR',
  'attacks.tprRule': 'TPR rule',
  'attacks.lira': 'LiRA',
  'attacks.rmia': 'RMIA',
  'attacks.rmia.a': 'RMIA a',
  'attacks.rmia.gamma': 'RMIA γ',
  'attacks.threshold': 'Threshold attacks',
  'attacks.nn': 'Neural-network attack',
  'attacks.labelOnly': 'Label-only attacks',
  'memorization.enabled': 'Estimate memorization',
  'memorization.influence': 'Influence',
};

/** A field's label: a name people use ("Learning rate"), else the key in words. */
export function fieldLabel(node: FieldNode): string {
  return LABELS[node.path] ?? humanise(node.key);
}

const HELP: Record<string, string> = {
  'dataset.path': 'For datasets read from disk (CSV, Location-30, Purchase-100, Texas-100).',
  'dataset.limit': 'A seeded random subset of this many samples; empty for the whole split.',
  'dataset.heldOut': 'Samples no model trains on (influence estimates, test accuracy).',
  'model.hidden': 'Widths of the hidden layers, e.g. 256, 128.',
  'method.objective.epsilon': 'L∞ radius on inputs scaled to [0, 1]; 8/255 is the usual image budget.',
  'method.update.noiseMultiplier': 'Gaussian noise of std σ·C on the sum of clipped per-sample gradients.',
  'method.demem': 'Adds λ·Var(per-sample adversarial losses of the batch) to the loss.',
  'shadow.models': 'Every sample is IN for K·pIn models and OUT for the rest.',
  'robust.epsilon': 'L∞ (or L2) radius of the evaluation attack, inputs in [0, 1].',
  'robust.maxSamples': 'Robust accuracy on at most this many OUT samples per model.',
  'attacks.targets': 'Each target is attacked with every other model as a shadow (at most K).',
  'attacks.fprs': 'TPR is reported at each of these false-positive rates (e.g. 0.01, 0.001).',
};

/** A one-line hint under a field, where there is one. */
export function fieldHelp(path: string): string | undefined {
  return HELP[path];
}

/**
 * Fields that follow another: choosing an MLP preset fills the widths and activation it stands
 * for (the schema fills them only when left out, and the form always sends them).
 */
export function applyDependents(config: Values, path: string, value: unknown): void {
  if (path === 'model.preset' && typeof value === 'string' && value in MLP_PRESETS) {
    const preset = MLP_PRESETS[value as keyof typeof MLP_PRESETS];
    setAt(config, 'model.hidden', [...preset.hidden]);
    setAt(config, 'model.activation', preset.activation);
  }
}

/**
 * The part of the config tree a section draws, as an unlabelled object: a section's plain
 * objects are opened (their fields sit directly in the section, under its title).
 */
export function sectionNode(root: FieldNode, section: FormSection): FieldNode {
  const top = root.kind === 'object' ? root.children.filter((c) => section.keys.includes(c.key)) : [];
  const children = top.flatMap((c) => (c.kind === 'object' && !c.optional ? c.children : [c]));
  return { kind: 'object', path: '', key: '', label: section.title, optional: false, hasDefault: false, children };
}

/**
 * Named study suites: the quick study (the main job on a fresh machine) and the reproductions of
 * both papers. A preset is one or more study configs run together and read as one table.
 */
import type { StudyConfigInput } from '../../src-shared/config/study';

export interface Preset {
  id: string;
  name: string;
  description: string;
  studies: StudyConfigInput[];
}

/** The model, data and training every quick-study variant shares. */
const QUICK_BASE = {
  dataset: { id: 'digits', limit: 2500 },
  model: { kind: 'mlp', hidden: [256] },
  training: { epochs: 12, batchSize: 64, optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, weightDecay: 0 } },
  shadow: { models: 16 },
  robust: { epsilon: 0.1, stepSize: 0.01, steps: 20, maxSamples: 200 },
  attacks: { targets: 8, rmia: { enabled: true }, threshold: true, labelOnly: true, nn: false },
  tags: ['quick'],
} satisfies Omit<StudyConfigInput, 'name'>;

const QUICK_ATTACK = { epsilon: 0.1, stepSize: (1.25 * 0.1) / 3, steps: 3, randomStart: true };

export const PRESETS: Preset[] = [
  {
    id: 'quick',
    name: 'Quick study: does DeMem help?',
    description:
      'ERM, PGD-AT and PGD-AT + DeMem on the embedded digits, 16 models each, attacked with LiRA. ' +
      'Small enough to finish in a few minutes on a laptop; the same question DeMem Table 2 asks.',
    studies: [
      { ...QUICK_BASE, name: 'Quick · ERM', method: {} },
      { ...QUICK_BASE, name: 'Quick · PGD-AT', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK } } },
      { ...QUICK_BASE, name: 'Quick · PGD-AT + DeMem', method: { objective: { kind: 'pgd-at', ...QUICK_ATTACK }, demem: { lambda: 0.4 } } },
    ],
  },
];

/** A preset by id. @throws Error naming the known presets. */
export function presetById(id: string): Preset {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`unknown preset "${id}" (known: ${PRESETS.map((p) => p.id).join(', ')})`);
  return preset;
}

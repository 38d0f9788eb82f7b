/**
 * The standard engine workloads of ../shared/bench/WORKLOADS.md, built exactly as there so the
 * PyTorch reference (torch_reference.py) measures the same models and steps: float32, inputs
 * uniform in [0, 1], labels uniform at random, SGD with momentum 0.9.
 */
import { MethodConfigSchema } from '../../../src-shared/config/method';
import { ModelConfigSchema, type ModelConfig } from '../../../src-shared/config/model';
import type { MethodConfig } from '../../../src-shared/config/method';

export const WORKLOADS = ['mlp-purchase', 'cnn-mnist', 'cnn-cifar'] as const;
export const STEPS = ['erm', 'pgd-at', 'trades', 'dp-sgd', 'eval'] as const;
export type WorkloadName = (typeof WORKLOADS)[number];
export type StepName = (typeof STEPS)[number];

export interface Workload {
  model: ModelConfig;
  inputShape: number[];
  classes: number;
}

export function workload(name: WorkloadName): Workload {
  switch (name) {
    case 'mlp-purchase':
      return { model: ModelConfigSchema.parse({ kind: 'mlp', hidden: [1024, 512, 256, 128], activation: 'tanh' }), inputShape: [600], classes: 100 };
    case 'cnn-mnist':
      return { model: ModelConfigSchema.parse({ kind: 'cnn' }), inputShape: [28, 28, 1], classes: 10 };
    case 'cnn-cifar':
      return { model: ModelConfigSchema.parse({ kind: 'cnn' }), inputShape: [32, 32, 3], classes: 10 };
  }
}

/** The method each step measures (WORKLOADS.md's "what one step does"). */
export function stepMethod(step: Exclude<StepName, 'eval'>): MethodConfig {
  const attack = { epsilon: 8 / 255, stepSize: 2 / 255, steps: 10 };
  switch (step) {
    case 'erm':
      return MethodConfigSchema.parse({});
    case 'pgd-at':
      return MethodConfigSchema.parse({ objective: { kind: 'pgd-at', ...attack, randomStart: true } });
    case 'trades':
      return MethodConfigSchema.parse({ objective: { kind: 'trades', beta: 6, ...attack } });
    case 'dp-sgd':
      return MethodConfigSchema.parse({ update: { kind: 'dp-sgd', noiseMultiplier: 1, clipNorm: 1, sampling: 'fixed' } });
  }
}

/** Shared helpers for the store tests: temporary data directories, a study config, fake model results. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StudyConfigSchema, type StudyConfig } from '../../../src-shared/config/study';
import type { ModelResultInput } from '../../../src-main/store/model-result';

/** A fresh empty folder under the system temp folder; `cleanup` removes it. */
export function tempDataDir(prefix = 'mnemo-store-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A valid, fully defaulted study config (tabular purchase100, MLP). */
export function studyConfig(overrides: Record<string, unknown> = {}): StudyConfig {
  return StudyConfigSchema.parse({
    name: 'purchase baseline',
    dataset: { id: 'purchase100', path: '/data/purchase100.npz', limit: 2000 },
    model: { kind: 'mlp', preset: 'purchase' },
    shadow: { models: 4, pIn: 0.5 },
    attacks: { targets: 2 },
    ...overrides,
  });
}

/** Deterministic pseudo-random floats in [-4, 4) (a small LCG, so results are reproducible). */
export function floats(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = (seed * 2654435761 + 1) >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = (state / 2 ** 32) * 8 - 4;
  }
  return out;
}

/** A model result shaped like the engine's: S samples × A queries, a small MLP's weights, 3 epochs. */
export function fakeResult(samples: number, queries: number, seed: number, weightCount = 600 * 32): ModelResultInput {
  const correct = new Uint8Array(samples * queries).map((_, i) => (i * 7 + seed) % 3 === 0 ? 0 : 1);
  return {
    weights: {
      names: ['dense0/kernel', 'dense0/bias', 'dense1/kernel'],
      shapes: [[weightCount / 32, 32], [32], [32, 10]],
      values: [floats(weightCount, seed), floats(32, seed + 1), floats(320, seed + 2)],
    },
    epochs: [1, 2, 3].map((epoch) => ({ epoch, loss: 2 / epoch, accuracy: 0.3 * epoch, lr: 0.1, seconds: 0.5, samples: samples / 2 })),
    arrays: [
      { name: 'phi', data: floats(samples * queries, seed + 3), shape: [samples, queries] },
      { name: 'log_prob', data: floats(samples * queries, seed + 4), shape: [samples, queries] },
      { name: 'correct', data: correct, shape: [samples, queries] },
      { name: 'entropy', data: floats(samples, seed + 5) },
      { name: 'predicted', data: Uint16Array.from({ length: samples }, (_, i) => (i + seed) % 100) },
    ],
    metrics: { naturalAccuracy: 0.8, robustAccuracy: 0.4, queryNames: ['identity', 'mirror'].slice(0, queries) },
    timings: { trainSeconds: 1.5, outputSeconds: 0.25, robustSeconds: 0.5 },
  };
}

/** Tiny studies that run in seconds, and a runtime over a temporary data directory. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRunner } from '../../../src-main/cli/runtime';
import { createNodeEngine } from '../../../src-main/engine/host/node-engine';
import { openStore } from '../../../src-main/store';

/** A study of `models` tiny MLPs on 300 digits (40 held out). */
export function tinyConfig(name = 'tiny', overrides: Record<string, unknown> = {}, models = 4) {
  return {
    name,
    dataset: { id: 'digits', limit: 300, heldOut: 40 },
    model: { kind: 'mlp', hidden: [16] },
    training: { epochs: 1, batchSize: 32 },
    shadow: { models },
    attacks: { targets: 2 },
    robust: { steps: 2, maxSamples: 20 },
    ...overrides,
  };
}

export function tempDir(prefix = 'mnemo-study-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Opens a store, an engine of `workers` workers and a runner over `dataDir`. */
export function openTestRuntime(dataDir: string, workers = 1) {
  return startRunner(openStore({ dataDir }), createNodeEngine({ workers }));
}

/** A tiny study created through the bridge's API, for the study and samples suites (a few seconds on a laptop). */
import { callApi, type Served } from './harness';

/** Digits, 300 samples (40 held out), an MLP with 16 hidden units, 1 epoch, 4 models, 2 targets. */
export const TINY_STUDY = {
  name: 'e2e tiny digits',
  seed: 1,
  dataset: { id: 'digits', limit: 300, heldOut: 40 },
  model: { kind: 'mlp', hidden: [16] },
  training: { epochs: 1 },
  shadow: { models: 4 },
  attacks: { targets: 2 },
  robust: { steps: 2, maxSamples: 20 },
};

/** Creates the study and waits until it has completed (analysis included). Returns its id. */
export async function createTinyStudy(served: Served, config: Record<string, unknown> = TINY_STUDY, timeoutMs = 90_000): Promise<string> {
  const row = await callApi(served, 'studies.create', { config });
  const started = Date.now();
  for (;;) {
    const study = await callApi(served, 'studies.get', { id: row.id });
    if (study.status === 'completed') return row.id;
    if (study.status === 'failed' || study.status === 'cancelled') throw new Error(`study ${row.id} ${study.status}: ${study.error}`);
    if (Date.now() - started > timeoutMs) throw new Error(`study ${row.id} still ${study.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

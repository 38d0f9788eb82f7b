/**
 * Opening another pipeline's shadow models as a study: the LiRA reference layout
 * (experiment folders with keep.npy and scores or logits) becomes a completed set of "models" whose outputs
 * the workbench's attacks, plots and exports read like its own. Nothing is trained; with logits (and
 * labels) the full signal set is derived, with scores only φ and log p_y.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { StudyConfigSchema } from '../../src-shared/config/study';
import type { StudyDesign } from '../../src-shared/studies';
import { computeSignals } from '../attacks/signals';
import { readNpy } from '../io/npy';
import { labelValues } from '../io/npy-values';
import { readLiraLayout } from '../io/lira-layout';
import { createStudy, MODEL_ARRAYS, recordModelResult, type ArrayInput, type Store, type StudyRecord } from '../store';

export interface LiraImportOptions {
  dir: string;
  name?: string;
  /** Labels for logits (default <dir>/y_train.npy). */
  labels?: string;
  epoch?: number;
  /** Read logits (full signals) instead of scores; default: logits when labels are found. */
  from?: 'scores' | 'logits';
}

/** log p_y from φ (its log-odds): −softplus(−φ), without cancellation. */
const logSigmoid = (phi: number): number => (phi >= 0 ? -Math.log1p(Math.exp(-phi)) : phi - Math.log1p(Math.exp(phi)));

/**
 * Imports the layout as a study whose models are all done; queue its analysis with the runner.
 * @throws FormatError naming the folder or file that does not fit the layout.
 */
export async function importLiraStudy(store: Store, options: LiraImportOptions): Promise<StudyRecord> {
  const dir = path.resolve(options.dir);
  const labelsFile = options.labels ?? path.join(dir, 'y_train.npy');
  const from = options.from ?? (options.labels ? 'logits' : undefined);
  const layout = await readLiraLayout(dir, { epoch: options.epoch, from, labels: from === 'logits' ? labelsFile : undefined });
  const { models: M, samples: N, queries: A } = layout;
  const inFraction = Math.round((layout.keep.reduce((s, v) => s + v, 0) / N)) / M;

  let labels = new Uint16Array(N);
  let classes = 1;
  const perModel: ArrayInput[][] = [];
  for (let m = 0; m < M; m++) {
    const phi = Float32Array.from(layout.scores.subarray(m * N * A, (m + 1) * N * A));
    const arrays: ArrayInput[] = [
      { name: MODEL_ARRAYS.phi, data: phi, shape: [N, A] },
      { name: MODEL_ARRAYS.logProb, data: Float32Array.from(phi, logSigmoid), shape: [N, A] },
    ];
    if (layout.source === 'logits') {
      if (m === 0) {
        labels = Uint16Array.from(labelValues(await readNpy(labelsFile, { int64: 'float64' }), labelsFile).subarray(0, N));
      }
      const raw = (await readNpy(path.join(dir, layout.files[m]!))).data as Float32Array;
      classes = raw.length / (N * A);
      const correct = new Uint8Array(N * A);
      const entropy = new Float32Array(N);
      const modifiedEntropy = new Float32Array(N);
      const top = new Float32Array(N * 3);
      const predicted = new Uint16Array(N);
      const query = new Float32Array(N * classes);
      for (let a = 0; a < A; a++) {
        // The reference stores N × 1 × A × K: gather query a of every sample.
        for (let i = 0; i < N; i++) query.set(raw.subarray((i * A + a) * classes, (i * A + a + 1) * classes), i * classes);
        const s = computeSignals(query, labels, { topK: 3 });
        for (let i = 0; i < N; i++) correct[i * A + a] = s.correct[i]!;
        if (a === 0) {
          entropy.set(s.entropy);
          modifiedEntropy.set(s.modifiedEntropy);
          predicted.set(s.predicted);
          for (let i = 0; i < N; i++) for (let j = 0; j < s.topK; j++) top[i * 3 + j] = s.top[i * s.topK + j]!;
        }
      }
      arrays.push(
        { name: MODEL_ARRAYS.correct, data: correct, shape: [N, A] },
        { name: MODEL_ARRAYS.entropy, data: entropy, shape: [N] },
        { name: MODEL_ARRAYS.modifiedEntropy, data: modifiedEntropy, shape: [N] },
        { name: MODEL_ARRAYS.top, data: top, shape: [N, 3] },
        { name: MODEL_ARRAYS.predicted, data: predicted, shape: [N] },
      );
    }
    perModel.push(arrays);
  }
  const full = layout.source === 'logits';
  const config = StudyConfigSchema.parse({
    name: options.name ?? `Imported · ${path.basename(dir)}`,
    description: `Shadow-model outputs imported from ${dir} (LiRA reference layout, ${layout.source}${layout.epoch === null ? '' : `, epoch ${layout.epoch}`}). The models were trained elsewhere; the model and training fields below are placeholders.`,
    tags: ['imported'],
    dataset: { id: 'imported', path: dir },
    model: { kind: 'mlp', hidden: [] },
    shadow: { models: M, pIn: inFraction > 0 && inFraction < 1 ? inFraction : 0.5 },
    robust: { enabled: false },
    attacks: { targets: Math.min(8, M), threshold: true, labelOnly: false, nn: false },
    memorization: { enabled: full },
  });
  const hash = createHash('sha256').update(layout.keep).update(new Uint8Array(layout.scores.buffer, layout.scores.byteOffset, layout.scores.byteLength)).digest('hex');
  const design: StudyDesign = {
    populationSize: N,
    heldOutSize: 0,
    samples: N,
    models: M,
    classes,
    classNames: Array.from({ length: classes }, (_, c) => String(c)),
    datasetName: 'Imported (LiRA layout)',
    datasetKind: 'tabular',
    shape: [],
    binaryFeatures: false,
    queryNames: Array.from({ length: A }, (_, a) => (a === 0 ? 'identity' : `query ${a}`)),
    labelOnlyQueryNames: [],
    fingerprint: `sha256:${hash}`,
    source: dir,
  };
  const { study } = createStudy(store, {
    config,
    modelSeeds: Array.from({ length: M }, () => 0),
    arrays: [
      { name: 'keep', data: layout.keep, shape: [M, N] },
      { name: 'sample_indices', data: Int32Array.from({ length: N }, (_, i) => i) },
      { name: 'labels', data: labels },
    ],
    analyses: [{ kind: 'design', config: {}, result: design }],
    run: { datasetFingerprint: design.fingerprint, datasetSource: dir, sampleCount: N, backend: 'imported' },
  });
  for (let m = 0; m < M; m++) {
    await recordModelResult(store, study.id, m, {
      weights: { names: [], shapes: [], values: [] },
      epochs: [],
      arrays: perModel[m]!,
      metrics: { imported: true, experiment: layout.modelNames[m], file: layout.files[m] },
      timings: {},
    });
  }
  for (const note of layout.notes) store.events.add(study.id, 'info', note);
  return store.studies.require(study.id);
}

/**
 * A trained model's outputs on every sample of the study, under each query: the per-sample
 * signals the attacks and memorization estimates need (SCIENCE.md §1), computed from float32
 * logits in float64 and stored compactly. Logits themselves are kept only when asked (small studies).
 */
import { computeSignals } from '../../attacks/signals';
import type { Rng } from '../../math/prng';
import type { Model } from '../models/model';
import { forwardContext } from '../models/module';
import { tf } from '../tf';
import { gatherBatch, type SampleSource } from '../training/batches';
import { applyQuery, type Query } from './queries';

export interface ModelOutputs {
  samples: number;
  /** Attack queries (LiRA, RMIA), A of them. */
  queries: number;
  classes: number;
  /** φ = z_y − logsumexp_{y'≠y} z_{y'}, samples × queries. */
  phi: Float32Array;
  /** log p_y, samples × queries (loss = −logProb, confidence = exp(logProb)). */
  logProb: Float32Array;
  /** 1 when the arg-max is the label, samples × queries. */
  correct: Uint8Array;
  /** Identity query only: entropy, modified entropy, top-3 probabilities, predicted class. */
  entropy: Float32Array;
  modifiedEntropy: Float32Array;
  top: Float32Array;
  predicted: Uint16Array;
  /** Correctness under each label-only query, samples × labelOnlyQueries (empty when none). */
  labelOnly: Uint8Array;
  labelOnlyQueries: number;
  /** Binary features: fraction of noisy copies still classified correctly (0 when misclassified); empty otherwise. */
  noiseRobustness: Float32Array;
  /** samples × queries × classes, when kept. */
  logits: Float32Array | null;
}

export interface OutputOptions {
  attackQueries: Query[];
  labelOnlyQueries: Query[];
  batchSize: number;
  keepLogits: boolean;
  noise?: { copies: number; flipProbability: number; rng: Rng };
}

const TOP_K = 3;

function logitsOf(model: Model, x: Float32Array, count: number, shape: number[]): Float32Array {
  const t = tf.tidy(() => model.apply(tf.tensor(x, [count, ...shape]), forwardContext(false)));
  const values = t.dataSync() as Float32Array;
  t.dispose();
  return values;
}

/** Evaluates `model` (inference mode) on `indices` under every query. */
export async function modelOutputs(model: Model, data: SampleSource, indices: Int32Array, options: OutputOptions, rng: Rng): Promise<ModelOutputs> {
  const n = indices.length;
  const a = options.attackQueries.length;
  const k = data.numClasses;
  const q = options.labelOnlyQueries.length;
  const out: ModelOutputs = {
    samples: n,
    queries: a,
    classes: k,
    phi: new Float32Array(n * a),
    logProb: new Float32Array(n * a),
    correct: new Uint8Array(n * a),
    entropy: new Float32Array(n),
    modifiedEntropy: new Float32Array(n),
    top: new Float32Array(n * TOP_K),
    predicted: new Uint16Array(n),
    labelOnly: new Uint8Array(n * q),
    labelOnlyQueries: q,
    noiseRobustness: new Float32Array(options.noise ? n : 0),
    logits: options.keepLogits ? new Float32Array(n * a * k) : null,
  };
  const size = data.shape.reduce((x, y) => x * y, 1);
  for (let start = 0; start < n; start += options.batchSize) {
    const count = Math.min(options.batchSize, n - start);
    const batchIndices = indices.subarray(start, start + count);
    const { x, labels } = gatherBatch(data, batchIndices, null, rng);
    const view = new Float32Array(x.length);
    for (let qi = 0; qi < a; qi++) {
      applyQuery(options.attackQueries[qi]!, x, view, count, data.shape);
      const logits = logitsOf(model, view, count, data.shape);
      const signals = computeSignals(logits, labels, { topK: TOP_K });
      for (let i = 0; i < count; i++) {
        const at = (start + i) * a + qi;
        out.phi[at] = signals.phi[i]!;
        out.logProb[at] = signals.logProb[i]!;
        out.correct[at] = signals.correct[i]!;
      }
      if (out.logits) for (let i = 0; i < count; i++) out.logits.set(logits.subarray(i * k, (i + 1) * k), ((start + i) * a + qi) * k);
      if (qi === 0) {
        for (let i = 0; i < count; i++) {
          out.entropy[start + i] = signals.entropy[i]!;
          out.modifiedEntropy[start + i] = signals.modifiedEntropy[i]!;
          out.predicted[start + i] = signals.predicted[i]!;
          for (let j = 0; j < signals.topK; j++) out.top[(start + i) * TOP_K + j] = signals.top[i * signals.topK + j]!;
        }
      }
    }
    for (let qi = 0; qi < q; qi++) {
      applyQuery(options.labelOnlyQueries[qi]!, x, view, count, data.shape);
      const logits = logitsOf(model, view, count, data.shape);
      for (let i = 0; i < count; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (logits[i * k + c]! > logits[i * k + best]!) best = c;
        out.labelOnly[(start + i) * q + qi] = best === labels[i] ? 1 : 0;
      }
    }
    if (options.noise) {
      const { copies, flipProbability } = options.noise;
      const noisy = new Float32Array(copies * size);
      for (let i = 0; i < count; i++) {
        if (!out.correct[(start + i) * a]) continue;
        for (let c = 0; c < copies; c++) {
          for (let j = 0; j < size; j++) {
            const value = x[i * size + j]!;
            noisy[c * size + j] = options.noise.rng.uniform() < flipProbability ? 1 - value : value;
          }
        }
        const logits = logitsOf(model, noisy, copies, data.shape);
        let kept = 0;
        for (let c = 0; c < copies; c++) {
          let best = 0;
          for (let cl = 1; cl < k; cl++) if (logits[c * k + cl]! > logits[c * k + best]!) best = cl;
          if (best === labels[i]) kept += 1;
        }
        out.noiseRobustness[start + i] = kept / copies;
      }
    }
    // Let cancellation and progress messages through between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * A study's analysis from its stored arrays: every configured attack evaluated leave-one-out over
 * the target models, model accuracies, memorization per bin and influence-entropy buckets.
 * Pure: typed arrays in, JSON-ready results out (it runs in an engine worker).
 */
import type { AccuracySummary, AttackKind, AttackResult, InfluenceResult, MeanStd, MemorizationResult, RocPoints, StudySummary, TargetMetrics } from '../../src-shared/analysis';
import type { StudyConfig } from '../../src-shared/config/study';
import { evaluateAttack, meanStd, type Evaluation } from '../attacks/evaluate';
import { augmentationThresholdAttack, noiseRobustnessAttack } from '../attacks/label-only';
import { liraPreset } from '../attacks/lira-options';
import { liraScores } from '../attacks/lira';
import { nnAttack } from '../attacks/nn-attack';
import { rmiaScores } from '../attacks/rmia';
import type { Roc } from '../attacks/roc';
import { modelArraysSource } from '../attacks/score-source';
import { temperatureLogProb } from '../attacks/signals';
import { classThresholdAttack, correctnessAttack } from '../attacks/threshold';
import { influence } from '../memorization/influence';
import { entropyBuckets, influenceEntropy } from '../memorization/influence-entropy';
import { leakageByBin, memorizationBins, MEMORIZATION_BIN_EDGES } from '../memorization/memorization-bins';
import { memorization, memorizationLabel } from '../memorization/memorization';

/** One model's stored outputs (S study samples: the population first, then held-out). */
export interface ModelArrays {
  idx: number;
  /** S × A. */
  phi: Float32Array;
  logProb: Float32Array;
  /** Null for outputs imported without logits (scores only): the attacks that need them are skipped. */
  correct: Uint8Array | null;
  /** S, identity query. */
  entropy: Float32Array | null;
  modifiedEntropy: Float32Array | null;
  /** S × 3 sorted probabilities. */
  top: Float32Array | null;
  /** S × Q label-only correctness. */
  labelOnly: Uint8Array;
  /** S noise-robustness fractions (binary features), else empty. */
  noiseRobustness: Float32Array;
  robustPositions: Int32Array;
  robustCorrect: Uint8Array;
  /** S × A × K, when kept. */
  logits: Float32Array | null;
  epsilon: number | null;
}

export interface AnalysisInput {
  config: StudyConfig;
  populationSize: number;
  heldOutSize: number;
  queries: number;
  labelOnlyQueries: number;
  classes: number;
  /** K × P membership over the population. */
  keep: Uint8Array;
  /** S labels. */
  labels: Uint16Array;
  /** All K models, in index order. */
  models: ModelArrays[];
}

export interface StudyArray {
  name: string;
  data: Float32Array | Float64Array | Uint8Array | Uint16Array | Int32Array;
}

export interface AnalysisOutput {
  /** Null when the models' correctness is unknown (imported scores). */
  accuracy: AccuracySummary | null;
  attacks: AttackResult[];
  memorization: MemorizationResult | null;
  influence: InfluenceResult | null;
  summary: StudySummary;
  /** Study-level arrays: per-target scores of each attack, memorization, influence buckets. */
  arrays: StudyArray[];
  /** Attacks that could not run on this study (too few models, missing signals…), with why. */
  skipped: Array<{ kind: AttackKind; reason: string }>;
}

const LABELS: Record<AttackKind, string> = {
  lira: 'LiRA',
  rmia: 'RMIA',
  loss: 'Loss threshold',
  confidence: 'Confidence threshold',
  entropy: 'Entropy threshold',
  'modified-entropy': 'Modified-entropy threshold',
  correctness: 'Correctness (gap attack)',
  'label-only': 'Label-only (augmentations)',
  noise: 'Label-only (noise robustness)',
  nn: 'NN attack (Shokri)',
};

/** The identity-query column (query 0) of an S × A array, restricted to the first P samples. */
function identity(values: Float32Array | Uint8Array, queries: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = values[i * queries]!;
  return out;
}

/** M × P matrix of a per-sample value over the population. */
function stack(models: ModelArrays[], pick: (m: ModelArrays) => ArrayLike<number>, width: number, count: number): Float64Array {
  const out = new Float64Array(models.length * count * width);
  models.forEach((m, k) => {
    const values = pick(m);
    for (let j = 0; j < count * width; j++) out[k * count * width + j] = values[j]!;
  });
  return out;
}

const plainRoc = (roc: Roc): RocPoints => ({ fpr: Array.from(roc.fpr), tpr: Array.from(roc.tpr) });

function toAttackResult(kind: AttackKind, options: Record<string, unknown>, evaluation: Evaluation, accuracies: Map<number, number>, notes: string[]): AttackResult {
  const targets: TargetMetrics[] = evaluation.targets.map((t) => ({
    target: t.target,
    auc: t.auc,
    balancedAccuracy: t.balancedAccuracy,
    logLogAuc: t.logLogAuc,
    nMembers: t.nMembers,
    nNonMembers: t.nNonMembers,
    nExcluded: t.nExcluded,
    fprFloor: t.fprFloor,
    tpr: t.tpr.map((p) => ({ ...p, ci: [p.ci[0], p.ci[1]] as [number, number] })),
    roc: plainRoc(t.roc),
    ...(accuracies.has(t.target) ? { attackAccuracy: accuracies.get(t.target)! } : {}),
  }));
  const s = evaluation.summary;
  const pooled = evaluation.pooled;
  return {
    kind,
    label: LABELS[kind],
    options,
    targets,
    summary: {
      auc: s.auc,
      balancedAccuracy: s.balancedAccuracy,
      logLogAuc: s.logLogAuc,
      tpr: s.tpr,
      attackAccuracy: accuracies.size ? meanStd([...accuracies.values()]) : null,
    },
    pooled: {
      auc: pooled.auc,
      balancedAccuracy: pooled.balancedAccuracy,
      nMembers: pooled.nMembers,
      nNonMembers: pooled.nNonMembers,
      fprFloor: pooled.fprFloor,
      tpr: pooled.tpr.map((p) => ({ ...p, ci: [p.ci[0], p.ci[1]] as [number, number] })),
      roc: plainRoc(pooled.roc),
    },
    notes,
  };
}

/** Natural, robust and training accuracy of every model; null when correctness was not recorded. */
function modelAccuracy(input: AnalysisInput): AccuracySummary | null {
  const { populationSize: P, heldOutSize: H, queries: A, keep } = input;
  if (!input.models.every((m) => m.correct)) return null;
  const perModel = input.models.map((m) => {
    let trainHits = 0;
    let trainCount = 0;
    let outHits = 0;
    let outCount = 0;
    for (let i = 0; i < P + H; i++) {
      const hit = m.correct![i * A]!;
      if (i < P && keep[m.idx * P + i]) {
        trainHits += hit;
        trainCount++;
      } else {
        outHits += hit;
        outCount++;
      }
    }
    const robust = m.robustCorrect.length ? m.robustCorrect.reduce((s, v) => s + v, 0) / m.robustCorrect.length : null;
    return { idx: m.idx, train: trainHits / Math.max(trainCount, 1), natural: outHits / Math.max(outCount, 1), robust };
  });
  const robustValues = perModel.map((m) => m.robust).filter((v): v is number => v !== null);
  return {
    natural: meanStd(perModel.map((m) => m.natural)),
    robust: robustValues.length ? meanStd(robustValues) : null,
    train: meanStd(perModel.map((m) => m.train)),
    perModel,
  };
}

/** Runs the analysis. */
export function analyzeStudy(input: AnalysisInput): AnalysisOutput {
  const { config, populationSize: P, heldOutSize: H, queries: A, keep, labels, classes } = input;
  const K = input.models.length;
  const attacks = config.attacks;
  const targets = Array.from({ length: Math.min(attacks.targets, K) }, (_, t) => t);
  const populationLabels = labels.subarray(0, P);
  const pool = { keep, models: K, samples: P };
  const results: AttackResult[] = [];
  const arrays: StudyArray[] = [];
  const liraScoresByTarget = new Map<number, Float64Array>();

  const skipped: AnalysisOutput['skipped'] = [];
  /** Evaluates one attack; one that cannot run on this study is recorded as skipped, not fatal. */
  const evaluate = (kind: AttackKind, options: Record<string, unknown>, scoreFor: (t: number) => Float64Array, accuracies = new Map<number, number>(), notes: string[] = []) => {
    const scored: StudyArray[] = [];
    try {
      const evaluation = evaluateAttack({ ...pool, targets, scoreFor: (t) => {
        const scores = scoreFor(t);
        scored.push({ name: `scores:${kind}:target=${t}`, data: Float32Array.from(scores) });
        return scores;
      }, fprs: attacks.fprs, rule: attacks.tprRule });
      results.push(toAttackResult(kind, options, evaluation, accuracies, notes));
      arrays.push(...scored);
      return true;
    } catch (error) {
      skipped.push({ kind, reason: (error as Error).message });
      return false;
    }
  };

  // LiRA (SCIENCE.md §3), on φ under every attack query.
  const liraOptions = liraPreset(attacks.lira.preset, { mode: attacks.lira.mode, offline: attacks.lira.offline, variance: attacks.lira.variance });
  const phiSource = modelArraysSource(input.models.map((m) => m.phi.subarray(0, P * A)), A);
  const liraNotes = new Set<string>();
  const liraRan = evaluate('lira', { preset: attacks.lira.preset, ...liraOptions }, (t) => {
    const { scores, diagnostics } = liraScores(phiSource, keep, t, liraOptions);
    liraNotes.add(`variance: ${diagnostics.varianceUsed}`);
    if (diagnostics.fallbackSamples) liraNotes.add(`${diagnostics.fallbackSamples} samples with fewer than 2 IN or OUT shadows used the global σ`);
    liraScoresByTarget.set(t, scores);
    return scores;
  });
  if (liraRan) results[results.length - 1]!.notes.push(...liraNotes);
  else liraScoresByTarget.clear();

  // RMIA (§5) on Pr(x|θ) = softmax_T(z)_y.
  if (attacks.rmia.enabled) {
    const T = attacks.rmia.temperature;
    const haveLogits = input.models.every((m) => m.logits);
    if (T === 1 || haveLogits) {
      const probs = input.models.map((m) => {
        if (T === 1) return Float32Array.from(m.logProb.subarray(0, P * A), Math.exp);
        const logp = temperatureLogProb(m.logits!.subarray(0, P * A * classes), repeatLabels(populationLabels, A), T);
        return Float32Array.from(logp, Math.exp);
      });
      const options = { a: attacks.rmia.a, gamma: attacks.rmia.gamma, populationSize: Math.min(P - 1, 2500), seed: config.seed };
      evaluate('rmia', { ...options, temperature: T }, (t) => rmiaScores(modelArraysSource(probs, A), keep, t, options).scores);
    }
  }

  const haveAll = (field: 'correct' | 'entropy' | 'modifiedEntropy' | 'top') => input.models.every((m) => m[field] !== null);
  if (attacks.threshold) {
    const signals: Array<[AttackKind, (m: ModelArrays) => Float64Array]> = [
      ['loss', (m) => identity(m.logProb, A, P)],
      ['confidence', (m) => identity(m.logProb, A, P).map(Math.exp)],
    ];
    if (haveAll('entropy')) signals.push(['entropy', (m) => Float64Array.from(m.entropy!.subarray(0, P), (v) => -v)]);
    if (haveAll('modifiedEntropy')) signals.push(['modified-entropy', (m) => Float64Array.from(m.modifiedEntropy!.subarray(0, P), (v) => -v)]);
    for (const [kind, pick] of signals) {
      const values = input.models.map(pick);
      const signal = new Float64Array(K * P);
      values.forEach((v, k) => signal.set(v, k * P));
      const accuracies = new Map<number, number>();
      evaluate(kind, { thresholds: 'per-class (Song & Mittal)' }, (t) => {
        accuracies.set(t, classThresholdAttack({ ...pool, target: t, signal, labels: populationLabels, numClasses: classes }).balancedAccuracy);
        return values[t]!;
      }, accuracies);
    }
  }
  if (attacks.threshold && haveAll('correct')) {
    const correct = new Uint8Array(K * P);
    input.models.forEach((m, k) => {
      for (let i = 0; i < P; i++) correct[k * P + i] = m.correct![i * A]!;
    });
    const accuracies = new Map<number, number>();
    evaluate('correctness', {}, (t) => {
      const outcome = correctnessAttack({ ...pool, target: t, correct });
      accuracies.set(t, outcome.balancedAccuracy);
      return outcome.scores;
    }, accuracies);
  }

  if (attacks.labelOnly && input.labelOnlyQueries > 0) {
    const Q = input.labelOnlyQueries;
    const features = new Uint8Array(K * P * Q);
    input.models.forEach((m, k) => features.set(m.labelOnly.subarray(0, P * Q), k * P * Q));
    const accuracies = new Map<number, number>();
    evaluate('label-only', { queries: Q, rule: 'threshold on the number of correct queries' }, (t) => {
      const outcome = augmentationThresholdAttack({ ...pool, target: t, correctUnderQueries: features, queries: Q });
      accuracies.set(t, outcome.balancedAccuracy);
      return outcome.scores;
    }, accuracies);
  }
  if (attacks.labelOnly && input.models[0]!.noiseRobustness.length) {
    const robustness = stack(input.models, (m) => m.noiseRobustness, 1, P);
    const accuracies = new Map<number, number>();
    evaluate('noise', { copies: config.queries.labelOnly.noiseCopies, flips: config.queries.labelOnly.noiseFlips }, (t) => {
      const outcome = noiseRobustnessAttack({ ...pool, target: t, robustness });
      accuracies.set(t, outcome.balancedAccuracy);
      return outcome.scores;
    }, accuracies);
  }
  if (attacks.nn && haveAll('top')) {
    // The NN attack reads the sorted top-3 probabilities; padding with zeros keeps its features exact.
    const probabilities = new Float64Array(K * P * classes);
    input.models.forEach((m, k) => {
      for (let i = 0; i < P; i++) for (let j = 0; j < 3 && j < classes; j++) probabilities[(k * P + i) * classes + j] = m.top![i * 3 + j]!;
    });
    const accuracies = new Map<number, number>();
    evaluate('nn', { topK: 3, seed: config.seed }, (t) => {
      const outcome = nnAttack({ ...pool, target: t, probabilities, labels: populationLabels, numClasses: classes, topK: 3, seed: config.seed });
      accuracies.set(t, outcome.balancedAccuracy);
      return outcome.scores;
    }, accuracies);
  }

  const accuracy = modelAccuracy(input);
  const memorizable = config.memorization.enabled && haveAll('correct');
  const memorizationResult = memorizable ? memorizationOf(input, liraScoresByTarget, targets, arrays) : null;
  const influenceResult = memorizable && H > 0 ? influenceOf(input, arrays) : null;
  const headline = results.find((r) => r.kind === 'lira') ?? results[0] ?? null;
  const epsilons = input.models.map((m) => m.epsilon).filter((e): e is number => e !== null);
  const summary: StudySummary = {
    naturalAccuracy: accuracy?.natural ?? null,
    robustAccuracy: accuracy?.robust ?? null,
    attack: headline?.kind ?? null,
    auc: headline?.summary.auc ?? null,
    tpr: Object.fromEntries((headline?.summary.tpr ?? []).map(({ fpr, ...rest }) => [String(fpr), rest as MeanStd])),
    epsilon: epsilons.length ? Math.max(...epsilons) : null,
    delta: config.method.update.kind === 'dp-sgd' ? config.method.update.delta : null,
  };
  return { accuracy, attacks: results, memorization: memorizationResult, influence: influenceResult, summary, arrays, skipped };
}

/** Labels repeated per query, for signals computed over an S × A block of logits. */
function repeatLabels(labels: Uint16Array, queries: number): Uint16Array {
  const out = new Uint16Array(labels.length * queries);
  for (let i = 0; i < labels.length; i++) out.fill(labels[i]!, i * queries, (i + 1) * queries);
  return out;
}

/** Memorization per sample (IN minus OUT accuracy) and DeMem's Fig. 1: LiRA leakage per memorization bin. */
function memorizationOf(input: AnalysisInput, lira: Map<number, Float64Array>, targets: number[], arrays: StudyArray[]): MemorizationResult {
  const { populationSize: P, queries: A, keep } = input;
  const K = input.models.length;
  const correct = new Uint8Array(K * P);
  input.models.forEach((m, k) => {
    for (let i = 0; i < P; i++) correct[k * P + i] = m.correct![i * A]!;
  });
  const estimate = memorization(correct, keep, K, P);
  arrays.push({ name: 'memorization', data: estimate.mem }, { name: 'mem_in_count', data: Int32Array.from(estimate.inCount) }, { name: 'mem_out_count', data: Int32Array.from(estimate.outCount) });
  const bins = memorizationBins(estimate.mem);
  const fpr = 0.001;
  // Leakage per bin needs LiRA's scores; without them (LiRA skipped) only accuracy per bin is shown.
  const perTarget = targets.filter((t) => lira.has(t)).map((t) =>
    leakageByBin({ bins: bins.bin, memberScores: lira.get(t)!, isMember: keep.subarray(t * P, (t + 1) * P), correct: correct.subarray(t * P, (t + 1) * P), fpr }),
  );
  const edges = MEMORIZATION_BIN_EDGES;
  const rows = Array.from(bins.counts, (count, bin) => {
    let outSum = 0;
    let outN = 0;
    for (let i = 0; i < P; i++) {
      if (bins.bin[i] === bin && Number.isFinite(estimate.outAccuracy[i]!)) {
        outSum += estimate.outAccuracy[i]!;
        outN++;
      }
    }
    const tprs = perTarget.map((r) => r.rows.find((row) => row.bin === bin)?.tpr ?? NaN).filter((v) => Number.isFinite(v));
    return {
      bin,
      lower: bin === 0 ? -1 : edges[bin - 1]!,
      upper: bin === 0 ? 0 : (edges[bin] ?? 1),
      count,
      tpr: meanStd(tprs),
      outAccuracy: outN ? outSum / outN : NaN,
    };
  }).filter((row) => row.bin < edges.length);
  let sum = 0;
  let defined = 0;
  let high = 0;
  for (const value of estimate.mem) {
    if (!Number.isFinite(value)) continue;
    sum += value;
    defined++;
    if (value > 0.25) high++;
  }
  return { label: memorizationLabel(estimate.inFraction), models: K, fpr, bins: rows, undefinedCount: bins.excluded, mean: defined ? sum / defined : NaN, highlyMemorized: high };
}

/** Influence of population samples on held-out samples of their class, and its entropy buckets (SCIENCE.md §12–§13). */
function influenceOf(input: AnalysisInput, arrays: StudyArray[]): InfluenceResult {
  const { populationSize: P, heldOutSize: H, queries: A, keep, labels } = input;
  const K = input.models.length;
  const settings = input.config.memorization.influence;
  const correctTest = new Uint8Array(K * H);
  const heldOutAccuracy = new Float32Array(H);
  input.models.forEach((m, k) => {
    for (let j = 0; j < H; j++) {
      const hit = m.correct![(P + j) * A]!;
      correctTest[k * H + j] = hit;
      heldOutAccuracy[j]! += hit / K;
    }
  });
  const trainLabels = labels.subarray(0, P);
  const estimate = influence(keep, correctTest, { models: K, trainSize: P, testSize: H, sameClass: true, trainLabels, testLabels: labels.subarray(P) });
  const { entropy } = influenceEntropy(estimate, { threshold: settings.threshold, entropyOver: settings.entropyOver, trainLabels });
  const bucket = entropyBuckets(entropy, { buckets: 5, noInfluencer: 'highest-bucket' });
  arrays.push({ name: 'influence_bucket', data: bucket }, { name: 'influence_entropy', data: Float32Array.from(entropy) }, { name: 'heldout_accuracy', data: heldOutAccuracy });
  const buckets = [1, 2, 3, 4, 5].map((b) => {
    let count = 0;
    let sum = 0;
    for (let j = 0; j < H; j++) {
      if (bucket[j] !== b) continue;
      count++;
      sum += heldOutAccuracy[j]!;
    }
    return { bucket: b, count, accuracy: count ? sum / count : NaN };
  });
  return { testPoints: H, threshold: settings.threshold, entropyOver: settings.entropyOver, noInfluencer: entropy.reduce((n, e) => n + (Number.isNaN(e) ? 1 : 0), 0), buckets };
}

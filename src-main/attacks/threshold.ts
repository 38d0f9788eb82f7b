/**
 * Threshold membership attacks: Song & Mittal's per-class thresholds on confidence, −entropy,
 * −modified entropy or −loss, a single global threshold (label-only features), and the
 * correctness and gap baselines (SCIENCE.md §6.1, §6.3–§6.4).
 *
 * Thresholds are chosen on the shadow models (shadow IN = "train", OUT = "test") and applied to the
 * target: member iff value ≥ τ.
 */
import { membershipOutcome, type MembershipOutcome } from './baseline-outcome';
import { checkPool, targetMembership, type ModelPool } from './shadow-split';
import { bestThreshold, type ThresholdObjective } from './threshold-search';

export interface ClassThresholdInput extends ModelPool {
  /**
   * M×N per-model signal, oriented so that larger = more member-like: confidence p_y, −entropy,
   * −modified entropy, −loss (signals.ts computes them; SCIENCE.md §1).
   */
  signal: Float64Array | Float32Array;
  labels: Uint16Array;
  numClasses: number;
}

export interface ClassThresholdResult extends MembershipOutcome {
  /** τ_c per class. */
  thresholds: Float64Array;
  /**
   * Classes without both IN and OUT shadow values; they use the threshold chosen on all classes
   * pooled (the reference would silently use 0).
   */
  fallbackClasses: number[];
  /** The pooled threshold (also usable alone). */
  globalThreshold: number;
}

/**
 * Song & Mittal's per-class threshold attack (SCIENCE.md §6.1): for each class c, τ_c maximises
 * ½(frac_IN(v ≥ τ) + frac_OUT(v < τ)) over the shadow values of class c; a target sample is a
 * member iff v ≥ τ_y. `scores` are the raw target values (a global-threshold sweep for the ROC).
 * @throws RangeError on shapes that do not match, labels outside 0..numClasses−1, or NaN signals.
 */
export function classThresholdAttack(input: ClassThresholdInput): ClassThresholdResult {
  const { signal, labels, numClasses, samples, target } = input;
  checkPool(input, { signal: { values: signal } });
  if (labels.length !== samples) throw new RangeError(`labels has length ${labels.length}, expected ${samples}`);
  labels.forEach((y, i) => {
    if (y >= numClasses) throw new RangeError(`labels[${i}] = ${y} is not below numClasses ${numClasses}`);
  });
  const inByClass = groupShadowValues(input, 1);
  const outByClass = groupShadowValues(input, 0);
  const global = bestThreshold(inByClass.all, outByClass.all, 'balanced-accuracy');
  if (!global) throw new RangeError('the shadow models have no IN or no OUT record: no threshold can be chosen');
  const thresholds = new Float64Array(numClasses);
  const fallbackClasses: number[] = [];
  for (let c = 0; c < numClasses; c++) {
    const choice = bestThreshold(inByClass.of(c), outByClass.of(c), 'balanced-accuracy');
    if (choice) thresholds[c] = choice.threshold;
    else {
      thresholds[c] = global.threshold;
      fallbackClasses.push(c);
    }
  }
  const scores = Float64Array.from(signal.subarray(target * samples, (target + 1) * samples));
  const predictions = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) predictions[i] = scores[i]! >= thresholds[labels[i]!]! ? 1 : 0;
  return {
    ...membershipOutcome(predictions, scores, targetMembership(input)),
    thresholds,
    fallbackClasses,
    globalThreshold: global.threshold,
  };
}

/**
 * The shadow values with keep = `side`, laid out class by class in one buffer (a counting sort by
 * label), so each class is a view and the pool is the whole buffer — no per-value allocations.
 */
function groupShadowValues(input: ClassThresholdInput, side: 0 | 1): { all: Float64Array; of: (c: number) => Float64Array } {
  const { signal, keep, labels, numClasses, models, samples, target } = input;
  const start = new Int32Array(numClasses + 1);
  for (let m = 0; m < models; m++) {
    if (m === target) continue;
    for (let i = 0; i < samples; i++) if ((keep[m * samples + i] ? 1 : 0) === side) start[labels[i]! + 1]!++;
  }
  for (let c = 0; c < numClasses; c++) start[c + 1]! += start[c]!;
  const all = new Float64Array(start[numClasses]!);
  const next = start.slice(0, numClasses);
  for (let m = 0; m < models; m++) {
    if (m === target) continue;
    for (let i = 0; i < samples; i++) if ((keep[m * samples + i] ? 1 : 0) === side) all[next[labels[i]!]!++] = signal[m * samples + i]!;
  }
  return { all, of: (c) => all.subarray(start[c]!, start[c + 1]!) };
}

export interface GlobalThresholdInput extends ModelPool {
  /** M×N per-model feature, larger = more member-like (e.g. Σ_a b_a, noise robustness). */
  values: Float64Array | Float32Array | Uint8Array;
  /** Default 'accuracy' (Choquette-Choo: "threshold chosen on the source model maximising accuracy"). */
  objective?: ThresholdObjective;
}

export interface GlobalThresholdResult extends MembershipOutcome {
  threshold: number;
  /** The objective's value on the shadow (source) records. */
  sourceObjective: number;
}

/**
 * One threshold for all samples, chosen on the shadow records and applied to the target
 * (member iff value ≥ τ; equal values always fall on the same side).
 * @throws RangeError on shapes that do not match or when no threshold can be chosen.
 */
export function globalThresholdAttack(input: GlobalThresholdInput): GlobalThresholdResult {
  const { values, models, samples, target, keep } = input;
  const objective = input.objective ?? 'accuracy';
  checkPool(input, { values: { values } });
  let inCount = 0;
  for (let m = 0; m < models; m++) if (m !== target) for (let i = 0; i < samples; i++) inCount += keep[m * samples + i] ? 1 : 0;
  const ins = new Float64Array(inCount);
  const outs = new Float64Array((models - 1) * samples - inCount);
  let a = 0;
  let b = 0;
  for (let m = 0; m < models; m++) {
    if (m === target) continue;
    for (let i = 0; i < samples; i++) {
      if (keep[m * samples + i]) ins[a++] = values[m * samples + i]!;
      else outs[b++] = values[m * samples + i]!;
    }
  }
  const choice = bestThreshold(ins, outs, objective);
  if (!choice) throw new RangeError(`no threshold can be chosen for objective '${objective}' from the shadow records`);
  const scores = Float64Array.from(values.subarray(target * samples, (target + 1) * samples));
  const predictions = scores.map((v) => (v >= choice.threshold ? 1 : 0));
  return {
    ...membershipOutcome(Uint8Array.from(predictions), scores, targetMembership(input)),
    threshold: choice.threshold,
    sourceObjective: choice.objective,
  };
}

export interface CorrectnessAttackResult extends MembershipOutcome {
  /** Accuracy of the target on its members / on its non-members. */
  trainAccuracy: number;
  testAccuracy: number;
  /** ½(train_acc + 1 − test_acc), SCIENCE.md §6.1 (equals balancedAccuracy). */
  attackAccuracy: number;
  /** 50 + 50·(train_acc − test_acc), in percent, SCIENCE.md §6.3. */
  gapAttackPercent: number;
}

/** Correctness attack accuracy `½(train_acc + 1 − test_acc)` (Song & Mittal; no shadow needed). */
export function correctnessAttackAccuracy(trainAccuracy: number, testAccuracy: number): number {
  return 0.5 * (trainAccuracy + 1 - testAccuracy);
}

/** The gap attack of Choquette-Choo et al., `50 + 50·(train_acc − test_acc)` in percent. */
export function gapAttackPercent(trainAccuracy: number, testAccuracy: number): number {
  return 50 + 50 * (trainAccuracy - testAccuracy);
}

/**
 * The correctness attack on the target: member iff classified correctly. Its balanced accuracy is
 * the correctness-attack accuracy, ×100 the gap attack.
 * @param correct M×N, 1 when model m classifies sample i correctly (only the target's row is used).
 */
export function correctnessAttack(input: ModelPool & { correct: Uint8Array }): CorrectnessAttackResult {
  const { correct, samples, target } = input;
  checkPool(input, { correct: { values: correct } }, false);
  const predictions = correct.slice(target * samples, (target + 1) * samples).map((c) => (c ? 1 : 0));
  const outcome = membershipOutcome(predictions, Float64Array.from(predictions), targetMembership(input));
  const trainAccuracy = outcome.tpr;
  const testAccuracy = 1 - outcome.tnr;
  return {
    ...outcome,
    trainAccuracy,
    testAccuracy,
    attackAccuracy: correctnessAttackAccuracy(trainAccuracy, testAccuracy),
    gapAttackPercent: gapAttackPercent(trainAccuracy, testAccuracy),
  };
}

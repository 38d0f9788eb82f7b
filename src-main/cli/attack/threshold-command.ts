/**
 * `mnemo attack threshold`: Song & Mittal's per-class threshold attacks on confidence, −entropy,
 * −modified entropy and −loss, a global-threshold sweep of each signal, and the correctness and gap
 * baselines (SCIENCE.md §6.1, §6.3), on separate target and shadow arrays.
 */
import { membershipOutcome } from '../../attacks/baseline-outcome';
import { classThresholdAttack, correctnessAttack } from '../../attacks/threshold';
import type { Roc } from '../../attacks/roc';
import { choiceFlag } from './flags';
import { checkSameClasses, loadRecordSet, recordInput, recordSignals, type RecordSet, type RecordSignals } from './record-sets';
import { outputOptions, writeRocCsv, type OutputFlags } from './report';
import { shadowPool, sweepFlags, targetSweep, twice } from './shadow-pool';

const SIGNALS = ['confidence', 'entropy', 'modified-entropy', 'loss'] as const;
type SignalName = (typeof SIGNALS)[number];

const ORIENTED: Record<SignalName, keyof RecordSignals> = {
  confidence: 'confidence',
  entropy: 'negEntropy',
  'modified-entropy': 'negModifiedEntropy',
  loss: 'negLoss',
};

/** Flags of `mnemo attack threshold`. */
export interface ThresholdFlags extends OutputFlags {
  signal?: string;
  [flag: string]: string | boolean | undefined;
}

/**
 * Per-class thresholds τ_c chosen on the shadow (classThresholdAttack) and applied to the target:
 * member iff value ≥ τ_y.
 */
function perClassAttack(shadow: RecordSet, target: RecordSet, shadowValues: Float64Array, targetValues: Float64Array) {
  const chosen = classThresholdAttack({
    ...shadowPool(shadow.membership),
    signal: twice(shadowValues),
    labels: shadow.labels,
    numClasses: target.classes,
  });
  const predictions = new Uint8Array(target.records);
  for (let i = 0; i < target.records; i++) predictions[i] = targetValues[i]! >= chosen.thresholds[target.labels[i]!]! ? 1 : 0;
  const { predictions: _p, scores: _s, isMember: _m, ...outcome } = membershipOutcome(predictions, targetValues, target.membership);
  return { ...outcome, thresholds: chosen.thresholds, fallbackClasses: chosen.fallbackClasses, globalThreshold: chosen.globalThreshold };
}

/**
 * Runs the threshold attacks. Returns the JSON report.
 * Throws UsageError for bad flags or inputs (including shadow and target with different class counts).
 */
export async function runThreshold(flags: ThresholdFlags): Promise<Record<string, unknown>> {
  const output = outputOptions(flags);
  const choice = choiceFlag(flags.signal, '--signal', [...SIGNALS, 'all'] as const, 'all');
  const target = await loadRecordSet('target', flags);
  const shadow = await loadRecordSet('shadow', flags);
  checkSameClasses(shadow, target);
  const targetSignals = recordSignals(target);
  const shadowSignals = recordSignals(shadow);
  const names = choice === 'all' ? [...SIGNALS] : [choice];
  const signals: Record<string, unknown> = {};
  const curves: Array<[string, Roc]> = [];
  const flagsOut: string[] = [];
  for (const name of names) {
    const targetValues = targetSignals[ORIENTED[name]] as Float64Array;
    const sweep = targetSweep(targetValues, target.membership, output);
    signals[name] = { perClass: perClassAttack(shadow, target, shadowSignals[ORIENTED[name]] as Float64Array, targetValues), sweep: sweep.metrics };
    curves.push([name, sweep.roc]);
    flagsOut.push(...sweepFlags(name, sweep.metrics));
  }
  if (output.rocFile !== undefined) await writeRocCsv(output.rocFile, curves);
  const correctness = correctnessAttack({ keep: target.membership, models: 1, samples: target.records, target: 0, correct: targetSignals.correct });
  return {
    attack: 'threshold',
    input: { target: recordInput(target), shadow: recordInput(shadow) },
    fprs: output.fprs,
    rule: output.rule,
    signals,
    correctness: {
      attackAccuracy: correctness.attackAccuracy,
      trainAccuracy: correctness.trainAccuracy,
      testAccuracy: correctness.testAccuracy,
      gapAttackPercent: correctness.gapAttackPercent,
    },
    flags: flagsOut,
  };
}

/**
 * `mnemo attack label-only`: Choquette-Choo et al.'s label-only attacks (SCIENCE.md §6.3–§6.4) on
 * features computed elsewhere: one threshold, chosen on the shadow model's records, on the number of
 * augmented queries answered correctly (`--kind augmentation`, N × Q 0/1) or on the fraction of noisy
 * copies still classified correctly (`--kind noise`, N fractions), applied to the target's records.
 */
import { membershipOutcome } from '../../attacks/baseline-outcome';
import { augmentationThresholdAttack, noiseRobustnessAttack } from '../../attacks/label-only';
import type { ThresholdObjective } from '../../attacks/threshold-search';
import { UsageError } from '../args';
import { choiceFlag, required } from './flags';
import { shapeText } from '../../io/npy-values';
import { binaryOf, checkRange, floatsOf, loadArray, origin, shapeError, vectorOf, type FlagArray } from './inputs';
import { outputOptions, writeRocCsv, type OutputFlags } from './report';
import { shadowPool, sweepFlags, targetSweep, twice } from './shadow-pool';

type Kind = 'augmentation' | 'noise';

/** Flags of `mnemo attack label-only`. */
export interface LabelOnlyFlags extends OutputFlags {
  'target-features'?: string;
  'target-membership'?: string;
  'shadow-features'?: string;
  'shadow-membership'?: string;
  kind?: string;
  objective?: string;
}

/** One model's label-only features with its membership. */
interface FeatureSet {
  features: FlagArray;
  /** Per record: Σ_a b_a (augmentation) or the robustness fraction (noise). */
  values: Float64Array;
  /** N × Q 0/1 (augmentation only). */
  bits: Uint8Array | null;
  queries: number;
  membership: Uint8Array;
  membershipFile: string;
  members: number;
}

async function loadFeatureSet(role: 'target' | 'shadow', flags: LabelOnlyFlags, kind: Kind, queries?: number): Promise<FeatureSet> {
  const featuresIn = await loadArray(`--${role}-features`, required(flags[`${role}-features`], `--${role}-features`, `the ${role} model's label-only features`));
  const s = featuresIn.array.shape;
  let values: Float64Array;
  let bits: Uint8Array | null = null;
  let q = 1;
  if (kind === 'augmentation') {
    if (s.length !== 2 || (queries !== undefined && s[1] !== queries)) {
      const hint = s.length === 1 ? '; for N noise-robustness fractions use --kind noise' : '';
      throw new UsageError(`${origin(featuresIn)}: expected an N × Q 0/1 matrix (correct under each query)${queries === undefined ? '' : ` with Q = ${queries} as the target`}, found shape ${shapeText(s)}${hint}`);
    }
    q = s[1]!;
    bits = binaryOf(featuresIn);
    values = new Float64Array(s[0]!);
    for (let i = 0; i < values.length; i++) for (let a = 0; a < q; a++) values[i]! += bits[i * q + a]!;
  } else {
    if (!(s.length === 1 || (s.length === 2 && s[1] === 1))) throw shapeError(featuresIn, 'N noise-robustness fractions, shape (N,) or (N, 1)');
    values = Float64Array.from(floatsOf(featuresIn));
    checkRange(featuresIn, values, 0, 1, 'fractions of noisy copies classified correctly');
  }
  const records = s[0]!;
  const membershipIn = await loadArray(`--${role}-membership`, required(flags[`${role}-membership`], `--${role}-membership`, 'the 0/1 membership of each record'));
  vectorOf(membershipIn, records, `the 0/1 membership, one per row of ${origin(featuresIn)},`);
  const membership = binaryOf(membershipIn);
  const members = membership.reduce((n, v) => n + v, 0);
  if (members === 0 || members === records) {
    throw new UsageError(`${origin(membershipIn)}: expected both members (1) and non-members (0), found only ${members === 0 ? '0s' : '1s'}`);
  }
  return { features: featuresIn, values, bits, queries: q, membership, membershipFile: membershipIn.file, members };
}

/** The threshold the library chooses on the shadow's records (the stand-in target's result is discarded). */
function shadowThreshold(shadow: FeatureSet, kind: Kind, objective: ThresholdObjective) {
  const pool = { ...shadowPool(shadow.membership), objective };
  return kind === 'augmentation'
    ? augmentationThresholdAttack({ ...pool, correctUnderQueries: twice(shadow.bits!), queries: shadow.queries })
    : noiseRobustnessAttack({ ...pool, robustness: twice(shadow.values) });
}

function describe(set: FeatureSet, kind: Kind): Record<string, unknown> {
  return {
    features: set.features.file,
    membership: set.membershipFile,
    records: set.values.length,
    ...(kind === 'augmentation' ? { queries: set.queries } : {}),
    members: set.members,
    nonMembers: set.values.length - set.members,
  };
}

/**
 * Runs the label-only threshold attack. Returns the JSON report.
 * Throws UsageError for bad flags or inputs.
 */
export async function runLabelOnly(flags: LabelOnlyFlags): Promise<Record<string, unknown>> {
  const output = outputOptions(flags);
  const kind = choiceFlag<Kind>(flags.kind, '--kind', ['augmentation', 'noise'], 'augmentation');
  const objective = choiceFlag<ThresholdObjective>(flags.objective, '--objective', ['accuracy', 'balanced-accuracy'], 'accuracy');
  const target = await loadFeatureSet('target', flags, kind);
  const shadow = await loadFeatureSet('shadow', flags, kind, kind === 'augmentation' ? target.queries : undefined);
  const chosen = shadowThreshold(shadow, kind, objective);
  const predictions = Uint8Array.from(target.values, (v) => (v >= chosen.threshold ? 1 : 0));
  const { predictions: _p, scores: _s, isMember: _m, ...outcome } = membershipOutcome(predictions, target.values, target.membership);
  const sweep = targetSweep(target.values, target.membership, output);
  if (output.rocFile !== undefined) await writeRocCsv(output.rocFile, [[kind, sweep.roc]]);
  return {
    attack: 'label-only',
    kind,
    objective,
    input: { target: describe(target, kind), shadow: describe(shadow, kind) },
    fprs: output.fprs,
    rule: output.rule,
    threshold: chosen.threshold,
    sourceObjective: chosen.sourceObjective,
    ...outcome,
    sweep: sweep.metrics,
    flags: sweepFlags(kind, sweep.metrics),
  };
}

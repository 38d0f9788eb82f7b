/**
 * `mnemo attack lira` and `rmia`: leave-one-out over target models of a pool (SCIENCE.md §3.5),
 * each target attacked with every other model as shadow/reference, measured by evaluateAttack.
 */
import { evaluateAttack, type Evaluation } from '../../attacks/evaluate';
import { liraScores, type LiraDiagnostics } from '../../attacks/lira';
import { liraPreset, type LiraOptions, type LiraPresetName } from '../../attacks/lira-options';
import { resolveRmiaOptions, rmiaScores, type RmiaDiagnostics } from '../../attacks/rmia';
import { arrayScoreSource } from '../../attacks/score-source';
import type { PhiForm } from '../../attacks/signals';
import { UsageError } from '../args';
import { choiceFlag, intFlag, numberFlag, optionalIntFlag } from './flags';
import { loadPool, type PoolData, type PoolFlags } from './pool-inputs';
import { floorFlags, outputOptions, pooledMetrics, summaryMetrics, targetMetrics, writeRocCsv, type OutputFlags, type OutputOptions } from './report';

/** Flags of `mnemo attack lira`. */
export interface LiraFlags extends PoolFlags, OutputFlags {
  phi?: string;
  targets?: string;
  target?: string;
  preset?: string;
  mode?: string;
  offline?: string;
  variance?: string;
  'equal-counts'?: string;
}

/** Flags of `mnemo attack rmia`. */
export interface RmiaFlags extends PoolFlags, OutputFlags {
  targets?: string;
  target?: string;
  temperature?: string;
  mode?: string;
  a?: string;
  gamma?: string;
  'population-size'?: string;
  seed?: string;
}

/** `--target I|last` or `--targets T` (default the first min(8, M) models). */
function targetsOf(flags: { targets?: string; target?: string }, models: number): number[] {
  if (flags.target !== undefined && flags.targets !== undefined) throw new UsageError('--target and --targets cannot be used together');
  if (flags.target !== undefined) {
    const t = flags.target === 'last' ? models - 1 : Number(flags.target);
    if (!(Number.isInteger(t) && t >= 0 && t < models)) throw new UsageError(`--target must be a model index in 0..${models - 1} or "last", got "${flags.target}"`);
    return [t];
  }
  const count = intFlag(flags.targets, '--targets', Math.min(8, models));
  if (count > models) throw new UsageError(`--targets must be at most the number of models (${models}), got ${count}`);
  return Array.from({ length: count }, (_, m) => m);
}

/** Runs `scoreFor` over the targets, records each target's diagnostics, and writes the ROC CSV. */
async function evaluatePool<D>(
  pool: PoolData,
  targets: number[],
  output: OutputOptions,
  score: (target: number) => { scores: Float64Array; diagnostics: D },
): Promise<{ evaluation: Evaluation; diagnostics: Map<number, D> }> {
  const diagnostics = new Map<number, D>();
  const evaluation = evaluateAttack({
    keep: pool.keep,
    models: pool.models,
    samples: pool.samples,
    targets,
    fprs: output.fprs,
    rule: output.rule,
    maxRocPoints: output.rocPoints,
    scoreFor: (target) => {
      const result = score(target);
      diagnostics.set(target, result.diagnostics);
      return result.scores;
    },
  });
  if (output.rocFile !== undefined) {
    await writeRocCsv(output.rocFile, [
      ...evaluation.targets.map((t): [string, typeof t.roc] => [`target-${t.target}`, t.roc]),
      ['pooled', evaluation.pooled.roc],
    ]);
  }
  return { evaluation, diagnostics };
}

/** Per-target metrics with the experiment name and the attack's diagnostics (minus what the report holds once). */
function targetReports<D extends { options: unknown; target: number }>(evaluation: Evaluation, diagnostics: Map<number, D>, pool: PoolData) {
  return evaluation.targets.map((t) => {
    const { options: _options, target: _target, ...d } = diagnostics.get(t.target)!;
    return { ...targetMetrics(t), ...(pool.modelNames ? { model: pool.modelNames[t.target] } : {}), diagnostics: d };
  });
}

function modelLabel(pool: PoolData): (target: number) => string {
  return (t) => (pool.modelNames ? `target ${t} (${pool.modelNames[t]})` : `target ${t}`);
}

/** Flags from LiRA's diagnostics: the variance rule 'auto' chose, truncation, fallbacks, floors. */
function liraFlags(options: LiraOptions, diagnostics: Map<number, LiraDiagnostics>, label: (t: number) => string): string[] {
  const flags: string[] = [];
  const all = [...diagnostics.values()];
  const used = [...new Set(all.map((d) => d.varianceUsed))];
  if (options.variance === 'auto') {
    flags.push(`variance auto used ${used.join(' / ')} (global-centred below ${options.autoGlobalBelow} IN or OUT shadows per sample)`);
  }
  for (const [t, d] of diagnostics) {
    const online = options.mode === 'online';
    if (options.equalCounts === 'global' && ((online && d.inShadows.min < d.inShadows.max) || d.outShadows.min < d.outShadows.max)) {
      flags.push(`${label(t)}: every sample truncated to the first ${online ? `${d.inUsed.max} IN and ` : ''}${d.outUsed.max} OUT shadows (equal counts)`);
    }
    if (options.equalCounts === 'per-sample' && online && (d.inUsed.max < d.inShadows.max || d.outUsed.max < d.outShadows.max)) {
      flags.push(`${label(t)}: each sample used as many IN as OUT shadows (${d.inUsed.min}–${d.inUsed.max} of each)`);
    }
    if (d.fallbackSamples > 0) flags.push(`${label(t)}: ${d.fallbackSamples} samples with fewer than 2 IN or OUT shadows used the global-centred σ`);
    if (d.unscoredSamples > 0) flags.push(`${label(t)}: ${d.unscoredSamples} samples without shadows on a side were left out`);
    if (d.sigmaFloorHits > 0) flags.push(`${label(t)}: σ raised to the floor for ${d.sigmaFloorHits} samples`);
  }
  return flags;
}

function phiFlag(value: string | undefined): PhiForm | undefined {
  return choiceFlag<PhiForm>(value, '--phi', ['logit', 'lira-ref', 'demem']);
}

/**
 * `mnemo attack lira`: LiRA member scores per target (lira.ts) and their evaluation.
 *
 * Returns the JSON report. Throws UsageError for bad flags or inputs.
 */
export async function runLira(flags: LiraFlags): Promise<Record<string, unknown>> {
  const output = outputOptions(flags);
  const preset = choiceFlag<LiraPresetName>(flags.preset, '--preset', ['paper', 'lira-ref', 'demem'], 'paper');
  const overrides = {
    mode: choiceFlag(flags.mode, '--mode', ['online', 'offline'] as const),
    offline: choiceFlag(flags.offline, '--offline', ['one-sided', 'two-sided-ref'] as const),
    variance: choiceFlag(flags.variance, '--variance', ['auto', 'per-example', 'global-centred', 'global-ref-quirk'] as const),
    equalCounts: choiceFlag(flags['equal-counts'], '--equal-counts', ['per-sample', 'global', 'none'] as const),
  };
  // liraPreset spreads its overrides, so an absent flag must be left out rather than passed as undefined.
  const options = liraPreset(preset, Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)));
  const pool = await loadPool(flags, { kind: 'phi', phi: phiFlag(flags.phi) });
  if (pool.models < 2) throw new UsageError(`LiRA needs at least 2 models (a target and a shadow); the input has ${pool.models}`);
  const targets = targetsOf(flags, pool.models);
  const source = arrayScoreSource(pool.values, pool.models, pool.samples, pool.queries);
  const { evaluation, diagnostics } = await evaluatePool(pool, targets, output, (t) => liraScores(source, pool.keep, t, options));
  const label = modelLabel(pool);
  return {
    attack: 'lira',
    input: pool.input,
    options: { preset, ...options },
    fprs: output.fprs,
    rule: output.rule,
    targets: targetReports(evaluation, diagnostics, pool),
    summary: summaryMetrics(evaluation),
    pooled: pooledMetrics(evaluation.pooled),
    flags: [...pool.notes, ...liraFlags(options, diagnostics, label), ...floorFlags(evaluation, output.fprs, label)],
  };
}

/**
 * `mnemo attack rmia`: RMIA scores per target (rmia.ts) and their evaluation.
 *
 * Returns the JSON report. Throws UsageError for bad flags or inputs.
 */
export async function runRmia(flags: RmiaFlags): Promise<Record<string, unknown>> {
  const output = outputOptions(flags);
  const temperature = numberFlag(flags.temperature, '--temperature', 1, (n) => n > 0, 'a number > 0');
  const options = resolveRmiaOptions({
    mode: choiceFlag(flags.mode, '--mode', ['offline', 'online'] as const),
    a: flags.a === undefined ? undefined : numberFlag(flags.a, '--a', 0, (n) => n >= 0 && n <= 1, 'a number in [0, 1]'),
    gamma: flags.gamma === undefined ? undefined : numberFlag(flags.gamma, '--gamma', 0, (n) => n > 0, 'a number > 0'),
    populationSize: optionalIntFlag(flags['population-size'], '--population-size', 1),
    seed: optionalIntFlag(flags.seed, '--seed', 0),
  });
  const pool = await loadPool(flags, { kind: 'probability', temperature });
  if (pool.models < 2) throw new UsageError(`RMIA needs at least 2 models (a target and a reference); the input has ${pool.models}`);
  const targets = targetsOf(flags, pool.models);
  const source = arrayScoreSource(pool.values, pool.models, pool.samples, pool.queries);
  const { evaluation, diagnostics } = await evaluatePool<RmiaDiagnostics>(pool, targets, output, (t) => rmiaScores(source, pool.keep, t, options));
  const label = modelLabel(pool);
  const unscored = [...diagnostics].filter(([, d]) => d.unscoredSamples > 0);
  return {
    attack: 'rmia',
    input: pool.input,
    options: { temperature, ...options },
    fprs: output.fprs,
    rule: output.rule,
    targets: targetReports(evaluation, diagnostics, pool),
    summary: summaryMetrics(evaluation),
    pooled: pooledMetrics(evaluation.pooled),
    flags: [
      ...pool.notes,
      ...unscored.map(([t, d]) => `${label(t)}: ${d.unscoredSamples} samples without a reference model were left out`),
      ...floorFlags(evaluation, output.fprs, label),
    ],
  };
}

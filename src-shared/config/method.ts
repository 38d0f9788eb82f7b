/**
 * A training method, composed of three independent choices (SCIENCE.md §7–§11):
 * - the objective: how a batch becomes a loss (ERM, PGD-AT, TRADES);
 * - the update: how the loss's gradient becomes a step (plain, SAM, ASAM, SharpReg, DP-SGD);
 * - DeMem: an optional penalty λ·Var(per-sample adversarial losses of the batch).
 * Where a paper and its reference code differ, the paper's choice is the default and the code's a
 * named option; the parsed config (every default filled in) is stored with each result.
 */
import { z } from 'zod';
import { nonNegative, positive, positiveInt, probability } from './numbers';

const EIGHT_255 = 8 / 255;
const TWO_255 = 2 / 255;

export const PgdTrainingAttackSchema = z
  .object({
    epsilon: nonNegative.default(EIGHT_255),
    stepSize: positive.default(TWO_255),
    steps: positiveInt.default(10),
    randomStart: z.boolean().default(true),
  })
  .strict();

export const ObjectiveConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('erm') }).strict(),
  /** Madry et al. 2018: train on PGD examples generated with the model in inference mode. */
  z.object({ kind: z.literal('pgd-at') }).extend(PgdTrainingAttackSchema.shape).strict(),
  /** Zhang et al. 2019: CE(f(x), y) + β·KL(f(x) ‖ f(x_adv)); natural logits not detached. */
  z
    .object({
      kind: z.literal('trades'),
      beta: nonNegative.default(6),
      epsilon: nonNegative.default(EIGHT_255),
      stepSize: positive.default(TWO_255),
      steps: positiveInt.default(10),
      /** 'gaussian': x + 0.001·N(0, I) (TRADES paper and code); 'uniform': U(−ε, ε) (DeMem's code). */
      init: z.enum(['gaussian', 'uniform']).default('gaussian'),
    })
    .strict(),
]);

export const UpdateConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plain') }).strict(),
  /** Foret et al. 2021: the gradient at w + ρ·g/‖g‖, the norm over all parameters jointly. */
  z
    .object({
      kind: z.literal('sam'),
      rho: positive.default(0.05),
      /** Update BatchNorm running statistics in the first pass only (davda54/sam's disable_running_stats). */
      bnFirstPassOnly: z.boolean().default(true),
    })
    .strict(),
  /** Kwon et al. 2021: the perturbation scaled by |w| elementwise. */
  z.object({ kind: z.literal('asam'), rho: positive.default(2.0), bnFirstPassOnly: z.boolean().default(true) }).strict(),
  /**
   * Kim et al. 2023 (SCIENCE.md §11, reconstructed): g = (1+λ)·∇L(w) − λ·∇L(w + ρ·g/‖g‖), plus a third
   * term that keeps the training loss from reaching zero, with weight γ.
   */
  z
    .object({
      kind: z.literal('sharpreg'),
      lambda: nonNegative.default(1.5),
      rho: positive.default(0.01),
      gamma: nonNegative.default(0.1),
      /**
       * 'flooding': |L − γ| + γ (Ishida et al. 2020); 'confidence-penalty': loss − γ·H(p). Flooding is the
       * default: on Location-30 it reproduces the paper's γ trend (attack accuracy falls with γ), while the
       * confidence penalty raises attack accuracy as γ grows (the sharpreg-gamma report).
       */
      regulariser: z.enum(['flooding', 'confidence-penalty']).default('flooding'),
      /** Stop and report divergence when the batch loss exceeds this multiple of the first epoch's mean. */
      divergenceFactor: positive.default(20),
    })
    .strict(),
  /** Abadi et al. 2016 with Opacus' conventions: flat clipping, noise σ·C, the sum over the expected batch size. */
  z
    .object({
      kind: z.literal('dp-sgd'),
      noiseMultiplier: nonNegative.default(1.0),
      clipNorm: positive.default(1.0),
      /** 'poisson' matches the accountant; 'fixed' batches are outside its assumptions (flagged). */
      sampling: z.enum(['poisson', 'fixed']).default('poisson'),
      delta: probability.default(1e-5),
    })
    .strict(),
]);

export const DememConfigSchema = z
  .object({
    /** Weight of the unbiased variance of the per-sample CE on the batch's adversarial examples. */
    lambda: nonNegative.default(0.2),
  })
  .strict();

export const MethodConfigSchema = z
  .object({
    objective: ObjectiveConfigSchema.default({ kind: 'erm' }),
    update: UpdateConfigSchema.default({ kind: 'plain' }),
    demem: DememConfigSchema.optional(),
  })
  .strict()
  .superRefine((method, ctx) => {
    if (method.update.kind === 'dp-sgd' && method.objective.kind === 'trades') {
      ctx.addIssue({
        code: 'custom',
        path: ['objective', 'kind'],
        message: 'DP-SGD supports the ERM and PGD-AT objectives: TRADES passes each sample through the model twice, which the per-sample clipping does not cover',
      });
    }
    if (method.update.kind === 'dp-sgd' && method.demem) {
      ctx.addIssue({
        code: 'custom',
        path: ['demem'],
        message: 'DeMem cannot be combined with DP-SGD: the batch variance couples samples, so per-sample gradients (and the privacy analysis) no longer hold',
      });
    }
  });

export type ObjectiveConfig = z.output<typeof ObjectiveConfigSchema>;
export type UpdateConfig = z.output<typeof UpdateConfigSchema>;
export type DememConfig = z.output<typeof DememConfigSchema>;
export type MethodConfig = z.output<typeof MethodConfigSchema>;

/**
 * A short human name such as "PGD-AT + DeMem (λ=0.2)" or "DP-SGD + PGD-AT (σ=0.05, C=10)"; given the
 * training config, weight averaging shows too ("ERM + SWA").
 */
export function methodLabel(method: MethodConfig, training?: { swa?: unknown }): string {
  const objective = { erm: 'ERM', 'pgd-at': 'PGD-AT', trades: 'TRADES' }[method.objective.kind];
  const parts: string[] = [];
  const update = method.update;
  switch (update.kind) {
    case 'plain':
      parts.push(objective);
      break;
    case 'sam':
    case 'asam':
      parts.push(`${update.kind.toUpperCase()} (ρ=${update.rho})${method.objective.kind === 'erm' ? '' : ` + ${objective}`}`);
      break;
    case 'sharpreg':
      parts.push(`SharpReg (λ=${update.lambda}, ρ=${update.rho}, γ=${update.gamma}, ${update.regulariser === 'flooding' ? 'flooding' : 'confidence penalty'})${method.objective.kind === 'erm' ? '' : ` + ${objective}`}`);
      break;
    case 'dp-sgd':
      parts.push(`DP-SGD${method.objective.kind === 'erm' ? '' : ` + ${objective}`} (σ=${update.noiseMultiplier}, C=${update.clipNorm})`);
      break;
  }
  if (method.objective.kind === 'trades' && update.kind === 'plain') parts[0] = `TRADES (β=${method.objective.beta})`;
  if (method.demem) parts.push(`DeMem (λ=${method.demem.lambda})`);
  if (training?.swa) parts.push('SWA');
  return parts.join(' + ');
}

/** The method's key parameters, for table columns and for joining sweeps into lines. */
export function methodParams(method: MethodConfig): Record<string, number | string> {
  const params: Record<string, number | string> = { objective: method.objective.kind, update: method.update.kind };
  const o = method.objective;
  if (o.kind === 'pgd-at' || o.kind === 'trades') Object.assign(params, { epsilon: o.epsilon, stepSize: o.stepSize, steps: o.steps });
  if (o.kind === 'trades') params.beta = o.beta;
  const u = method.update;
  if (u.kind === 'sam' || u.kind === 'asam') params.rho = u.rho;
  if (u.kind === 'sharpreg') Object.assign(params, { sharpLambda: u.lambda, rho: u.rho, gamma: u.gamma });
  if (u.kind === 'dp-sgd') Object.assign(params, { sigma: u.noiseMultiplier, clipNorm: u.clipNorm });
  if (method.demem) params.lambda = method.demem.lambda;
  return params;
}

/** Which membership-inference attacks run over a study's models, and how they are evaluated. */
import { z } from 'zod';
import { positive, positiveInt, probability } from './numbers';

export const LiraConfigSchema = z
  .object({
    /** 'paper' (Carlini et al.), 'lira-ref' (tensorflow/privacy research code), 'demem' (DeMem's code). */
    preset: z.enum(['paper', 'lira-ref', 'demem']).default('paper'),
    /** Each of these, when given, overrides the preset's own choice (left out, the preset decides). */
    mode: z.enum(['online', 'offline']).optional(),
    offline: z.enum(['one-sided', 'two-sided-ref']).optional(),
    variance: z.enum(['auto', 'per-example', 'global-centred', 'global-ref-quirk']).optional(),
  })
  .strict();

export const RmiaConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    a: probability.default(0.3),
    gamma: positive.default(2),
    temperature: positive.default(1),
  })
  .strict();

export const AttacksConfigSchema = z
  .object({
    /** Leave-one-out targets: each is attacked with every other model as a shadow (SCIENCE.md §3.5). */
    targets: positiveInt.default(8),
    fprs: z.array(probability).default([0.01, 0.001, 0.00001]),
    /** 'strict': TPR at the last ROC vertex with FPR < t (LiRA reference); 'le': FPR ≤ t. */
    tprRule: z.enum(['strict', 'le']).default('strict'),
    lira: LiraConfigSchema.default({ preset: 'paper' }),
    rmia: RmiaConfigSchema.default({ enabled: true, a: 0.3, gamma: 2, temperature: 1 }),
    threshold: z.boolean().default(true),
    nn: z.boolean().default(false),
    labelOnly: z.boolean().default(true),
  })
  .strict();

export const MemorizationConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Influence of training points on held-out points of the same class (needs dataset.heldOut > 0). */
    influence: z
      .object({
        threshold: positive.default(0.15),
        entropyOver: z.enum(['examples', 'classes']).default('examples'),
      })
      .strict()
      .default({ threshold: 0.15, entropyOver: 'examples' }),
  })
  .strict();

export type LiraConfig = z.output<typeof LiraConfigSchema>;
export type RmiaConfig = z.output<typeof RmiaConfigSchema>;
export type AttacksConfig = z.output<typeof AttacksConfigSchema>;
export type MemorizationConfig = z.output<typeof MemorizationConfigSchema>;

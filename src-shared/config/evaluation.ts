/** What is measured after each model trains: query augmentations and robust accuracy. */
import { z } from 'zod';
import { nonNegative, nonNegativeInt, positive, positiveInt } from './numbers';

export const QueriesConfigSchema = z
  .object({
    /**
     * Augmentations under which every sample's outputs are stored for the attacks (SCIENCE.md §3.4).
     * 'auto': identity and mirror for images, identity for tabular data; 'demem-10': DeMem's five
     * 32-pixel crops of the 4-pixel zero-padded image × {identity, flip}.
     */
    preset: z.enum(['auto', 'identity', 'mirror', 'demem-10']).default('auto'),
    /** Extra queries for the label-only attacks (SCIENCE.md §6.3–§6.4); 0 turns each off. */
    labelOnly: z
      .object({
        translation: nonNegativeInt.default(1),
        rotation: nonNegativeInt.default(0),
        /** Noisy copies per sample for the noise-robustness attack on binary features; 0 turns it off. */
        noiseCopies: nonNegativeInt.default(20),
        /** Expected number of flipped features per copy: each of the d features flips with probability noiseFlips/d. */
        noiseFlips: positive.default(3),
      })
      .strict()
      .default({ translation: 1, rotation: 0, noiseCopies: 20, noiseFlips: 3 }),
  })
  .strict();

export const RobustEvalSchema = z
  .object({
    enabled: z.boolean().default(true),
    norm: z.enum(['linf', 'l2']).default('linf'),
    epsilon: nonNegative.default(8 / 255),
    stepSize: positive.default(2 / 255),
    steps: positiveInt.default(20),
    randomStart: z.boolean().default(true),
    restarts: positiveInt.default(1),
    /** Robust accuracy on a seeded subset of each model's OUT samples, to bound the cost on CPUs. */
    maxSamples: positiveInt.default(1000),
  })
  .strict();

export type QueriesConfig = z.output<typeof QueriesConfigSchema>;
export type RobustEvalConfig = z.output<typeof RobustEvalSchema>;

/** How each model is optimised: optimiser, schedule, epochs, augmentation, SWA. */
import { z } from 'zod';
import { nonNegative, nonNegativeInt, positive, positiveInt, probability } from './numbers';

export const OptimizerConfigSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('sgd'),
      lr: positive.default(0.1),
      momentum: probability.default(0.9),
      nesterov: z.boolean().default(false),
      /** Coupled L2 (added to the gradient), as PyTorch's SGD. */
      weightDecay: nonNegative.default(5e-4),
    })
    .strict(),
  z
    .object({
      kind: z.literal('adam'),
      lr: positive.default(1e-3),
      beta1: probability.default(0.9),
      beta2: probability.default(0.999),
      epsilon: positive.default(1e-8),
      weightDecay: nonNegative.default(0),
    })
    .strict(),
]);

export const ScheduleConfigSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }).strict(),
  z
    .object({
      kind: z.literal('step'),
      /** Epochs at which the learning rate is multiplied by gamma. */
      milestones: z.array(positiveInt).default([]),
      gamma: positive.default(0.1),
    })
    .strict(),
  z.object({ kind: z.literal('cosine'), warmupEpochs: nonNegativeInt.default(0) }).strict(),
]);

export const SwaConfigSchema = z
  .object({
    /** First epoch (1-based) whose end-of-epoch weights enter the average. */
    startEpoch: positiveInt,
    /** Constant learning rate from startEpoch on; the schedule's value when omitted. */
    lr: positive.optional(),
  })
  .strict();

export const TrainingConfigSchema = z
  .object({
    epochs: positiveInt.default(10),
    batchSize: positiveInt.default(128),
    optimizer: OptimizerConfigSchema.default({ kind: 'sgd', lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 5e-4 }),
    schedule: ScheduleConfigSchema.default({ kind: 'constant' }),
    augmentation: z
      .object({
        /** Random crop after zero-padding by 4 pixels (images only). */
        crop: z.boolean().default(false),
        /** Random horizontal flip (images only). */
        flip: z.boolean().default(false),
      })
      .strict()
      .default({ crop: false, flip: false }),
    /** Stochastic weight averaging (Izmailov et al. 2018), BatchNorm statistics recomputed at the end. */
    swa: SwaConfigSchema.optional(),
    /** Save a checkpoint every this many epochs (0: never), so an interrupted model resumes mid-training. */
    checkpointEvery: nonNegativeInt.default(0),
  })
  .strict();

export type OptimizerConfig = z.output<typeof OptimizerConfigSchema>;
export type ScheduleConfig = z.output<typeof ScheduleConfigSchema>;
export type TrainingConfig = z.output<typeof TrainingConfigSchema>;

/** Which data a study uses and how its population is drawn. */
import { z } from 'zod';
import { nonNegativeInt, positiveInt } from './numbers';

/** 'imported': a study opened from another pipeline's outputs (no data to train on; see `mnemo study import`). */
export const DATASET_IDS = ['digits', 'fashion-mnist', 'cifar10', 'cifar100', 'location30', 'purchase100', 'texas100', 'csv', 'subgroups', 'imported'] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export const DatasetConfigSchema = z
  .object({
    id: z.enum(DATASET_IDS),
    /** A file or folder for datasets read from the user's disk; each loader documents its formats. */
    path: z.string().min(1).optional(),
    /** Loader options (CSV label column, subgroups rarity…), checked by the loader. */
    options: z.record(z.string(), z.unknown()).default({}),
    /** Which official split to draw from, where the source has one. DeMem pools both ("all"). */
    split: z.enum(['all', 'train', 'test']).default('all'),
    /** Use a seeded random subset of this many samples (laptop-scale studies). */
    limit: positiveInt.optional(),
    /** Samples no model ever trains on: held-out points for influence estimates and test accuracy. */
    heldOut: nonNegativeInt.default(0),
  })
  .strict();

export type DatasetConfig = z.output<typeof DatasetConfigSchema>;

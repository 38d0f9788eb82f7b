/**
 * A study: a dataset, a model, a training method and K shadow models with balanced membership
 * masks, then attacks and memorization estimates. This object is validated on input (every wrong
 * field named at once), stored with every result, and shown in the UI.
 */
import { z } from 'zod';
import { AttacksConfigSchema, MemorizationConfigSchema } from './attacks';
import { DatasetConfigSchema, type DatasetId } from './dataset';
import { QueriesConfigSchema, RobustEvalSchema } from './evaluation';
import { MethodConfigSchema } from './method';
import { ModelConfigSchema } from './model';
import { TrainingConfigSchema } from './training';

/** Image datasets take convolutional models, crops, flips and mirror queries; the rest are tabular. */
export const IMAGE_DATASETS: ReadonlySet<DatasetId> = new Set(['digits', 'fashion-mnist', 'cifar10', 'cifar100']);

export const ShadowConfigSchema = z
  .object({
    /** K: every sample is IN for exactly K·pIn models and OUT for the rest (SCIENCE.md §2). */
    models: z.number().int().min(2).default(16),
    pIn: z.number().gt(0).lt(1).default(0.5),
  })
  .strict();

export const StudyConfigSchema = z
  .object({
    name: z.string().trim().min(1, 'a study needs a name').max(200),
    description: z.string().max(10_000).default(''),
    tags: z.array(z.string().trim().min(1).max(60)).default([]),
    /** Every random choice (masks, init, batches, attacks) derives from this. */
    seed: z.number().int().min(0).default(0),
    dataset: DatasetConfigSchema,
    model: ModelConfigSchema,
    training: TrainingConfigSchema.default(TrainingConfigSchema.parse({})),
    method: MethodConfigSchema.default(MethodConfigSchema.parse({})),
    shadow: ShadowConfigSchema.default({ models: 16, pIn: 0.5 }),
    queries: QueriesConfigSchema.default(QueriesConfigSchema.parse({})),
    robust: RobustEvalSchema.default(RobustEvalSchema.parse({})),
    attacks: AttacksConfigSchema.default(AttacksConfigSchema.parse({})),
    memorization: MemorizationConfigSchema.default(MemorizationConfigSchema.parse({})),
  })
  .strict()
  .superRefine((study, ctx) => {
    const image = IMAGE_DATASETS.has(study.dataset.id);
    const inCount = study.shadow.models * study.shadow.pIn;
    if (Math.abs(inCount - Math.round(inCount)) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['shadow', 'pIn'], message: `models × pIn must be a whole number (${study.shadow.models} × ${study.shadow.pIn} = ${inCount})` });
    }
    if (study.attacks.targets > study.shadow.models) {
      ctx.addIssue({ code: 'custom', path: ['attacks', 'targets'], message: `cannot attack ${study.attacks.targets} targets with only ${study.shadow.models} models` });
    }
    if (!image && (study.model.kind === 'cnn' || study.model.kind === 'resnet18')) {
      ctx.addIssue({ code: 'custom', path: ['model', 'kind'], message: `${study.model.kind} needs image data; ${study.dataset.id} is tabular (use an mlp)` });
    }
    if (!image && (study.training.augmentation.crop || study.training.augmentation.flip)) {
      ctx.addIssue({ code: 'custom', path: ['training', 'augmentation'], message: `crops and flips apply to images; ${study.dataset.id} is tabular` });
    }
    if (!image && (study.queries.preset === 'mirror' || study.queries.preset === 'demem-10')) {
      ctx.addIssue({ code: 'custom', path: ['queries', 'preset'], message: `${study.queries.preset} queries apply to images; ${study.dataset.id} is tabular` });
    }
    if (study.method.update.kind === 'dp-sgd') {
      const usesBatchNorm =
        ('norm' in study.model && study.model.norm === 'batch') ||
        (study.model.kind === 'layers' && study.model.layers.some((layer) => layer.type === 'batchnorm'));
      if (usesBatchNorm) {
        ctx.addIssue({
          code: 'custom',
          path: ['model', 'norm'],
          message: 'BatchNorm mixes the samples of a batch, so DP-SGD cannot bound one sample\'s influence: use GroupNorm (norm: "group") or none',
        });
      }
    }
    if (study.training.swa && study.training.swa.startEpoch > study.training.epochs) {
      ctx.addIssue({ code: 'custom', path: ['training', 'swa', 'startEpoch'], message: `SWA starts after the last epoch (${study.training.epochs})` });
    }
  });

/** What a user writes (defaults may be left out). */
export type StudyConfigInput = z.input<typeof StudyConfigSchema>;
/** What is stored and run: every default filled in. */
export type StudyConfig = z.output<typeof StudyConfigSchema>;

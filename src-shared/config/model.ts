/** The model architectures a study can train. */
import { z } from 'zod';
import { positiveInt } from './numbers';

const norm = z.enum(['none', 'batch', 'group']);

export const MLP_PRESETS = {
  /** The Purchase-100 classifier of the membership-inference literature (600→1024→512→256→128→100, tanh). */
  purchase: { hidden: [1024, 512, 256, 128], activation: 'tanh' },
  /** Texas-100: the same architecture over 6,169 features. */
  texas: { hidden: [1024, 512, 256, 128], activation: 'tanh' },
  /** Location-30 (Nasr et al.): 446→512→256→128→30, tanh. */
  location: { hidden: [512, 256, 128], activation: 'tanh' },
} as const;

export const LayerSpecSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('conv2d'),
      filters: positiveInt,
      kernel: positiveInt,
      strides: positiveInt.default(1),
      padding: z.enum(['same', 'valid']).default('same'),
      dilation: positiveInt.default(1),
    })
    .strict(),
  z.object({ type: z.literal('dense'), units: positiveInt }).strict(),
  z.object({ type: z.literal('maxpool'), size: positiveInt.default(2), strides: positiveInt.optional() }).strict(),
  z.object({ type: z.literal('avgpool'), size: positiveInt.default(2), strides: positiveInt.optional() }).strict(),
  z.object({ type: z.literal('global-avgpool') }).strict(),
  z.object({ type: z.literal('flatten') }).strict(),
  z.object({ type: z.literal('relu') }).strict(),
  z.object({ type: z.literal('tanh') }).strict(),
  z.object({ type: z.literal('batchnorm') }).strict(),
  z.object({ type: z.literal('groupnorm'), groups: positiveInt.default(8) }).strict(),
  // Ops whose gradient tfjs-core lacks: accepted by the schema so the builder can refuse them by name.
  z.object({ type: z.literal('gather-nd'), indices: z.array(z.array(z.number().int())) }).strict(),
  z.object({ type: z.literal('strided-slice'), begin: z.array(z.number().int()), end: z.array(z.number().int()), strides: z.array(z.number().int()) }).strict(),
]);
export type LayerSpec = z.output<typeof LayerSpecSchema>;

const applyMlpPreset = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return value;
  const model = value as Record<string, unknown>;
  if (model.kind !== 'mlp' || typeof model.preset !== 'string' || !(model.preset in MLP_PRESETS)) return value;
  const preset = MLP_PRESETS[model.preset as keyof typeof MLP_PRESETS];
  return { ...model, hidden: model.hidden ?? [...preset.hidden], activation: model.activation ?? preset.activation };
};

const ModelUnionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('mlp'),
      /** Fills `hidden` and `activation` from MLP_PRESETS where they are not given. */
      preset: z.enum(['purchase', 'texas', 'location']).optional(),
      hidden: z.array(positiveInt).min(0).default([256, 128]),
      activation: z.enum(['relu', 'tanh']).default('relu'),
      norm: norm.default('none'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('cnn'),
      /** Filters of the two 3×3 conv blocks (each conv → norm → ReLU → max-pool 2). */
      channels: z.tuple([positiveInt, positiveInt]).default([32, 64]),
      dense: positiveInt.default(128),
      norm: norm.default('none'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('resnet18'),
      /** BatchNorm as in the papers; GroupNorm for DP-SGD. */
      norm: z.enum(['batch', 'group']).default('batch'),
      width: positiveInt.default(64),
    })
    .strict(),
  z.object({ kind: z.literal('layers'), layers: z.array(LayerSpecSchema).min(1) }).strict(),
]);

export const ModelConfigSchema = z.preprocess(applyMlpPreset, ModelUnionSchema);
export type ModelConfig = z.output<typeof ModelConfigSchema>;

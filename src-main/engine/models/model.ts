/**
 * A built model: the module tree plus what training and storage need — its variables, its
 * parametric layers (for DP-SGD), and weights as plain named arrays.
 */
import type { ModelConfig } from '../../../src-shared/config/model';
import { Rng } from '../../math/prng';
import { tf, type Tensor, type Variable } from '../tf';
import { buildCnn } from './architectures/cnn';
import { buildCustom } from './architectures/custom';
import { buildMlp } from './architectures/mlp';
import { buildResNet18 } from './architectures/resnet18';
import { assertTrainable } from './gradient-guard';
import { walkModules, type Sequential } from './layers/containers';
import { isParametric, type ForwardContext, type Param, type ParametricModule } from './module';

/** Weights as plain arrays, in the model's parameter order (trainable, then buffers). */
export interface NamedWeights {
  names: string[];
  shapes: number[][];
  values: Float32Array[];
}

export class Model {
  private readonly paramList: Param[];
  private readonly bufferList: Param[];

  constructor(
    readonly root: Sequential,
    readonly inputShape: number[],
    readonly numClasses: number,
  ) {
    this.paramList = root.params();
    this.bufferList = root.buffers();
  }

  /** Logits for a batch [B, ...inputShape]. */
  apply(x: Tensor, ctx: ForwardContext): Tensor {
    return this.root.apply(x, ctx);
  }

  get trainable(): Variable[] {
    return this.paramList.map((p) => p.variable);
  }

  get params(): readonly Param[] {
    return this.paramList;
  }

  get parameterCount(): number {
    return this.paramList.reduce((sum, p) => sum + p.variable.size, 0);
  }

  /** Layers with DP-SGD taps, in forward order. */
  parametricLayers(): ParametricModule[] {
    return walkModules(this.root).filter(isParametric);
  }

  /** True when some layer keeps batch statistics (BatchNorm). */
  get hasBatchStats(): boolean {
    return this.bufferList.length > 0;
  }

  /** Reads every weight and buffer back into plain arrays (for storage and SWA). */
  async getWeights(): Promise<NamedWeights> {
    const all = [...this.paramList, ...this.bufferList];
    const values = await Promise.all(all.map(async (p) => new Float32Array(await p.variable.data())));
    return { names: all.map((p) => p.name), shapes: all.map((p) => p.variable.shape), values };
  }

  /**
   * Loads weights by name; every parameter and buffer must be present with its shape.
   * @throws Error naming the first missing or mis-shaped weight.
   */
  setWeights(weights: NamedWeights): void {
    const index = new Map(weights.names.map((name, i) => [name, i]));
    for (const p of [...this.paramList, ...this.bufferList]) {
      const i = index.get(p.name);
      if (i === undefined) throw new Error(`weights have no "${p.name}"`);
      const shape = weights.shapes[i]!;
      if (shape.join('x') !== p.variable.shape.join('x')) {
        throw new Error(`weight "${p.name}" has shape [${shape}], the model expects [${p.variable.shape}]`);
      }
      tf.tidy(() => p.variable.assign(tf.tensor(weights.values[i]!, shape, 'float32')));
    }
  }

  dispose(): void {
    for (const p of [...this.paramList, ...this.bufferList]) p.variable.dispose();
  }
}

/**
 * Builds a model with seeded initial weights and checks that every layer can be trained.
 * @throws UnsupportedLayerError naming a layer whose gradient tfjs-core lacks.
 */
export async function buildModel(config: ModelConfig, inputShape: number[], numClasses: number, seed: number): Promise<Model> {
  const rng = new Rng(seed);
  const build = { mlp: buildMlp, cnn: buildCnn, resnet18: buildResNet18, layers: buildCustom }[config.kind] as (
    c: ModelConfig,
    shape: number[],
    classes: number,
    r: Rng,
  ) => Sequential;
  const root = build(config, inputShape, numClasses, rng);
  const model = new Model(root, inputShape, numClasses);
  try {
    await assertTrainable(root, inputShape);
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

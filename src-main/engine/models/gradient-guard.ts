/**
 * Refuses, when a model is built, layers whose gradients tfjs-core cannot compute (dilated
 * convolutions, GatherNd, StridedSlice…), naming the layer: training would otherwise fail deep in
 * the first step, or silently skip parameters. Each layer is run once on a zero input while its
 * kernels are recorded, and every kernel must have a registered gradient.
 */
import { tf } from '../tf';
import { walkModules, Residual, Sequential } from './layers/containers';
import { Conv2D } from './layers/conv2d';
import { forwardContext, type Module } from './module';

export class UnsupportedLayerError extends Error {
  constructor(
    readonly layer: string,
    readonly reason: string,
  ) {
    super(`Layer "${layer}" cannot be trained: ${reason}`);
    this.name = 'UnsupportedLayerError';
  }
}

/** Kernels whose gradient tfjs-core registers but that throw for some attributes. */
function attributeProblem(module: Module): string | null {
  if (module instanceof Conv2D && module.options.dilation > 1) {
    return `tfjs-core has no gradient for dilated convolutions (dilation ${module.options.dilation})`;
  }
  return null;
}

/**
 * Checks every leaf layer of a model.
 * @throws UnsupportedLayerError naming the first layer that cannot be differentiated.
 */
export async function assertTrainable(root: Module, inputShape: number[]): Promise<void> {
  const inputShapes = new Map<Module, number[]>();
  // Feed shapes forward through the tree to know each leaf's input shape.
  const assign = (module: Module, shape: number[]): void => {
    inputShapes.set(module, shape);
    if (module instanceof Sequential) {
      let current = shape;
      for (const layer of module.layers) {
        assign(layer, current);
        current = layer.outputShape;
      }
    } else if (module instanceof Residual) {
      assign(module.main, shape);
      if (module.shortcut) assign(module.shortcut, shape);
    }
  };
  assign(root, inputShape);

  for (const module of walkModules(root)) {
    if (module instanceof Sequential || module instanceof Residual) continue;
    const problem = attributeProblem(module);
    if (problem) throw new UnsupportedLayerError(module.name, problem);
    const input = inputShapes.get(module)!;
    const x = tf.zeros([2, ...input]);
    const profile = await tf.profile(() => tf.tidy(() => module.apply(x, forwardContext(true, false))));
    tf.dispose(profile.result);
    x.dispose();
    for (const kernel of profile.kernelNames) {
      if (!tf.getGradient(kernel)) throw new UnsupportedLayerError(module.name, `tfjs-core has no gradient for the ${kernel} operation`);
    }
  }
}

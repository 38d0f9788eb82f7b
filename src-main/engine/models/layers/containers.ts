/** Modules made of modules: a chain, and a residual block out = relu(main(x) + shortcut(x)). */
import { tf, type Tensor } from '../../tf';
import type { ForwardContext, Module, Param } from '../module';

export class Sequential implements Module {
  readonly outputShape: number[];

  constructor(
    readonly name: string,
    readonly layers: Module[],
    inputShape: number[],
  ) {
    this.outputShape = layers.length ? layers[layers.length - 1]!.outputShape : inputShape;
  }

  apply(x: Tensor, ctx: ForwardContext): Tensor {
    let y = x;
    for (const layer of this.layers) y = layer.apply(y, ctx);
    return y;
  }

  params(): Param[] {
    return this.layers.flatMap((layer) => layer.params());
  }

  buffers(): Param[] {
    return this.layers.flatMap((layer) => layer.buffers());
  }
}

export class Residual implements Module {
  readonly outputShape: number[];

  constructor(
    readonly name: string,
    readonly main: Sequential,
    /** null: the identity shortcut. */
    readonly shortcut: Sequential | null,
  ) {
    this.outputShape = main.outputShape;
  }

  apply(x: Tensor, ctx: ForwardContext): Tensor {
    const skip = this.shortcut ? this.shortcut.apply(x, ctx) : x;
    return tf.relu(tf.add(this.main.apply(x, ctx), skip));
  }

  params(): Param[] {
    return [...this.main.params(), ...(this.shortcut?.params() ?? [])];
  }

  buffers(): Param[] {
    return [...this.main.buffers(), ...(this.shortcut?.buffers() ?? [])];
  }
}

/** Every module of a tree, depth first, containers included. */
export function walkModules(root: Module): Module[] {
  const out: Module[] = [root];
  if (root instanceof Sequential) for (const layer of root.layers) out.push(...walkModules(layer));
  if (root instanceof Residual) {
    out.push(...walkModules(root.main));
    if (root.shortcut) out.push(...walkModules(root.shortcut));
  }
  return out;
}

/** Layers without parameters: activations, pooling, flattening. */
import { tf, type Tensor, type Tensor4D } from '../../tf';
import type { ForwardContext, Module, Param } from '../module';
import { convOutputSize } from './conv2d';

abstract class Stateless implements Module {
  constructor(
    readonly name: string,
    readonly outputShape: number[],
  ) {}
  abstract apply(x: Tensor, ctx: ForwardContext): Tensor;
  params(): Param[] {
    return [];
  }
  buffers(): Param[] {
    return [];
  }
}

export class Relu extends Stateless {
  apply(x: Tensor): Tensor {
    return tf.relu(x);
  }
}

export class Tanh extends Stateless {
  apply(x: Tensor): Tensor {
    return tf.tanh(x);
  }
}

export class Flatten extends Stateless {
  constructor(name: string, inputShape: number[]) {
    super(name, [inputShape.reduce((a, b) => a * b, 1)]);
  }
  apply(x: Tensor): Tensor {
    return tf.reshape(x, [x.shape[0]!, this.outputShape[0]!]);
  }
}

export class Pool2D extends Stateless {
  constructor(
    name: string,
    inputShape: number[],
    readonly kind: 'max' | 'avg',
    readonly size: number,
    readonly strides: number,
  ) {
    const [h, w, c] = inputShape as [number, number, number];
    super(name, [convOutputSize(h, size, strides, 'valid'), convOutputSize(w, size, strides, 'valid'), c]);
  }
  apply(x: Tensor): Tensor {
    const pool = this.kind === 'max' ? tf.maxPool : tf.avgPool;
    return pool(x as Tensor4D, this.size, this.strides, 'valid');
  }
}

export class GlobalAvgPool extends Stateless {
  constructor(name: string, inputShape: number[]) {
    super(name, [inputShape[2]!]);
  }
  apply(x: Tensor): Tensor {
    return tf.mean(x, [1, 2]);
  }
}

/** A model written as a list of layers (the `layers` model kind), for architectures of one's own. */
import type { Rng } from '../../../math/prng';
import type { LayerSpec, ModelConfig } from '../../../../src-shared/config/model';
import { tf, type Tensor } from '../../tf';
import type { ForwardContext, Module, Param } from '../module';
import { Sequential } from '../layers/containers';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { BatchNorm, GroupNorm } from '../layers/normalization';
import { Flatten, GlobalAvgPool, Pool2D, Relu, Tanh } from '../layers/stateless';

type LayersConfig = Extract<ModelConfig, { kind: 'layers' }>;

/** A layer that applies one tfjs op, for the ops the schema accepts only to refuse them clearly. */
class OpLayer implements Module {
  constructor(
    readonly name: string,
    readonly outputShape: number[],
    private readonly op: (x: Tensor) => Tensor,
  ) {}
  apply(x: Tensor, _ctx: ForwardContext): Tensor {
    return this.op(x);
  }
  params(): Param[] {
    return [];
  }
  buffers(): Param[] {
    return [];
  }
}

function buildLayer(spec: LayerSpec, index: number, shape: number[], rng: Rng): Module {
  const name = `layer${index + 1}.${spec.type}`;
  switch (spec.type) {
    case 'conv2d':
      return new Conv2D(name, shape, { ...spec, bias: true }, 'he', rng);
    case 'dense':
      if (shape.length !== 1) throw new Error(`${name}: dense needs a flat input, got shape [${shape}]; add a flatten layer before it`);
      return new Dense(name, shape[0]!, spec.units, 'he', rng);
    case 'maxpool':
    case 'avgpool':
      return new Pool2D(name, shape, spec.type === 'maxpool' ? 'max' : 'avg', spec.size, spec.strides ?? spec.size);
    case 'global-avgpool':
      return new GlobalAvgPool(name, shape);
    case 'flatten':
      return new Flatten(name, shape);
    case 'relu':
      return new Relu(name, shape);
    case 'tanh':
      return new Tanh(name, shape);
    case 'batchnorm':
      return new BatchNorm(name, shape, rng);
    case 'groupnorm':
      return new GroupNorm(name, shape, spec.groups, rng);
    case 'gather-nd':
      return new OpLayer(name, [spec.indices.length], (x) => tf.gatherND(x, tf.tensor2d(spec.indices.map((row) => [0, ...row]), undefined, 'int32')));
    case 'strided-slice':
      return new OpLayer(name, shape, (x) => tf.stridedSlice(x, [0, ...spec.begin], [x.shape[0]!, ...spec.end], [1, ...spec.strides]));
  }
}

/** Builds the listed layers, then a dense classifier when the last layer is not already one of numClasses units. */
export function buildCustom(config: LayersConfig, inputShape: number[], numClasses: number, rng: Rng): Sequential {
  const layers: Module[] = [];
  let shape = inputShape;
  config.layers.forEach((spec, index) => {
    const layer = buildLayer(spec, index, shape, rng);
    layers.push(layer);
    shape = layer.outputShape;
  });
  if (shape.length !== 1) {
    const flatten = new Flatten('flatten', shape);
    layers.push(flatten);
    shape = flatten.outputShape;
  }
  layers.push(new Dense('logits', shape[0]!, numClasses, 'glorot', rng));
  return new Sequential('layers', layers, inputShape);
}

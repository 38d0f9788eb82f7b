/**
 * The small CNN of ../shared/bench/WORKLOADS.md: two blocks of conv 3×3 'same' → (norm) → ReLU →
 * max-pool 2, then dense → ReLU → dense.
 */
import type { Rng } from '../../../math/prng';
import type { ModelConfig } from '../../../../src-shared/config/model';
import type { Module } from '../module';
import { Sequential } from '../layers/containers';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { Flatten, Pool2D, Relu } from '../layers/stateless';
import { normLayer } from './norm';

type CnnConfig = Extract<ModelConfig, { kind: 'cnn' }>;

export function buildCnn(config: CnnConfig, inputShape: number[], numClasses: number, rng: Rng): Sequential {
  const layers: Module[] = [];
  let shape = inputShape;
  config.channels.forEach((filters, i) => {
    const conv = new Conv2D(`conv${i + 1}`, shape, { filters, kernel: 3, strides: 1, padding: 'same', dilation: 1, bias: config.norm === 'none' }, 'he', rng);
    const norms = normLayer(config.norm, `norm${i + 1}`, conv.outputShape, rng);
    const pool = new Pool2D(`pool${i + 1}`, conv.outputShape, 'max', 2, 2);
    layers.push(conv, ...norms, new Relu(`relu${i + 1}`, conv.outputShape), pool);
    shape = pool.outputShape;
  });
  const flatten = new Flatten('flatten', shape);
  const hidden = new Dense('dense1', flatten.outputShape[0]!, config.dense, 'he', rng);
  layers.push(flatten, hidden, new Relu('relu3', hidden.outputShape), new Dense('logits', config.dense, numClasses, 'glorot', rng));
  return new Sequential('cnn', layers, inputShape);
}

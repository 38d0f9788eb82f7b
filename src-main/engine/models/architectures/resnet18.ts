/**
 * ResNet-18, CIFAR variant (He et al. 2016; as in the DeMem and LiRA code): a 3×3 stem without
 * max-pooling, four stages of two basic blocks (widths w, 2w, 4w, 8w; stride 2 from the second
 * stage), global average pooling, a dense classifier. Meant for GPU backends.
 */
import type { Rng } from '../../../math/prng';
import type { ModelConfig } from '../../../../src-shared/config/model';
import type { Module } from '../module';
import { Residual, Sequential } from '../layers/containers';
import { Conv2D } from '../layers/conv2d';
import { Dense } from '../layers/dense';
import { GlobalAvgPool, Relu } from '../layers/stateless';
import { normLayer } from './norm';

type ResNetConfig = Extract<ModelConfig, { kind: 'resnet18' }>;

function conv(name: string, shape: number[], filters: number, kernel: number, strides: number, rng: Rng): Conv2D {
  return new Conv2D(name, shape, { filters, kernel, strides, padding: 'same', dilation: 1, bias: false }, 'he', rng);
}

function basicBlock(name: string, shape: number[], filters: number, strides: number, norm: ResNetConfig['norm'], rng: Rng): Residual {
  const conv1 = conv(`${name}.conv1`, shape, filters, 3, strides, rng);
  const conv2 = conv(`${name}.conv2`, conv1.outputShape, filters, 3, 1, rng);
  const main = new Sequential(
    `${name}.main`,
    [
      conv1,
      ...normLayer(norm, `${name}.norm1`, conv1.outputShape, rng),
      new Relu(`${name}.relu1`, conv1.outputShape),
      conv2,
      ...normLayer(norm, `${name}.norm2`, conv2.outputShape, rng),
    ],
    shape,
  );
  const needsProjection = strides !== 1 || shape[2] !== filters;
  if (!needsProjection) return new Residual(name, main, null);
  const projection = conv(`${name}.shortcut`, shape, filters, 1, strides, rng);
  const shortcut = new Sequential(`${name}.shortcut`, [projection, ...normLayer(norm, `${name}.shortcut_norm`, projection.outputShape, rng)], shape);
  return new Residual(name, main, shortcut);
}

export function buildResNet18(config: ResNetConfig, inputShape: number[], numClasses: number, rng: Rng): Sequential {
  const stem = conv('stem', inputShape, config.width, 3, 1, rng);
  const layers: Module[] = [stem, ...normLayer(config.norm, 'stem_norm', stem.outputShape, rng), new Relu('stem_relu', stem.outputShape)];
  let shape = stem.outputShape;
  [1, 2, 4, 8].forEach((multiplier, stage) => {
    for (let block = 0; block < 2; block++) {
      const strides = stage > 0 && block === 0 ? 2 : 1;
      const residual = basicBlock(`layer${stage + 1}.${block}`, shape, config.width * multiplier, strides, config.norm, rng);
      layers.push(residual);
      shape = residual.outputShape;
    }
  });
  const pool = new GlobalAvgPool('pool', shape);
  layers.push(pool, new Dense('logits', pool.outputShape[0]!, numClasses, 'glorot', rng));
  return new Sequential('resnet18', layers, inputShape);
}

/** Multi-layer perceptrons, including the Purchase/Texas/Location classifiers of the MI literature. */
import type { Rng } from '../../../math/prng';
import type { ModelConfig } from '../../../../src-shared/config/model';
import type { Module } from '../module';
import { Sequential } from '../layers/containers';
import { Dense } from '../layers/dense';
import { Flatten, Relu, Tanh } from '../layers/stateless';
import { normLayer } from './norm';

type MlpConfig = Extract<ModelConfig, { kind: 'mlp' }>;

export function buildMlp(config: MlpConfig, inputShape: number[], numClasses: number, rng: Rng): Sequential {
  const layers: Module[] = [];
  let shape = inputShape;
  if (shape.length > 1) {
    const flatten = new Flatten('flatten', shape);
    layers.push(flatten);
    shape = flatten.outputShape;
  }
  config.hidden.forEach((units, i) => {
    const dense = new Dense(`dense${i + 1}`, shape[0]!, units, config.activation === 'relu' ? 'he' : 'glorot', rng);
    layers.push(dense, ...normLayer(config.norm, `norm${i + 1}`, dense.outputShape, rng));
    layers.push(config.activation === 'relu' ? new Relu(`relu${i + 1}`, dense.outputShape) : new Tanh(`tanh${i + 1}`, dense.outputShape));
    shape = dense.outputShape;
  });
  layers.push(new Dense('logits', shape[0]!, numClasses, 'glorot', rng));
  return new Sequential('mlp', layers, inputShape);
}

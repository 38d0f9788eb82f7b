import { describe, expect, it } from 'vitest';
import { Adam } from '../../../../src-main/attacks/mlp/adam';
import { Mlp, type MlpShape } from '../../../../src-main/attacks/mlp/mlp';
import { positiveProbability, trainMlp } from '../../../../src-main/attacks/mlp/train';
import { Rng } from '../../../../src-main/math/prng';

function randomBatch(rng: Rng, rows: number, width: number, classes: number) {
  const x = Float64Array.from({ length: rows * width }, () => rng.normal());
  const y = Int32Array.from({ length: rows }, () => rng.int(classes));
  return { x, y };
}

/** Central finite differences of the mean loss, one parameter at a time. */
function numericGradient(mlp: Mlp, x: Float64Array, y: Int32Array, rows: number): Float64Array {
  const h = 1e-6;
  const scratch = new Float64Array(mlp.params.length);
  const out = new Float64Array(mlp.params.length);
  for (let k = 0; k < mlp.params.length; k++) {
    const saved = mlp.params[k]!;
    mlp.params[k] = saved + h;
    const up = mlp.lossAndGradient(x, y, rows, scratch);
    mlp.params[k] = saved - h;
    const down = mlp.lossAndGradient(x, y, rows, scratch);
    mlp.params[k] = saved;
    out[k] = (up - down) / (2 * h);
  }
  return out;
}

describe('Mlp', () => {
  const shapes: MlpShape[] = [
    { sizes: [4, 6, 2], activation: 'relu' },
    { sizes: [5, 10, 10, 2], activation: 'leaky-relu', leakySlope: 0.01 },
    { sizes: [3, 7, 4], activation: 'leaky-relu', leakySlope: 0.2 },
  ];

  it.each(shapes)('backpropagation matches finite differences ($sizes, $activation)', (shape) => {
    const rng = new Rng(7);
    const mlp = Mlp.initialized(shape, rng);
    // Non-zero biases so that ReLU kinks are not hit exactly.
    for (let k = 0; k < mlp.params.length; k++) mlp.params[k]! += 0.05 * rng.normal();
    const rows = 5;
    const { x, y } = randomBatch(rng, rows, shape.sizes[0]!, shape.sizes.at(-1)!);
    const gradient = new Float64Array(mlp.params.length);
    const loss = mlp.lossAndGradient(x, y, rows, gradient);
    expect(loss).toBeGreaterThan(0);
    const numeric = numericGradient(mlp, x, y, rows);
    for (let k = 0; k < gradient.length; k++) expect(Math.abs(gradient[k]! - numeric[k]!)).toBeLessThan(1e-7);
  });

  it('computes softmax cross-entropy exactly on a hand-set network', () => {
    // One linear layer: logits = xᵀW + b with W = [[1, 0], [0, 1]], b = [0, 1].
    const mlp = new Mlp({ sizes: [2, 2], activation: 'relu' }, Float64Array.from([1, 0, 0, 1, 0, 1]));
    const x = Float64Array.from([2, 1]);
    expect([...mlp.logits(x, 1)]).toEqual([2, 2]);
    const g = new Float64Array(6);
    expect(mlp.lossAndGradient(x, [0], 1, g)).toBeCloseTo(Math.log(2), 14);
    // ∂/∂z = (½ − 1, ½); ∂/∂W[i][o] = x_i · ∂z_o (weights stored input-major).
    expect([...g]).toEqual([-1, 1, -0.5, 0.5, -0.5, 0.5]);
    expect([...mlp.probabilities(x, 1)]).toEqual([0.5, 0.5]);
  });

  it('validates shapes, parameter counts and labels', () => {
    expect(() => new Mlp({ sizes: [3], activation: 'relu' })).toThrow(/sizes/);
    expect(() => new Mlp({ sizes: [2, 2], activation: 'relu' }, new Float64Array(5))).toThrow(/6 parameters/);
    const mlp = new Mlp({ sizes: [2, 2], activation: 'relu' });
    expect(() => mlp.lossAndGradient(new Float64Array(2), [2], 1, new Float64Array(6))).toThrow(/labels\[0\]/);
  });
});

describe('Adam', () => {
  it('takes a first step of size lr·sign(g) (bias-corrected)', () => {
    const params = Float64Array.from([1, -2, 0.5]);
    const adam = new Adam(3, { learningRate: 0.1 });
    adam.step(params, Float64Array.from([3, -0.001, 0]));
    expect(params[0]).toBeCloseTo(0.9, 7);
    expect(params[1]).toBeCloseTo(-1.9, 4);
    expect(params[2]).toBe(0.5);
    expect(() => new Adam(3, { learningRate: 0 })).toThrow(/learningRate/);
  });

  it('minimises a quadratic', () => {
    const params = Float64Array.from([5, -3]);
    const adam = new Adam(2, { learningRate: 0.05 });
    for (let t = 0; t < 2000; t++) adam.step(params, Float64Array.from([2 * (params[0]! - 1), 20 * (params[1]! + 2)]));
    expect(params[0]).toBeCloseTo(1, 3);
    expect(params[1]).toBeCloseTo(-2, 3);
  });
});

describe('trainMlp', () => {
  it('learns XOR-like data, reproducibly from its seed', () => {
    const rng = new Rng(1);
    const rows = 400;
    const x = new Float64Array(rows * 2);
    const y = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) {
      const a = rng.uniform() * 2 - 1;
      const b = rng.uniform() * 2 - 1;
      x[2 * r] = a;
      x[2 * r + 1] = b;
      y[r] = a * b > 0 ? 1 : 0;
    }
    const options = { hidden: [16], learningRate: 0.01, epochs: 60, batchSize: 16, seed: 3 };
    const mlp = trainMlp(x, y, rows, options);
    const p = positiveProbability(mlp, x, rows);
    const accuracy = p.reduce((s, pr, r) => s + ((pr >= 0.5 ? 1 : 0) === y[r] ? 1 : 0), 0) / rows;
    expect(accuracy).toBeGreaterThan(0.9);
    expect([...trainMlp(x, y, rows, options).params]).toEqual([...mlp.params]);
  });

  it('validates its inputs', () => {
    const base = { hidden: [4], learningRate: 0.01, epochs: 1, batchSize: 1, seed: 0 };
    expect(() => trainMlp(new Float64Array(5), new Uint8Array(2), 2, base)).toThrow(/multiple of rows/);
    expect(() => trainMlp(new Float64Array(4), new Uint8Array(3), 2, base)).toThrow(/labels/);
    expect(() => trainMlp(new Float64Array(4), new Uint8Array(2), 2, { ...base, epochs: 0 })).toThrow(/epochs/);
  });
});

/**
 * The Adam optimizer (Kingma & Ba 2015) over one flat Float64Array of parameters, with the usual
 * bias correction; defaults β₁ = 0.9, β₂ = 0.999, ε = 1e−8.
 */
export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

export class Adam {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;

  /** @throws RangeError on a non-positive learning rate or β outside [0, 1). */
  constructor(size: number, options: AdamOptions) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    if (!(this.learningRate > 0)) throw new RangeError(`learningRate must be > 0, got ${this.learningRate}`);
    for (const [name, beta] of [
      ['beta1', this.beta1],
      ['beta2', this.beta2],
    ] as const) {
      if (!(beta >= 0 && beta < 1)) throw new RangeError(`${name} must be in [0, 1), got ${beta}`);
    }
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** One update of `params` in place from `gradient`. */
  step(params: Float64Array, gradient: Float64Array): void {
    if (params.length !== this.m.length || gradient.length !== this.m.length) {
      throw new RangeError(`Adam was built for ${this.m.length} parameters, got params ${params.length}, gradient ${gradient.length}`);
    }
    this.t++;
    const { beta1, beta2 } = this;
    const stepSize = (this.learningRate * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    const epsHat = this.epsilon * Math.sqrt(1 - beta2 ** this.t);
    for (let k = 0; k < params.length; k++) {
      const g = gradient[k]!;
      const m = (this.m[k] = beta1 * this.m[k]! + (1 - beta1) * g);
      const v = (this.v[k] = beta2 * this.v[k]! + (1 - beta2) * g * g);
      params[k]! -= (stepSize * m) / (Math.sqrt(v) + epsHat);
    }
  }
}

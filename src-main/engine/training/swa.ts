/**
 * Stochastic weight averaging (Izmailov et al. 2018): a running mean of the weights at the end of
 * chosen epochs, loaded into the model at the end, with BatchNorm statistics recomputed over the
 * training data (the averaged weights never produced the running statistics they are paired with).
 */
import type { Rng } from '../../math/prng';
import { walkModules } from '../models/layers/containers';
import { BatchNorm } from '../models/layers/normalization';
import type { Model, NamedWeights } from '../models/model';
import { forwardContext } from '../models/module';
import { tf, type Variable } from '../tf';
import { epochBatches, gatherBatch, type SampleSource } from './batches';

export class SwaAverager {
  private averages: Variable[] | null = null;
  private count = 0;

  constructor(private readonly model: Model) {}

  /** Folds the current weights into the average: avg ← avg + (w − avg)/(n + 1). */
  add(): void {
    const weights = this.model.trainable;
    if (!this.averages) this.averages = weights.map((w) => tf.variable(w, false, undefined, 'float32'));
    else {
      const n = this.count;
      tf.tidy(() => this.averages!.forEach((avg, i) => avg.assign(tf.add(avg, tf.div(tf.sub(weights[i]!, avg), n + 1)))));
    }
    this.count += 1;
  }

  /** Loads the average into the model and recomputes BatchNorm statistics (cumulative, one pass). */
  async finish(data: SampleSource, indices: Int32Array, batchSize: number, rng: Rng): Promise<void> {
    if (!this.averages) return;
    tf.tidy(() => this.model.trainable.forEach((w, i) => w.assign(this.averages![i]!)));
    const norms = walkModules(this.model.root).filter((m): m is BatchNorm => m instanceof BatchNorm);
    if (!norms.length) return;
    for (const norm of norms) norm.resetStats();
    const batches = epochBatches(indices, batchSize, 'shuffle', rng).filter((b) => b.length > 1);
    for (let n = 0; n < batches.length; n++) {
      const { x } = gatherBatch(data, batches[n]!, null, rng);
      const ctx = { ...forwardContext(true, true), statMomentum: 1 / (n + 1) };
      tf.tidy(() => {
        this.model.apply(tf.tensor(x, [batches[n]!.length, ...data.shape]), ctx);
      });
      for (const update of ctx.statUpdates) update.apply();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The running average and its count, for checkpoints (names of the model's parameters). */
  async getState(): Promise<NamedWeights | null> {
    if (!this.averages) return null;
    const params = this.model.params;
    const values = await Promise.all(this.averages.map(async (v) => new Float32Array(await v.data())));
    return { names: [...params.map((p) => p.name), '#count'], shapes: [...params.map((p) => p.variable.shape), [1]], values: [...values, Float32Array.of(this.count)] };
  }

  setState(state: NamedWeights): void {
    this.dispose();
    const count = state.names.indexOf('#count');
    this.count = state.values[count]![0]!;
    this.averages = this.model.params.map((p) => {
      const i = state.names.indexOf(p.name);
      if (i < 0) throw new Error(`the SWA checkpoint has no "${p.name}"`);
      const initial = tf.tensor(state.values[i]!, state.shapes[i]!, 'float32');
      const variable = tf.variable(initial, false);
      initial.dispose();
      return variable;
    });
  }

  dispose(): void {
    this.averages?.forEach((v) => v.dispose());
    this.averages = null;
  }
}

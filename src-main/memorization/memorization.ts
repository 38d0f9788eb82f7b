/**
 * Feldman & Zhang's subsampled memorization estimator (SCIENCE.md §12.1–§12.3): for each sample,
 * the accuracy of the models that trained on it minus the accuracy of those that did not.
 */

export interface MemorizationEstimate {
  /** mem̂(i) = inAccuracy(i) − outAccuracy(i); NaN when sample i was never IN or never OUT. */
  mem: Float64Array;
  /** Fraction of the models trained on i that classify i correctly (NaN when none trained on i). */
  inAccuracy: Float64Array;
  /** Fraction of the models not trained on i that classify i correctly (NaN when all trained on i). */
  outAccuracy: Float64Array;
  inCount: Uint32Array;
  outCount: Uint32Array;
  /**
   * Plug-in standard error of mem̂(i): √(p_in(1−p_in)/n_in + p_out(1−p_out)/n_out) (NaN with mem̂).
   * It is 0 when both accuracies are 0 or 1 — a small-sample artefact, not certainty.
   */
  standardError: Float64Array;
  /**
   * r, the overall IN fraction of the mask. Estimates from different r are different quantities
   * (F&Z use r = 0.7; a LiRA shadow pool gives r = 0.5): label them with {@link memorizationLabel}.
   */
  inFraction: number;
  models: number;
}

function checkMatrix(name: string, values: ArrayLike<number>, models: number, samples: number): void {
  if (values.length !== models * samples) {
    throw new RangeError(`${name} has length ${values.length}, expected models×samples = ${models}×${samples} = ${models * samples}`);
  }
}

/**
 * Estimates memorization from per-model correctness on the training pool (SCIENCE.md §12.2).
 *
 * @param correct M×N row-major, `correct[m*N+i] = 1` when model m classifies sample i correctly.
 * @param keep M×N row-major, `keep[m*N+i] = 1` when model m trained on sample i.
 * @throws RangeError when the array lengths do not match M×N.
 */
export function memorization(correct: Uint8Array, keep: Uint8Array, models: number, samples: number): MemorizationEstimate {
  checkMatrix('correct', correct, models, samples);
  checkMatrix('keep', keep, models, samples);
  const inCount = new Uint32Array(samples);
  const inCorrect = new Uint32Array(samples);
  const outCorrect = new Uint32Array(samples);
  let totalIn = 0;
  for (let m = 0; m < models; m++) {
    const row = m * samples;
    for (let i = 0; i < samples; i++) {
      const c = correct[row + i]! ? 1 : 0;
      if (keep[row + i]) {
        inCount[i]!++;
        inCorrect[i]! += c;
      } else {
        outCorrect[i]! += c;
      }
    }
  }
  const outCount = new Uint32Array(samples);
  const mem = new Float64Array(samples);
  const inAccuracy = new Float64Array(samples);
  const outAccuracy = new Float64Array(samples);
  const standardError = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const nIn = inCount[i]!;
    const nOut = models - nIn;
    outCount[i] = nOut;
    totalIn += nIn;
    const pIn = nIn > 0 ? inCorrect[i]! / nIn : NaN;
    const pOut = nOut > 0 ? outCorrect[i]! / nOut : NaN;
    inAccuracy[i] = pIn;
    outAccuracy[i] = pOut;
    mem[i] = pIn - pOut;
    standardError[i] = Math.sqrt((pIn * (1 - pIn)) / nIn + (pOut * (1 - pOut)) / nOut);
  }
  const inFraction = models * samples > 0 ? totalIn / (models * samples) : NaN;
  return { mem, inAccuracy, outAccuracy, inCount, outCount, standardError, inFraction, models };
}

/**
 * The approximate standard error of mem̂ (or infl̂) from K models at IN fraction r when the
 * underlying accuracy is p (SCIENCE.md §12.2): √(p(1−p)) · √(1/(K r) + 1/(K (1−r))).
 * Rankings of samples by mem̂ need K in the thousands for this to be small.
 */
export function memorizationStandardError(accuracy: number, models: number, inFraction: number): number {
  if (!(inFraction > 0 && inFraction < 1)) throw new RangeError(`inFraction must be in (0, 1), got ${inFraction}`);
  if (!(models > 0)) throw new RangeError(`models must be > 0, got ${models}`);
  return Math.sqrt(accuracy * (1 - accuracy)) * Math.sqrt(1 / (models * inFraction) + 1 / (models * (1 - inFraction)));
}

/** The label that states which r an estimate used, e.g. `mem@r=0.5` (SCIENCE.md §12.3). */
export function memorizationLabel(inFraction: number): string {
  return `mem@r=${Number(inFraction.toFixed(2))}`;
}

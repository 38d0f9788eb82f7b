/**
 * Per-example signals from a model's logits (SCIENCE.md §1), all in float64: LiRA's logit-scaled
 * confidence φ, log p_y, loss, confidence, hinge, entropy, modified entropy, correctness, predicted
 * class and the top-k probabilities.
 *
 * Everything is derived from logits through log-sum-exp, never from the log of a stored softmax: φ is
 * `z_y − logsumexp_{y'≠y} z_{y'}`, which keeps separating memorised points (p_y → 1) where
 * `log(1 − p_y)` saturates (§1 "Pitfall").
 */

/** log(1e-30): the clamp of Song & Mittal's `_log_value` (their entropy and modified entropy). */
const LOG_CLAMP = Math.log(1e-30);

/**
 * How φ is formed. `'logit'` (default) is exact. The compat forms reproduce reference code from a
 * float64 softmax `p`: `'lira-ref'` = `log(p_y + 1e-45) − log(Σ_{≠y} p + 1e-45)` (tensorflow/privacy
 * mi_lira_2021/score.py); `'demem'` = `log p_y − log(Σ_{≠y} p + 1e-20)` (DeMem train_luo.py; DeMem
 * uses a float32 softmax, whose extra saturation is deliberately not reproduced).
 */
export type PhiForm = 'logit' | 'lira-ref' | 'demem';

/** Every signal of {@link computeSignals}, one entry per sample (`top` is samples × topK). */
export interface SignalSet {
  samples: number;
  classes: number;
  /** Probabilities kept per sample in `top`: min(requested k, classes). */
  topK: number;
  /** LiRA's logit-scaled confidence φ. */
  phi: Float64Array;
  /** log p_y (log-softmax at the label). */
  logProb: Float64Array;
  /** Cross-entropy −log p_y. */
  loss: Float64Array;
  /** p_y. */
  confidence: Float64Array;
  /** z_y − max_{y'≠y} z_{y'}. */
  hinge: Float64Array;
  /** −Σ p_k log p_k (log clamped at log 1e-30 as in Song & Mittal). */
  entropy: Float64Array;
  /** Song & Mittal's modified entropy with their clamps. */
  modifiedEntropy: Float64Array;
  /** 1 when the first arg-max equals the label. */
  correct: Uint8Array;
  /** The first arg-max class (numpy's argmax convention on ties). */
  predicted: Int32Array;
  /** The topK largest probabilities per sample, descending. */
  top: Float64Array;
}

/** Options of {@link computeSignals}. */
export interface SignalOptions {
  /** How many sorted probabilities to keep per sample (default 3; capped at the class count). */
  topK?: number;
  /** Form of φ (default 'logit'). */
  phi?: PhiForm;
  /** Arrays to fill instead of allocating (e.g. reused across models); must match the shape. */
  into?: SignalSet;
}

/** Logit blocks accepted by the signal functions (samples × classes, row-major). */
export type LogitArray = Float32Array | Float64Array;

/** Label arrays accepted by the signal functions. */
export type LabelArray = Uint8Array | Uint16Array | Int32Array | Uint32Array;

/** softplus(x) = log(1 + e^x) without overflow or cancellation. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

function classesOf(logits: ArrayLike<number>, labels: ArrayLike<number>): number {
  const samples = labels.length;
  if (samples === 0) {
    if (logits.length !== 0) throw new RangeError(`logits has ${logits.length} values but labels is empty`);
    return 0;
  }
  const classes = logits.length / samples;
  if (!Number.isInteger(classes) || classes < 2) {
    throw new RangeError(
      `logits has ${logits.length} values for ${samples} labels: need samples × classes with classes >= 2`,
    );
  }
  return classes;
}

function checkLabel(label: number, classes: number, row: number): void {
  if (!(label >= 0 && label < classes)) {
    throw new RangeError(`labels[${row}] = ${label} is outside 0..${classes - 1}`);
  }
}

/** Allocates the arrays of a {@link SignalSet} (for reuse through `SignalOptions.into`). */
export function allocateSignalSet(samples: number, classes: number, topK = 3): SignalSet {
  const k = Math.min(topK, classes);
  return {
    samples,
    classes,
    topK: k,
    phi: new Float64Array(samples),
    logProb: new Float64Array(samples),
    loss: new Float64Array(samples),
    confidence: new Float64Array(samples),
    hinge: new Float64Array(samples),
    entropy: new Float64Array(samples),
    modifiedEntropy: new Float64Array(samples),
    correct: new Uint8Array(samples),
    predicted: new Int32Array(samples),
    top: new Float64Array(samples * k),
  };
}

/**
 * Computes every §1 signal for a block of logits in one sweep (three short passes per row), without
 * per-element allocation.
 *
 * Args: `logits` samples × classes (float32 or float64, promoted to float64); `labels` one per sample;
 * `options` topK, φ form, and optional output arrays to reuse.
 * Returns the {@link SignalSet}.
 * Throws RangeError when the shapes disagree, a label is out of range, or `into` has another shape.
 *
 * Per row: one pass for the max, arg-max and the largest off-label logit m₂; one pass of exp for
 * `Σ_{k≠y} e^{z_k − m₂}` (so the off-label log-sum-exp never underflows); then log p_y = −softplus(−φ),
 * 1 − p_y = e^{−softplus(φ)}, and one pass over p_k for entropy, modified entropy and the top-k.
 */
export function computeSignals(logits: LogitArray, labels: LabelArray, options: SignalOptions = {}): SignalSet {
  const classes = classesOf(logits, labels);
  const samples = labels.length;
  const requestedTop = options.topK ?? 3;
  if (!Number.isInteger(requestedTop) || requestedTop < 0) {
    throw new RangeError(`topK must be a non-negative integer, got ${requestedTop}`);
  }
  const out = options.into ?? allocateSignalSet(samples, classes, requestedTop);
  if (out.samples !== samples || out.classes !== classes || out.topK !== Math.min(requestedTop, classes)) {
    throw new RangeError(
      `into has shape ${out.samples} × ${out.classes} (topK ${out.topK}), ` +
        `expected ${samples} × ${classes} (topK ${Math.min(requestedTop, classes)})`,
    );
  }
  const phiForm = options.phi ?? 'logit';
  const k = out.topK;
  const expOthers = new Float64Array(classes);
  for (let row = 0; row < samples; row++) {
    const base = row * classes;
    const y = labels[row]!;
    checkLabel(y, classes, row);
    let max = -Infinity;
    let argmax = 0;
    let maxOther = -Infinity;
    for (let c = 0; c < classes; c++) {
      const v = logits[base + c]!;
      if (v > max) {
        max = v;
        argmax = c;
      }
      if (c !== y && v > maxOther) maxOther = v;
    }
    const zy = logits[base + y]!;
    let sumOthers = 0;
    for (let c = 0; c < classes; c++) {
      const e = c === y ? 0 : Math.exp(logits[base + c]! - maxOther);
      expOthers[c] = e;
      sumOthers += e;
    }
    const logSumOthers = maxOther + Math.log(sumOthers);
    const phiLogit = zy - logSumOthers;
    const logPy = -softplus(-phiLogit);
    const oneMinusPy = Math.exp(-softplus(phiLogit));
    const logNorm = zy - logPy;
    const py = Math.exp(logPy);
    const scaleOthers = Math.exp(maxOther - logNorm);

    const topBase = row * k;
    for (let t = 0; t < k; t++) out.top[topBase + t] = -1;
    let entropy = 0;
    let mentrOthers = 0;
    let sumOthersP = 0;
    let sumExceptArgmax = 0;
    for (let c = 0; c < classes; c++) {
      const p = c === y ? py : expOthers[c]! * scaleOthers;
      if (p > 0) entropy -= p * Math.max(logits[base + c]! - logNorm, LOG_CLAMP);
      if (c !== y) {
        sumOthersP += p;
        // Off-label, non-arg-max classes have p ≤ ½, where log1p(−p) is exact; the arg-max is done below.
        if (c !== argmax) mentrOthers += p * Math.max(Math.log1p(-p), LOG_CLAMP);
      }
      if (c !== argmax) sumExceptArgmax += p;
      if (k > 0 && p > out.top[topBase + k - 1]!) {
        let t = k - 1;
        while (t > 0 && out.top[topBase + t - 1]! < p) {
          out.top[topBase + t] = out.top[topBase + t - 1]!;
          t--;
        }
        out.top[topBase + t] = p;
      }
    }
    if (argmax !== y) {
      // 1 − p_argmax summed from the other probabilities: no cancellation when p_argmax → 1.
      const pArg = expOthers[argmax]! * scaleOthers;
      mentrOthers += pArg * Math.max(Math.log(sumExceptArgmax), LOG_CLAMP);
    }

    let phi = phiLogit;
    if (phiForm === 'lira-ref') phi = Math.log(py + 1e-45) - Math.log(sumOthersP + 1e-45);
    else if (phiForm === 'demem') phi = Math.log(py) - Math.log(sumOthersP + 1e-20);
    out.phi[row] = phi;
    out.logProb[row] = logPy;
    out.loss[row] = -logPy;
    out.confidence[row] = py;
    out.hinge[row] = zy - maxOther;
    out.entropy[row] = entropy;
    out.modifiedEntropy[row] = -oneMinusPy * Math.max(logPy, LOG_CLAMP) - mentrOthers;
    out.correct[row] = argmax === y ? 1 : 0;
    out.predicted[row] = argmax;
  }
  return out;
}

/**
 * log softmax(z / T)_y per sample: the log of RMIA's Pr(x|θ) at temperature T (SCIENCE.md §5.1).
 *
 * Args: `logits` samples × classes; `labels`; `temperature` T > 0.
 * Returns a Float64Array of log-probabilities (exponentiate for RMIA's probability source).
 * Throws RangeError on a bad shape, label or temperature.
 */
export function temperatureLogProb(logits: LogitArray, labels: LabelArray, temperature: number): Float64Array {
  if (!(temperature > 0) || !Number.isFinite(temperature)) {
    throw new RangeError(`temperature must be a positive finite number, got ${temperature}`);
  }
  const classes = classesOf(logits, labels);
  const out = new Float64Array(labels.length);
  const inv = 1 / temperature;
  for (let row = 0; row < labels.length; row++) {
    const base = row * classes;
    const y = labels[row]!;
    checkLabel(y, classes, row);
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits[base + c]! * inv);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[base + c]! * inv - max);
    out[row] = logits[base + y]! * inv - max - Math.log(sum);
  }
  return out;
}

/** Off-label log-sum-exp of one logit row (stable, shifted by the largest off-label logit). */
function logSumExpOthers(z: ArrayLike<number>, y: number): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (c !== y && z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) if (c !== y) sum += Math.exp(z[c]! - max);
  return max + Math.log(sum);
}

/** softmax(z) of one logit row in float64 (max-subtracted). */
export function softmax(z: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]!);
  const p = new Float64Array(z.length);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    p[c] = Math.exp(z[c]! - max);
    sum += p[c]!;
  }
  for (let c = 0; c < z.length; c++) p[c] = p[c]! / sum;
  return p;
}

/** φ = z_y − logsumexp_{y'≠y} z_{y'} for one logit row (LiRA's logit-scaled confidence, §1). */
export function logitPhi(z: ArrayLike<number>, y: number): number {
  return z[y]! - logSumExpOthers(z, y);
}

/** log p_y = −softplus(−φ) for one logit row. */
export function logProbAt(z: ArrayLike<number>, y: number): number {
  return -softplus(-logitPhi(z, y));
}

/** Cross-entropy loss −log p_y for one logit row. */
export function lossAt(z: ArrayLike<number>, y: number): number {
  return softplus(-logitPhi(z, y));
}

/** Confidence p_y for one logit row. */
export function confidenceAt(z: ArrayLike<number>, y: number): number {
  return Math.exp(logProbAt(z, y));
}

/** Hinge z_y − max_{y'≠y} z_{y'} for one logit row (tf-privacy `calculate_statistic('hinge')`). */
export function hingeAt(z: ArrayLike<number>, y: number): number {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (c !== y && z[c]! > max) max = z[c]!;
  return z[y]! - max;
}

/** Entropy −Σ p_k log max(p_k, 1e-30) of a probability vector (Song & Mittal). */
export function entropyOfProbs(p: ArrayLike<number>): number {
  let h = 0;
  for (let c = 0; c < p.length; c++) h -= p[c]! * Math.max(Math.log(p[c]!), LOG_CLAMP);
  return h;
}

/**
 * Song & Mittal's modified entropy of a probability vector with their clamps (SCIENCE.md §1):
 * `−(1−p_y) log max(p_y, 1e-30) − Σ_{k≠y} p_k log max(1−p_k, 1e-30)`.
 */
export function modifiedEntropyOfProbs(p: ArrayLike<number>, y: number): number {
  let m = -(1 - p[y]!) * Math.max(Math.log(p[y]!), LOG_CLAMP);
  for (let c = 0; c < p.length; c++) if (c !== y) m -= p[c]! * Math.max(Math.log1p(-p[c]!), LOG_CLAMP);
  return m;
}

/** Entropy of softmax(z) for one logit row. */
export function entropyAt(z: ArrayLike<number>): number {
  return entropyOfProbs(softmax(z));
}

/**
 * Modified entropy of softmax(z) for one logit row, with Song & Mittal's clamps. Each `1 − p_k` near
 * 0 is taken as `exp(logsumexp_{j≠k} z_j − logsumexp z)` rather than by subtraction, so memorised
 * points (p → 1) keep full precision.
 */
export function modifiedEntropyAt(z: ArrayLike<number>, y: number): number {
  const p = softmax(z);
  const logNorm = z[y]! - logProbAt(z, y);
  const logOneMinus = (k: number) => (p[k]! < 0.5 ? Math.log1p(-p[k]!) : logSumExpOthers(z, k) - logNorm);
  let m = -Math.exp(logOneMinus(y)) * Math.max(Math.log(p[y]!), LOG_CLAMP);
  for (let c = 0; c < z.length; c++) if (c !== y) m -= p[c]! * Math.max(logOneMinus(c), LOG_CLAMP);
  return m;
}

/**
 * A sample's IN and OUT score distributions (LiRA, Carlini et al. 2022 §4.2: the φ of shadow models
 * that trained on the sample and of those that did not, each fitted by a Gaussian) and a one-line
 * reading of what they say about the sample.
 */

export interface GaussianFit {
  inMean: number | null;
  inStd: number | null;
  outMean: number | null;
  outStd: number | null;
}

/** The normal density at x. */
export function normalPdf(x: number, mean: number, std: number): number {
  const z = (x - mean) / std;
  return Math.exp(-0.5 * z * z) / (std * Math.sqrt(2 * Math.PI));
}

/**
 * The density curve of N(mean, std²) sampled at `n` points across [lo, hi]; empty when the fit is
 * missing. A zero std (one shadow model, or identical scores) is widened to `minStd` so it draws.
 */
export function gaussianCurve(mean: number | null, std: number | null, lo: number, hi: number, n = 80, minStd = 1e-3): Array<[number, number]> {
  if (mean === null || std === null || !Number.isFinite(mean) || !Number.isFinite(std) || !(hi > lo)) return [];
  const s = Math.max(std, minStd);
  return Array.from({ length: n }, (_, i) => {
    const x = lo + ((hi - lo) * i) / (n - 1);
    return [x, normalPdf(x, mean, s)];
  });
}

export interface LeakReading {
  /** 'overlap': IN and OUT overlap; 'in' / 'out': the target's score is likelier under that Gaussian; 'unknown': too little to tell. */
  verdict: 'overlap' | 'in' | 'out' | 'unknown';
  /** Separation of the two Gaussians: |μ_in − μ_out| / √((σ_in² + σ_out²)/2). */
  separation: number | null;
  /** log N(target; IN) − log N(target; OUT). */
  logLikelihoodRatio: number | null;
  text: string;
}

const ok = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * What the IN/OUT Gaussians say about a sample: whether they overlap (d′ < 1: little to learn from
 * this sample's score), and if not, which Gaussian the target's score sits in.
 * Args: fit — the Gaussians; counts — how many shadow models each is fitted to (fewer than 2 on a
 *   side is no fit); targetScore — the target model's φ; targetMember — whether the target trained
 *   on it (null when unknown); minStd — the floor on σ (identical scores have zero spread).
 */
export function leakReading(fit: GaussianFit, counts: { in: number; out: number }, targetScore: number | null, targetMember: boolean | null, minStd = 1e-3): LeakReading {
  if (counts.in < 2 || counts.out < 2) {
    return {
      verdict: 'unknown',
      separation: null,
      logLikelihoodRatio: null,
      text: `Only ${counts.in} IN and ${counts.out} OUT shadow model${counts.out === 1 ? '' : 's'}: too few to fit both Gaussians.`,
    };
  }
  if (!ok(fit.inMean) || !ok(fit.outMean) || !ok(fit.inStd) || !ok(fit.outStd)) {
    return { verdict: 'unknown', separation: null, logLikelihoodRatio: null, text: 'The IN or OUT scores have no finite fit.' };
  }
  const sIn = Math.max(fit.inStd, minStd);
  const sOut = Math.max(fit.outStd, minStd);
  const separation = Math.abs(fit.inMean - fit.outMean) / Math.sqrt((sIn * sIn + sOut * sOut) / 2);
  // Near-zero spreads (identical shadow scores) give huge values: written as bounds.
  const d = separation > 100 ? 'd′ > 100' : `d′ = ${separation.toFixed(2)}`;
  if (separation < 1) return { verdict: 'overlap', separation, logLikelihoodRatio: null, text: `IN and OUT overlap (${d}): this sample leaks little.` };
  if (!ok(targetScore)) return { verdict: 'unknown', separation, logLikelihoodRatio: null, text: `IN and OUT separate (${d}), but the target has no score for this sample.` };
  const logPdf = (x: number, m: number, s: number) => -0.5 * ((x - m) / s) ** 2 - Math.log(s);
  const llr = logPdf(targetScore, fit.inMean, sIn) - logPdf(targetScore, fit.outMean, sOut);
  const truth = targetMember === null ? '' : targetMember ? ' (the target did train on it)' : ' (the target did not train on it: a false alarm)';
  const ratio = Math.abs(llr) > 1000 ? `log LR ${llr > 0 ? '> +' : '< −'}1000` : `log LR ${llr >= 0 ? '+' : '−'}${Math.abs(llr).toFixed(1)}`;
  return llr > 0
    ? { verdict: 'in', separation, logLikelihoodRatio: llr, text: `The target's score sits in the IN Gaussian (${d}, ${ratio}): it leaks${truth}.` }
    : {
        verdict: 'out',
        separation,
        logLikelihoodRatio: llr,
        text: `The target's score sits in the OUT Gaussian (${d}, ${ratio}): the attack calls it a non-member${targetMember ? ' (it was one: a miss)' : targetMember === false ? ' (correctly)' : ''}.`,
      };
}

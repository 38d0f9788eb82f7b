/**
 * Special functions in float64 for the statistics of attacks and privacy accounting: log-gamma,
 * erfc and the normal CDF in log space (no underflow in the tails), log-add/sub, and the regularised
 * incomplete beta function with its inverse (Clopper–Pearson intervals).
 *
 * Methods: Lanczos (g = 7, 9 terms) for log Γ; erfc through the incomplete gamma function
 * Q(½, x²), by its series below z = a + 1 and by its Lentz continued fraction above, the latter
 * evaluated in log space; the incomplete beta by its continued fraction (Numerical Recipes §6.4).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);
const EPS = 1e-16;
const TINY = 1e-300;

/** log |Γ(x)| for real x (reflection below ½); +∞ at the poles 0, −1, −2, … */
export function lgamma(x: number): number {
  if (x < 0.5) {
    const s = Math.sin(Math.PI * x);
    if (s === 0) return Infinity;
    return Math.log(Math.PI / Math.abs(s)) - lgamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return LOG_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the negative poles. */
export function gammaSign(x: number): 1 | -1 {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** log |C(n, k)| for real n and integer k ≥ 0 (n need not be an integer). */
export function logAbsBinomial(n: number, k: number): number {
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/** The sign of C(n, k) for real n, integer k ≥ 0; 0 when it vanishes (n integer and k > n ≥ 0). */
export function binomialSign(n: number, k: number): -1 | 0 | 1 {
  const m = n - k + 1;
  if (Number.isInteger(n) && n >= 0 && k > n) return 0;
  if (m > 0) return 1;
  if (Number.isInteger(m)) return 0;
  return gammaSign(m) === 1 ? 1 : -1;
}

/** log(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = Math.max(a, b);
  return m + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** log(e^a − e^b) for a ≥ b; −∞ when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b > a) throw new RangeError(`logSubExp needs a >= b, got a=${a}, b=${b}`);
  if (b === -Infinity) return a;
  if (a === b) return -Infinity;
  return a + Math.log(-Math.expm1(b - a));
}

/** log Σ exp(values) over a slice, stable. */
export function logSumExp(values: ArrayLike<number>, start = 0, end = values.length): number {
  let max = -Infinity;
  for (let i = start; i < end; i++) if (values[i]! > max) max = values[i]!;
  if (max === -Infinity || !Number.isFinite(max)) return max;
  let sum = 0;
  for (let i = start; i < end; i++) sum += Math.exp(values[i]! - max);
  return max + Math.log(sum);
}

/** Lower regularised incomplete gamma P(a, z) by its series (z < a + 1). */
function gammaPSeries(a: number, z: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 1000; n++) {
    term *= z / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-z + a * Math.log(z) - lgamma(a));
}

/** log Q(a, z), the upper regularised incomplete gamma, by its continued fraction (z ≥ a + 1). */
function logGammaQContinuedFraction(a: number, z: number): number {
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return -z + a * Math.log(z) - lgamma(a) + Math.log(h);
}

/** log erfc(x), accurate far into the upper tail (no underflow: log erfc(30) ≈ −903.4). */
export function logErfc(x: number): number {
  if (x < 0) return Math.log(2 - Math.exp(logErfc(-x)));
  const z = x * x;
  if (z < 1.5) return Math.log1p(-gammaPSeries(0.5, z));
  return logGammaQContinuedFraction(0.5, z);
}

/** erfc(x) = 1 − erf(x), with full relative accuracy for large x. */
export function erfc(x: number): number {
  return Math.exp(logErfc(x));
}

/** erf(x), accurate near 0 (no cancellation). */
export function erf(x: number): number {
  if (x < 0) return -erf(-x);
  const z = x * x;
  return z < 1.5 ? gammaPSeries(0.5, z) : 1 - erfc(x);
}

/** Φ(x), the standard normal CDF. */
export function ndtr(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** log Φ(x), accurate in both tails (log Φ(−40) ≈ −804.6; log Φ(10) ≈ −7.6e−24). */
export function logNdtr(x: number): number {
  if (x > 5) return Math.log1p(-0.5 * erfc(x / Math.SQRT2));
  return Math.log(0.5) + logErfc(-x / Math.SQRT2);
}

/** log of the normal density N(x; μ, σ²), constant included (as scipy.stats.norm.logpdf). */
export function normalLogPdf(x: number, mean: number, std: number): number {
  const u = (x - mean) / std;
  return -0.5 * u * u - Math.log(std) - LOG_SQRT_2PI;
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b) for a, b > 0 and x in [0, 1]. */
export function betaInc(a: number, b: number, x: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`betaInc needs a, b > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`betaInc needs x in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  const logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  // The fraction converges fast on the side of the mean; use the symmetry on the other.
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** The x with I_x(a, b) = p, by bisection to machine precision (robust for any a, b > 0). */
export function betaIncInverse(a: number, b: number, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`betaIncInverse needs p in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-17; i++) {
    const mid = 0.5 * (lo + hi);
    if (betaInc(a, b, mid) < p) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

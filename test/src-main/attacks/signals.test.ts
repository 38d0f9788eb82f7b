import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateSignalSet,
  computeSignals,
  confidenceAt,
  entropyAt,
  entropyOfProbs,
  hingeAt,
  logitPhi,
  logProbAt,
  lossAt,
  modifiedEntropyAt,
  modifiedEntropyOfProbs,
  softmax,
  temperatureLogProb,
} from '../../../src-main/attacks/signals';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('signal test vectors (SCIENCE.md §1)', () => {
  it('φ and softmax of z = (2, 1, 0.1), y = 0', () => {
    const z = [2.0, 1.0, 0.1];
    const p = softmax(z);
    expect(p[0]).toBeCloseTo(0.659001, 6);
    expect(p[1]).toBeCloseTo(0.242433, 6);
    expect(p[2]).toBeCloseTo(0.098566, 6);
    expect(rel(logitPhi(z, 0), 0.6588461252679121)).toBeLessThan(1e-14);
    const set = computeSignals(Float64Array.from(z), Uint16Array.from([0]));
    expect(rel(set.phi[0]!, 0.6588461252679121)).toBeLessThan(1e-14);
    expect(rel(set.confidence[0]!, p[0]!)).toBeLessThan(1e-14);
  });

  it('φ = log 9 at p_y = 0.9', () => {
    // Two classes with z = (log 0.9, log 0.1): p_y = 0.9.
    expect(rel(logitPhi([Math.log(0.9), Math.log(0.1)], 0), 2.1972245773362196)).toBeLessThan(1e-14);
  });

  it('entropy and modified entropy of p = (0.7, 0.2, 0.1)', () => {
    const p = [0.7, 0.2, 0.1];
    expect(rel(entropyOfProbs(p), 0.8018185525433372)).toBeLessThan(1e-14);
    expect(rel(modifiedEntropyOfProbs(p, 0), 0.16216724501024432)).toBeLessThan(1e-14);
    expect(rel(modifiedEntropyOfProbs(p, 1), 2.140867344541218)).toBeLessThan(1e-14);
    const logits = Float64Array.from([...p, ...p].map(Math.log));
    const set = computeSignals(logits, Uint16Array.from([0, 1]));
    expect(rel(set.entropy[0]!, 0.8018185525433372)).toBeLessThan(1e-13);
    expect(rel(set.modifiedEntropy[0]!, 0.16216724501024432)).toBeLessThan(1e-13);
    expect(rel(set.modifiedEntropy[1]!, 2.140867344541218)).toBeLessThan(1e-13);
  });

  it('applies the Song & Mittal clamps at p = 0 and p = 1', () => {
    // p_y = 0 → log p_y clamps to log 1e-30; the off-label p = 1 → log(1 − p) clamps too.
    expect(modifiedEntropyOfProbs([0, 1], 0)).toBeCloseTo(-Math.log(1e-30) * 2, 10);
    const set = computeSignals(Float64Array.from([-200, 200]), Uint16Array.from([0]));
    expect(rel(set.modifiedEntropy[0]!, -2 * Math.log(1e-30))).toBeLessThan(1e-12);
  });
});

describe('saturation pitfall (SCIENCE.md §1)', () => {
  // Binary logits (φ, 0) give p_y = σ(φ): choose φ so that p_y = 1 − 1e-9 and 1 − 1e-12.
  const phiFor = (tail: number) => Math.log((1 - tail) / tail);
  const cases = [1e-9, 1e-12].map((tail) => Float32Array.from([phiFor(tail), 0]));

  it('the float32 `1 − p_y` form caps both at the same value', () => {
    const naive = cases.map((z) => {
      const pY = Math.fround(1 / (1 + Math.exp(-z[0]!)));
      const rest = Math.max(Math.fround(1 - pY), 1e-20);
      return Math.log(pY) - Math.log(rest);
    });
    expect(naive[0]).toBe(naive[1]);
  });

  it('the logit form keeps them apart by log(1000)', () => {
    const phis = cases.map((z) => computeSignals(z, Uint16Array.from([0])).phi[0]!);
    expect(phis[1]! - phis[0]!).toBeCloseTo(Math.log(1000), 4);
    expect(phis[0]).toBeCloseTo(Math.fround(phiFor(1e-9)), 12);
  });

  it('has no cap where the reference floors saturate', () => {
    const z = Float64Array.from([150, 0]);
    const labels = Uint16Array.from([0]);
    expect(computeSignals(z, labels).phi[0]).toBeCloseTo(150, 12);
    expect(computeSignals(z, labels, { phi: 'lira-ref' }).phi[0]).toBeCloseTo(-Math.log(1e-45), 10);
    expect(computeSignals(z, labels, { phi: 'demem' }).phi[0]).toBeCloseTo(-Math.log(1e-20), 10);
  });
});

const logitRows = fc
  .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 6 }))
  .chain(([classes, rows]) =>
    fc.record({
      classes: fc.constant(classes),
      logits: fc.array(fc.double({ min: -60, max: 60, noNaN: true }), { minLength: classes * rows, maxLength: classes * rows }),
      labels: fc.array(fc.integer({ min: 0, max: classes - 1 }), { minLength: rows, maxLength: rows }),
    }),
  );

describe('computeSignals', () => {
  it('agrees with the one-row functions', () => {
    fc.assert(
      fc.property(logitRows, ({ classes, logits, labels }) => {
        const set = computeSignals(Float64Array.from(logits), Uint16Array.from(labels), { topK: 3 });
        labels.forEach((y, r) => {
          const z = logits.slice(r * classes, (r + 1) * classes);
          const p = softmax(z);
          const close = (a: number, b: number, tol = 1e-10) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
          close(set.phi[r]!, logitPhi(z, y));
          close(set.logProb[r]!, logProbAt(z, y));
          close(set.loss[r]!, lossAt(z, y));
          close(set.confidence[r]!, confidenceAt(z, y));
          close(set.hinge[r]!, hingeAt(z, y));
          close(set.entropy[r]!, entropyAt(z));
          close(set.modifiedEntropy[r]!, modifiedEntropyAt(z, y), 1e-9);
          const argmax = z.indexOf(Math.max(...z));
          expect(set.predicted[r]).toBe(argmax);
          expect(set.correct[r]).toBe(argmax === y ? 1 : 0);
          const sorted = Array.from(p).sort((a, b) => b - a).slice(0, set.topK);
          sorted.forEach((v, t) => close(set.top[r * set.topK + t]!, v, 1e-12));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('matches the naive float64 softmax formulas of the compat forms', () => {
    const z = Float64Array.from([1.5, -0.3, 2.2, 0.7]);
    const p = softmax(z);
    const others = p[0]! + p[2]! + p[3]!;
    const labels = Uint16Array.from([1]);
    expect(computeSignals(z, labels, { phi: 'lira-ref' }).phi[0]).toBeCloseTo(Math.log(p[1]! + 1e-45) - Math.log(others + 1e-45), 12);
    expect(computeSignals(z, labels, { phi: 'demem' }).phi[0]).toBeCloseTo(Math.log(p[1]!) - Math.log(others + 1e-20), 12);
  });

  it('fills reusable arrays, caps top-k at the class count, and rejects bad shapes', () => {
    const into = allocateSignalSet(2, 2, 3);
    const out = computeSignals(Float32Array.from([1, 0, 0, 1]), Uint16Array.from([0, 0]), { into });
    expect(out).toBe(into);
    expect(out.topK).toBe(2);
    expect(out.correct).toEqual(Uint8Array.from([1, 0]));
    expect(() => computeSignals(Float32Array.from([1, 2, 3]), Uint16Array.from([0, 0]))).toThrow(/3 values for 2 labels/);
    expect(() => computeSignals(Float32Array.from([1, 2]), Uint16Array.from([2]))).toThrow(/labels\[0\] = 2/);
    expect(() => computeSignals(Float32Array.from([1, 2]), Uint16Array.from([0]), { into })).toThrow(/into has shape/);
  });

  it('runs 10 000 samples × 100 classes in well under 5 s (no per-element allocation)', () => {
    const rows = 10_000;
    const classes = 100;
    const logits = new Float32Array(rows * classes);
    for (let k = 0; k < logits.length; k++) logits[k] = Math.sin(k * 12.9898) * 8;
    const labels = new Uint16Array(rows).map((_, r) => r % classes);
    const started = performance.now();
    computeSignals(logits, labels);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('temperatureLogProb', () => {
  it('is the log-softmax of z / T at the label', () => {
    const z = Float64Array.from([2, 1, 0.1, -1, 3, 0]);
    const out = temperatureLogProb(z, Uint16Array.from([0, 2]), 2);
    expect(out[0]).toBeCloseTo(Math.log(softmax([1, 0.5, 0.05])[0]!), 14);
    expect(out[1]).toBeCloseTo(Math.log(softmax([-0.5, 1.5, 0])[2]!), 14);
    expect(temperatureLogProb(z, Uint16Array.from([0, 2]), 1)[0]).toBeCloseTo(logProbAt([2, 1, 0.1], 0), 14);
    expect(() => temperatureLogProb(z, Uint16Array.from([0, 2]), 0)).toThrow(/temperature/);
  });
});

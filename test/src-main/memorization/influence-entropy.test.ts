import { describe, expect, it } from 'vitest';
import { influenceFromDense } from '../../../src-main/memorization/influence';
import { accuracyPerBucket, entropyBuckets, influenceEntropy } from '../../../src-main/memorization/influence-entropy';

// Hand-built test × train influence matrix (5 test points × 4 training samples).
const MATRIX = Float32Array.from([
  0.6, 0.0, 0.0, 0.0, // one influencer → entropy 0
  0.3, 0.3, 0.0, 0.0, // two equal → log 2
  0.2, 0.2, 0.2, 0.2, // four equal → log 4
  0.1, 0.05, 0.0, -0.3, // none above 0.15 → no influencer
  0.4, 0.2, 0.1, 0.0, // two above τ: p = (2/3, 1/3)
]);
const EST = influenceFromDense(MATRIX, 5, 4);
const H_TWO_THIRDS = -(2 / 3) * Math.log(2 / 3) - (1 / 3) * Math.log(1 / 3);

describe('influenceEntropy (SCIENCE.md §13)', () => {
  it('computes the entropy of influencers above τ = 0.15', () => {
    const { entropy, influencerCount } = influenceEntropy(EST);
    expect(entropy[0]).toBe(0);
    expect(entropy[1]).toBeCloseTo(Math.log(2), 12);
    expect(entropy[2]).toBeCloseTo(Math.log(4), 12);
    expect(entropy[3]).toBeNaN();
    expect(entropy[4]).toBeCloseTo(H_TWO_THIRDS, 6);
    expect([...influencerCount]).toEqual([1, 2, 4, 0, 2]);
  });

  it('uses the top-k positive influencers when asked', () => {
    const { entropy, influencerCount } = influenceEntropy(EST, { topK: 2 });
    expect([...influencerCount]).toEqual([1, 2, 2, 2, 2]);
    expect(entropy[2]).toBeCloseTo(Math.log(2), 12);
    // Row 3: 0.1 and 0.05 → p = (2/3, 1/3); the negative one is never an influencer.
    expect(entropy[3]).toBeCloseTo(H_TWO_THIRDS, 6);
    expect(influenceEntropy(EST, { threshold: 0.5 }).influencerCount[0]).toBe(1);
  });

  it('computes the entropy over classes when asked', () => {
    const trainLabels = Uint16Array.from([0, 0, 1, 1]);
    const { entropy } = influenceEntropy(EST, { entropyOver: 'classes', trainLabels });
    expect(entropy[1]).toBe(0); // both influencers in class 0
    expect(entropy[2]).toBeCloseTo(Math.log(2), 12); // mass split 0.4 / 0.4
    expect(() => influenceEntropy(EST, { entropyOver: 'classes' })).toThrow(/trainLabels/);
    expect(() => influenceEntropy(EST, { topK: 0 })).toThrow(/topK/);
    expect(() => influenceEntropy(EST, { threshold: -1 })).toThrow(/threshold/);
  });
});

describe('entropyBuckets', () => {
  it('splits into equal-count quintiles, bucket 1 = lowest entropy', () => {
    const entropy = Float64Array.from([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.0]);
    expect([...entropyBuckets(entropy)]).toEqual([5, 1, 3, 2, 4, 2, 5, 3, 4, 1]);
  });

  it('puts no-influencer points in bucket 5 or in a separate bucket 0', () => {
    const entropy = Float64Array.from([NaN, 0.1, 0.2, 0.3, 0.4, 0.5, NaN]);
    expect([...entropyBuckets(entropy)]).toEqual([5, 1, 2, 3, 4, 5, 5]);
    expect([...entropyBuckets(entropy, { noInfluencer: 'separate-bucket' })]).toEqual([0, 1, 2, 3, 4, 5, 0]);
  });

  it('splits ties by rank by default, or keeps them together', () => {
    const entropy = Float64Array.from([0, 0, 0, 0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]);
    expect([...entropyBuckets(entropy)]).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect([...entropyBuckets(entropy, { ties: 'together' })]).toEqual([1, 1, 1, 1, 3, 3, 4, 4, 5, 5]);
    expect([...entropyBuckets(entropy, { buckets: 2 })]).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(() => entropyBuckets(entropy, { buckets: 0 })).toThrow(/buckets/);
  });
});

describe('accuracyPerBucket', () => {
  it('reports accuracy per study and the difference to the reference study', () => {
    const bucket = Uint8Array.from([1, 1, 2, 2, 5, 0]);
    const rows = accuracyPerBucket(bucket, [
      { name: 'SGD', correct: [0, 1, 1, 1, 1, 0] },
      { name: 'SAM', correct: [1, 1, 1, 0.5, 1, 1] },
    ]);
    expect(rows.map((r) => r.bucket)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows[1]).toEqual({ bucket: 1, count: 2, accuracy: [0.5, 1], delta: [0, 0.5] });
    expect(rows[2]).toEqual({ bucket: 2, count: 2, accuracy: [1, 0.75], delta: [0, -0.25] });
    expect(rows[3]!.count).toBe(0);
    expect(rows[3]!.accuracy[0]).toBeNaN();
    expect(rows[0]).toEqual({ bucket: 0, count: 1, accuracy: [0, 1], delta: [0, 1] });
    expect(accuracyPerBucket(Uint8Array.from([1, 2]), [{ name: 'a', correct: [1, 0] }]).map((r) => r.bucket)).toEqual([1, 2]);
  });

  it('validates the studies', () => {
    expect(() => accuracyPerBucket(Uint8Array.from([1]), [{ name: 'SAM', correct: [1, 0] }])).toThrow(/'SAM'/);
    expect(() => accuracyPerBucket(Uint8Array.from([1]), [{ name: 'SAM', correct: [1] }], 1)).toThrow(/reference/);
  });
});

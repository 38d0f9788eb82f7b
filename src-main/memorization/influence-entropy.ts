/**
 * Influence entropy of test points and the five typicality buckets of the SAM-privacy paper
 * (eq. 3, App. C.1) as reconstructed in SCIENCE.md §13 [RECON]: every choice is a parameter.
 *
 * Low entropy = the prediction rests on a few highly influential training samples (atypical,
 * needs memorisation; bucket 1); high entropy or no influencer at all = typical (bucket 5).
 */
import { influenceRow, type InfluenceEstimate } from './influence';

export interface InfluenceEntropyOptions {
  /** Influencers are the samples with infl̂ > τ (default 0.15). Ignored when `topK` is set. */
  threshold?: number;
  /** Influencers are the k samples of largest positive infl̂ instead (ties by training index). */
  topK?: number;
  /**
   * 'examples' (default): entropy of the normalised influences of the influencers.
   * 'classes': entropy of the influence mass per training class (needs `trainLabels`; with a
   * same-class influence estimate every influencer shares the test point's class, so it is 0).
   */
  entropyOver?: 'examples' | 'classes';
  trainLabels?: Uint16Array;
}

export interface InfluenceEntropy {
  /** I_ent(j) in nats; NaN for test points without an influencer. */
  entropy: Float64Array;
  influencerCount: Uint32Array;
}

/**
 * Influence entropy per test point: with A_j the influencers of j and p_i = infl̂(i,j)₊ / Σ_{A_j} infl̂₊,
 * `I_ent(j) = −Σ p_i log p_i` (SCIENCE.md §13). NaN influence estimates are never influencers.
 * @throws RangeError on a negative threshold, a non-positive topK, or missing labels for 'classes'.
 */
export function influenceEntropy(estimate: InfluenceEstimate, options: InfluenceEntropyOptions = {}): InfluenceEntropy {
  const threshold = options.threshold ?? 0.15;
  const { topK, trainLabels } = options;
  const over = options.entropyOver ?? 'examples';
  if (!(threshold >= 0)) throw new RangeError(`threshold must be >= 0, got ${threshold}`);
  if (topK !== undefined && !(Number.isInteger(topK) && topK > 0)) throw new RangeError(`topK must be a positive integer, got ${topK}`);
  if (over === 'classes' && trainLabels?.length !== estimate.trainSize) {
    throw new RangeError(`entropyOver='classes' needs trainLabels of length ${estimate.trainSize}`);
  }
  const entropy = new Float64Array(estimate.testSize);
  const influencerCount = new Uint32Array(estimate.testSize);
  for (let j = 0; j < estimate.testSize; j++) {
    const { trainIndices, values } = influenceRow(estimate, j);
    const chosen = topK === undefined ? aboveThreshold(values, threshold) : largestPositive(values, topK);
    influencerCount[j] = chosen.length;
    if (chosen.length === 0) {
      entropy[j] = NaN;
      continue;
    }
    let masses: number[];
    if (over === 'examples') {
      masses = chosen.map((a) => values[a]!);
    } else {
      const byClass = new Map<number, number>();
      for (const a of chosen) {
        const label = trainLabels![trainIndices[a]!]!;
        byClass.set(label, (byClass.get(label) ?? 0) + values[a]!);
      }
      masses = [...byClass.values()];
    }
    entropy[j] = shannonEntropy(masses);
  }
  return { entropy, influencerCount };
}

function aboveThreshold(values: Float32Array, threshold: number): number[] {
  const chosen: number[] = [];
  // τ ≥ 0, so every influencer has a positive influence and p_i needs no clipping.
  values.forEach((value, a) => {
    if (value > threshold) chosen.push(a);
  });
  return chosen;
}

function largestPositive(values: Float32Array, k: number): number[] {
  const positive: number[] = [];
  values.forEach((value, a) => {
    if (value > 0) positive.push(a);
  });
  positive.sort((x, y) => values[y]! - values[x]! || x - y);
  return positive.slice(0, k);
}

function shannonEntropy(masses: number[]): number {
  const total = masses.reduce((sum, m) => sum + m, 0);
  let h = 0;
  for (const m of masses) {
    const p = m / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

export interface EntropyBucketOptions {
  /** Number of equal-count buckets for points with influencers (default 5, quintiles). */
  buckets?: number;
  /** Points without influencer join the highest bucket (default, "typical") or a separate bucket 0. */
  noInfluencer?: 'highest-bucket' | 'separate-bucket';
  /**
   * 'by-rank' (default): exactly equal counts; equal entropies straddling a boundary are split by
   * test index. 'together': equal entropies always share a bucket (the one of their lowest rank),
   * so counts may differ — matters because every point with one influencer has entropy exactly 0.
   */
  ties?: 'by-rank' | 'together';
}

/**
 * Buckets test points by influence entropy: points with influencers are sorted ascending and split
 * into equal-count groups, bucket 1 = lowest entropy (SCIENCE.md §13).
 * @param entropy from {@link influenceEntropy}; NaN marks "no influencer".
 * @returns bucket per test point, 1..buckets, or 0 for no-influencer points when kept separate.
 */
export function entropyBuckets(entropy: Float64Array, options: EntropyBucketOptions = {}): Uint8Array {
  const count = options.buckets ?? 5;
  const ties = options.ties ?? 'by-rank';
  if (!(Number.isInteger(count) && count >= 1 && count <= 255)) throw new RangeError(`buckets must be an integer in 1..255, got ${count}`);
  const bucket = new Uint8Array(entropy.length);
  const ranked: number[] = [];
  entropy.forEach((value, j) => {
    if (Number.isNaN(value)) bucket[j] = options.noInfluencer === 'separate-bucket' ? 0 : count;
    else ranked.push(j);
  });
  ranked.sort((a, b) => entropy[a]! - entropy[b]! || a - b);
  const n = ranked.length;
  let groupStart = 0;
  for (let r = 0; r < n; r++) {
    if (r > 0 && entropy[ranked[r]!] !== entropy[ranked[r - 1]!]) groupStart = r;
    const rank = ties === 'together' ? groupStart : r;
    bucket[ranked[r]!] = Math.floor((rank * count) / n) + 1;
  }
  return bucket;
}

export interface StudyCorrectness {
  name: string;
  /** Per test point, correctness in [0, 1]: 0/1 for one model, or the mean over a study's models. */
  correct: ArrayLike<number>;
}

export interface BucketAccuracy {
  bucket: number;
  count: number;
  /** Mean correctness of each study in this bucket (NaN when the bucket is empty). */
  accuracy: number[];
  /** accuracy[s] − accuracy[reference] (e.g. SAM − SGD). */
  delta: number[];
}

/**
 * Test accuracy of each study per bucket, and the difference to a reference study (SCIENCE.md §13:
 * SAM's gain over SGD concentrates in bucket 1).
 * @param reference index of the study the deltas are taken against (default 0).
 * @returns one row per bucket from 1 to the largest bucket present (empty ones included, with NaN
 *   accuracy), preceded by bucket 0 when some point is in it.
 */
export function accuracyPerBucket(bucket: Uint8Array, studies: readonly StudyCorrectness[], reference = 0): BucketAccuracy[] {
  if (studies.length > 0 && !(Number.isInteger(reference) && reference >= 0 && reference < studies.length)) {
    throw new RangeError(`reference ${reference} is not a study index (0..${studies.length - 1})`);
  }
  for (const study of studies) {
    if (study.correct.length !== bucket.length) {
      throw new RangeError(`study '${study.name}' has ${study.correct.length} correctness values, expected ${bucket.length}`);
    }
  }
  const maxBucket = bucket.reduce((max, b) => Math.max(max, b), 0);
  const counts = new Uint32Array(maxBucket + 1);
  const sums = studies.map(() => new Float64Array(maxBucket + 1));
  bucket.forEach((b, j) => {
    counts[b]!++;
    studies.forEach((study, s) => {
      sums[s]![b]! += study.correct[j]!;
    });
  });
  const rows: BucketAccuracy[] = [];
  for (let b = counts[0]! > 0 ? 0 : 1; b <= maxBucket; b++) {
    const accuracy = sums.map((sum) => sum[b]! / counts[b]!);
    const base = accuracy[reference] ?? NaN;
    rows.push({ bucket: b, count: counts[b]!, accuracy, delta: accuracy.map((a) => a - base) });
  }
  return rows;
}

/**
 * Feldman & Zhang's subsampled influence estimator (SCIENCE.md §12.2):
 * `infl̂(i, j) = mean_{k: IN_i} C[k][j] − mean_{k: OUT_i} C[k][j]` for training sample i and test
 * point j, from the same models as the memorization estimate.
 *
 * The sums over models are one matrix product `S = keepᵀ · C` (train × test), accumulated as a sum
 * of sparse outer products, one per model, over blocks of test points: both matrices are 0/1, so a
 * model adds 1 to every (IN sample, correctly classified test point) cell, with the test index
 * innermost and contiguous. By default only same-class pairs are computed (F&Z report influence
 * within a class), which divides time and memory by about the number of classes.
 */

export interface InfluenceOptions {
  models: number;
  trainSize: number;
  testSize: number;
  /** Only pairs whose training and test labels agree (default true; needs both label arrays). */
  sameClass?: boolean;
  trainLabels?: Uint16Array;
  testLabels?: Uint16Array;
  /** Working-memory bound: accumulator cells per block of test points (default 2^22, 16 MiB). */
  blockCells?: number;
}

/** One block of the influence matrix: the test points of one class against its training samples. */
export interface InfluenceGroup {
  /** The class, or null for the unrestricted (all pairs) matrix. */
  label: number | null;
  trainIndices: Int32Array;
  testIndices: Int32Array;
  /** testIndices.length × trainIndices.length, row-major; NaN where a training sample was never IN or never OUT. */
  values: Float32Array;
}

export interface InfluenceEstimate {
  models: number;
  trainSize: number;
  testSize: number;
  sameClass: boolean;
  groups: InfluenceGroup[];
  /** For test point j: its group and its row within the group. */
  groupOfTest: Int32Array;
  rowOfTest: Int32Array;
  /** Per training sample: models that trained on it / did not (NaN-free counts). */
  inCount: Uint32Array;
  outCount: Uint32Array;
  /** The overall IN fraction r of the mask (label the result, SCIENCE.md §12.3). */
  inFraction: number;
}

const DEFAULT_BLOCK_CELLS = 1 << 22;

/**
 * Estimates the influence of every training sample on every test point (of the same class by
 * default).
 *
 * @param keep M×N_train row-major mask, `keep[k*N_train+i] = 1` when model k trained on i.
 * @param correctTest M×N_test row-major, `correctTest[k*N_test+j] = 1` when model k classifies j correctly.
 * @throws RangeError on mismatched lengths or missing labels when `sameClass` is on.
 */
export function influence(keep: Uint8Array, correctTest: Uint8Array, options: InfluenceOptions): InfluenceEstimate {
  const { models, trainSize, testSize } = options;
  const sameClass = options.sameClass ?? true;
  const blockCells = options.blockCells ?? DEFAULT_BLOCK_CELLS;
  if (keep.length !== models * trainSize) throw new RangeError(`keep has length ${keep.length}, expected ${models}×${trainSize}`);
  if (correctTest.length !== models * testSize) {
    throw new RangeError(`correctTest has length ${correctTest.length}, expected ${models}×${testSize}`);
  }

  const inCount = new Uint32Array(trainSize);
  for (let k = 0; k < models; k++) for (let i = 0; i < trainSize; i++) inCount[i]! += keep[k * trainSize + i]! ? 1 : 0;
  const outCount = new Uint32Array(trainSize);
  let totalIn = 0;
  for (let i = 0; i < trainSize; i++) {
    outCount[i] = models - inCount[i]!;
    totalIn += inCount[i]!;
  }
  const correctTotal = new Uint32Array(testSize);
  for (let k = 0; k < models; k++) for (let j = 0; j < testSize; j++) correctTotal[j]! += correctTest[k * testSize + j]! ? 1 : 0;

  const partition = sameClass ? partitionByClass(options) : [{ label: null, train: range(trainSize), test: range(testSize) }];
  const groupOfTest = new Int32Array(testSize);
  const rowOfTest = new Int32Array(testSize);
  const groups: InfluenceGroup[] = partition.map(({ label, train, test }, g) => {
    test.forEach((j, row) => {
      groupOfTest[j] = g;
      rowOfTest[j] = row;
    });
    const values = groupInfluence(keep, correctTest, models, trainSize, testSize, train, test, inCount, outCount, correctTotal, blockCells);
    return { label, trainIndices: train, testIndices: test, values };
  });
  const inFraction = models * trainSize > 0 ? totalIn / (models * trainSize) : NaN;
  return { models, trainSize, testSize, sameClass, groups, groupOfTest, rowOfTest, inCount, outCount, inFraction };
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

function partitionByClass(options: InfluenceOptions): Array<{ label: number; train: Int32Array; test: Int32Array }> {
  const { trainLabels, testLabels, trainSize, testSize } = options;
  if (!trainLabels || !testLabels) throw new RangeError('influence with sameClass needs trainLabels and testLabels');
  if (trainLabels.length !== trainSize) throw new RangeError(`trainLabels has length ${trainLabels.length}, expected ${trainSize}`);
  if (testLabels.length !== testSize) throw new RangeError(`testLabels has length ${testLabels.length}, expected ${testSize}`);
  const indicesByLabel = (labels: Uint16Array) => {
    const map = new Map<number, number[]>();
    labels.forEach((label, index) => {
      const list = map.get(label);
      if (list) list.push(index);
      else map.set(label, [index]);
    });
    return map;
  };
  const trainByLabel = indicesByLabel(trainLabels);
  const testByLabel = indicesByLabel(testLabels);
  return [...testByLabel.keys()]
    .sort((a, b) => a - b)
    .map((label) => ({ label, train: Int32Array.from(trainByLabel.get(label) ?? []), test: Int32Array.from(testByLabel.get(label)!) }));
}

/** The influence values of one group, test-major, computed over blocks of test points. */
function groupInfluence(
  keep: Uint8Array,
  correctTest: Uint8Array,
  models: number,
  trainSize: number,
  testSize: number,
  train: Int32Array,
  test: Int32Array,
  inCount: Uint32Array,
  outCount: Uint32Array,
  correctTotal: Uint32Array,
  blockCells: number,
): Float32Array {
  const nTrain = train.length;
  const nTest = test.length;
  const values = new Float32Array(nTrain * nTest);
  if (nTrain === 0 || nTest === 0) return values;
  const blockSize = Math.max(1, Math.min(nTest, Math.floor(blockCells / nTrain)));
  const inHits = new Uint32Array(nTrain * blockSize); // train-major within the block: S_in[i][j]
  const correctList = new Int32Array(blockSize);
  for (let start = 0; start < nTest; start += blockSize) {
    const width = Math.min(blockSize, nTest - start);
    inHits.fill(0);
    for (let k = 0; k < models; k++) {
      const testRow = k * testSize;
      let nCorrect = 0;
      for (let p = 0; p < width; p++) if (correctTest[testRow + test[start + p]!]) correctList[nCorrect++] = p;
      if (nCorrect === 0) continue;
      const keepRow = k * trainSize;
      for (let a = 0; a < nTrain; a++) {
        if (!keep[keepRow + train[a]!]) continue;
        const offset = a * width;
        for (let c = 0; c < nCorrect; c++) inHits[offset + correctList[c]!]!++;
      }
    }
    for (let a = 0; a < nTrain; a++) {
      const nIn = inCount[train[a]!]!;
      const nOut = outCount[train[a]!]!;
      for (let p = 0; p < width; p++) {
        const hitsIn = inHits[a * width + p]!;
        const hitsOut = correctTotal[test[start + p]!]! - hitsIn;
        // 0/0 = NaN for never-IN / never-OUT samples: no estimate, not "no influence".
        values[(start + p) * nTrain + a] = hitsIn / nIn - hitsOut / nOut;
      }
    }
  }
  return values;
}

/**
 * Wraps a dense test × train influence matrix (e.g. F&Z's precomputed CIFAR-100 estimates,
 * SCIENCE.md §12.4, or a hand-built one) as an unrestricted {@link InfluenceEstimate}.
 * Mask counts are unknown there and reported as 0.
 */
export function influenceFromDense(values: Float32Array | Float64Array, testSize: number, trainSize: number): InfluenceEstimate {
  if (values.length !== testSize * trainSize) {
    throw new RangeError(`influence matrix has length ${values.length}, expected testSize×trainSize = ${testSize}×${trainSize}`);
  }
  const rowOfTest = range(testSize);
  return {
    models: 0,
    trainSize,
    testSize,
    sameClass: false,
    groups: [{ label: null, trainIndices: range(trainSize), testIndices: range(testSize), values: Float32Array.from(values) }],
    groupOfTest: new Int32Array(testSize),
    rowOfTest,
    inCount: new Uint32Array(trainSize),
    outCount: new Uint32Array(trainSize),
    inFraction: NaN,
  };
}

/**
 * The influence of each candidate training sample on test point j (views, not copies).
 * @throws RangeError when j is out of range.
 */
export function influenceRow(estimate: InfluenceEstimate, testIndex: number): { trainIndices: Int32Array; values: Float32Array } {
  if (!(Number.isInteger(testIndex) && testIndex >= 0 && testIndex < estimate.testSize)) {
    throw new RangeError(`testIndex ${testIndex} is outside 0..${estimate.testSize - 1}`);
  }
  const group = estimate.groups[estimate.groupOfTest[testIndex]!]!;
  const width = group.trainIndices.length;
  const row = estimate.rowOfTest[testIndex]!;
  return { trainIndices: group.trainIndices, values: group.values.subarray(row * width, (row + 1) * width) };
}

export interface Influencer {
  trainIndex: number;
  influence: number;
}

/**
 * The k training samples with the largest influence on test point j, largest first (ties by
 * training index; NaN estimates skipped).
 */
export function topInfluencers(estimate: InfluenceEstimate, testIndex: number, k: number): Influencer[] {
  const { trainIndices, values } = influenceRow(estimate, testIndex);
  const all: Influencer[] = [];
  values.forEach((value, a) => {
    if (!Number.isNaN(value)) all.push({ trainIndex: trainIndices[a]!, influence: value });
  });
  all.sort((x, y) => y.influence - x.influence || x.trainIndex - y.trainIndex);
  return all.slice(0, Math.max(0, k));
}

export interface InfluencePair extends Influencer {
  testIndex: number;
  memorization: number;
}

/**
 * Pairs where a highly memorized training sample strongly influences a test point — F&Z's
 * "high-influence pairs" (demo thresholds mem > 0.25, infl > 0.15; SCIENCE.md §12.2), strongest first.
 * @param mem memorization per training sample (length trainSize).
 */
export function highInfluencePairs(
  estimate: InfluenceEstimate,
  mem: Float64Array,
  thresholds: { memorization?: number; influence?: number } = {},
): InfluencePair[] {
  if (mem.length !== estimate.trainSize) throw new RangeError(`mem has length ${mem.length}, expected trainSize ${estimate.trainSize}`);
  const memMin = thresholds.memorization ?? 0.25;
  const inflMin = thresholds.influence ?? 0.15;
  const pairs: InfluencePair[] = [];
  for (const group of estimate.groups) {
    const width = group.trainIndices.length;
    group.testIndices.forEach((testIndex, row) => {
      for (let a = 0; a < width; a++) {
        const value = group.values[row * width + a]!;
        const trainIndex = group.trainIndices[a]!;
        if (value > inflMin && mem[trainIndex]! > memMin) pairs.push({ testIndex, trainIndex, influence: value, memorization: mem[trainIndex]! });
      }
    });
  }
  return pairs.sort((x, y) => y.influence - x.influence || x.testIndex - y.testIndex || x.trainIndex - y.trainIndex);
}

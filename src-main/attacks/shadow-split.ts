/**
 * Splitting a pool of models into one target and its shadows, and drawing shadow records for
 * training attack models. Layout: `keep` is M×N row-major, `keep[m*N+i] = 1` when model m trained
 * on sample i (SCIENCE.md §0). The target never appears among its own shadows (§3.7).
 */
import type { Rng } from '../math/prng';

export interface ModelPool {
  keep: Uint8Array;
  models: number;
  samples: number;
  /** Index of the attacked model; every other model is a shadow. */
  target: number;
}

/**
 * Checks the pool and that each named per-model array has `models × samples × width` entries.
 * @param needShadows require at least one model besides the target (default true).
 * @throws RangeError naming the array or field at fault.
 */
export function checkPool(
  pool: ModelPool,
  arrays: Record<string, { values: ArrayLike<number>; width?: number }> = {},
  needShadows = true,
): void {
  const { keep, models, samples, target } = pool;
  const minModels = needShadows ? 2 : 1;
  if (!(Number.isInteger(models) && models >= minModels)) {
    throw new RangeError(`models must be an integer >= ${minModels}${needShadows ? ' (a target and a shadow)' : ''}, got ${models}`);
  }
  if (!(Number.isInteger(samples) && samples >= 1)) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  if (!(Number.isInteger(target) && target >= 0 && target < models)) throw new RangeError(`target ${target} is outside 0..${models - 1}`);
  if (keep.length !== models * samples) throw new RangeError(`keep has length ${keep.length}, expected ${models}×${samples}`);
  for (const [name, { values, width = 1 }] of Object.entries(arrays)) {
    if (values.length !== models * samples * width) {
      throw new RangeError(`${name} has length ${values.length}, expected models×samples×${width} = ${models * samples * width}`);
    }
  }
}

/** The target's membership row (a copy). */
export function targetMembership(pool: ModelPool): Uint8Array {
  return pool.keep.slice(pool.target * pool.samples, (pool.target + 1) * pool.samples);
}

/** Shadow records as flat indices m·N + i, with 1 for IN and 0 for OUT. */
export interface ShadowRecords {
  index: Int32Array;
  isIn: Uint8Array;
}

/**
 * Equal numbers of IN and OUT records from the shadow models, drawn without replacement.
 * @param sampleSubset only these samples (e.g. one class); all samples when omitted.
 * @param maxRecords cap on the total (half IN, half OUT).
 */
export function balancedShadowRecords(pool: ModelPool, rng: Rng, maxRecords = Infinity, sampleSubset?: Int32Array): ShadowRecords {
  const { keep, models, samples, target } = pool;
  const inList: number[] = [];
  const outList: number[] = [];
  const subset = sampleSubset ?? Int32Array.from({ length: samples }, (_, i) => i);
  for (let m = 0; m < models; m++) {
    if (m === target) continue;
    for (const i of subset) (keep[m * samples + i] ? inList : outList).push(m * samples + i);
  }
  const perSide = Math.min(inList.length, outList.length, Math.floor(maxRecords / 2));
  const index = new Int32Array(2 * perSide);
  const isIn = new Uint8Array(2 * perSide);
  takeRandom(inList, perSide, rng).forEach((flat, r) => {
    index[r] = flat;
    isIn[r] = 1;
  });
  takeRandom(outList, perSide, rng).forEach((flat, r) => {
    index[perSide + r] = flat;
  });
  return { index, isIn };
}

/** The first `count` entries of a partial Fisher–Yates shuffle: a uniform draw without replacement. */
function takeRandom(values: number[], count: number, rng: Rng): number[] {
  for (let k = 0; k < count; k++) {
    const j = k + rng.int(values.length - k);
    const tmp = values[k]!;
    values[k] = values[j]!;
    values[j] = tmp;
  }
  return values.slice(0, count);
}

/**
 * Balanced shadow records drawn group by group (e.g. per class) and concatenated: within every group
 * IN and OUT are equally frequent, so an attack model cannot learn a group's IN rate. That rate is
 * anti-correlated with the target's own membership in a leave-one-out balanced pool (a sample IN
 * for the target is IN for one shadow fewer), which would push the attack below chance.
 * @param maxRecords cap on the total, shared among groups in proportion to their sizes (each share
 *   rounded down to an even count, so the total can fall slightly below the cap).
 */
export function stratifiedShadowRecords(pool: ModelPool, rng: Rng, groups: readonly Int32Array[], maxRecords = Infinity): ShadowRecords {
  const total = groups.reduce((sum, g) => sum + g.length, 0);
  const parts = groups.map((group) => balancedShadowRecords(pool, rng, (maxRecords * group.length) / total, group));
  const size = parts.reduce((sum, part) => sum + part.index.length, 0);
  const index = new Int32Array(size);
  const isIn = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    index.set(part.index, offset);
    isIn.set(part.isIn, offset);
    offset += part.index.length;
  }
  return { index, isIn };
}

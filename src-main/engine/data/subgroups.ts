/**
 * A synthetic tabular dataset for memorization demonstrations, after the toy example of the SAM
 * privacy paper, generalised: each class has one typical Gaussian cluster holding most of its samples
 * and a few rare atypical sub-clusters elsewhere in space. A model classifies a rare sub-cluster's
 * samples correctly only by memorizing the few it trained on, so they carry high memorization scores.
 *
 * Geometry: every cluster centre is `separation · z` with z ~ N(0, I_dim), and samples are centre +
 * N(0, I_dim). Two centres are then about separation·√(2·dim) apart and two samples of one cluster
 * about √(2·dim), so `separation` is the ratio of the two, whatever `dim` is.
 */
import { z } from 'zod';
import { deriveSeed, Rng } from '../../math/prng';
import { assembleDataset } from './assemble';
import { parseOptions } from './options';
import type { Dataset, DatasetSpec } from './types';

const OptionsSchema = z.strictObject({
  classes: z.number().int().min(2).max(1000).default(10),
  dim: z.number().int().min(1).max(4096).default(32),
  size: z.number().int().min(2).max(10_000_000).default(4000),
  subgroupsPerClass: z.number().int().min(0).max(1000).default(4),
  /** Fraction of each class's samples that fall in its atypical sub-clusters. */
  rarity: z.number().min(0).lt(1).default(0.05),
  separation: z.number().positive().default(3),
  seed: z.number().int().optional(),
});

function centre(rng: Rng, dim: number, separation: number): Float64Array {
  const c = new Float64Array(dim);
  for (let d = 0; d < dim; d++) c[d] = separation * rng.normal();
  return c;
}

/**
 * Generates the dataset; `options.seed` (else `spec.seed`, else 0) fixes every draw.
 * Throws: DatasetOptionError for an option out of range or a size smaller than the class count.
 */
export async function loadSubgroups(spec: DatasetSpec): Promise<Dataset> {
  const schema = OptionsSchema.refine((v) => v.size >= v.classes, { message: 'size must be at least classes', path: ['size'] });
  const o = parseOptions('subgroups', schema, spec.options);
  const seed = o.seed ?? spec.seed ?? 0;
  const rng = new Rng(deriveSeed(seed, 'dataset', 'subgroups'));
  const { classes, dim, size, subgroupsPerClass: groups, rarity, separation } = o;

  const features = new Float32Array(size * dim);
  const labels = new Uint16Array(size);
  const atypical = new Uint8Array(size);
  const subgroup = new Int16Array(size);
  const order = rng.permutation(size); // generated class by class, stored in a random order
  let next = 0;
  const emit = (label: number, group: number, c: Float64Array) => {
    const at = order[next++] as number;
    labels[at] = label;
    atypical[at] = group >= 0 ? 1 : 0;
    subgroup[at] = group;
    for (let d = 0; d < dim; d++) features[at * dim + d] = (c[d] as number) + rng.normal();
  };
  for (let label = 0; label < classes; label++) {
    const count = Math.floor(size / classes) + (label < size % classes ? 1 : 0);
    const rare = groups === 0 ? 0 : Math.round(rarity * count);
    const typicalCentre = centre(rng, dim, separation);
    for (let i = 0; i < count - rare; i++) emit(label, -1, typicalCentre);
    for (let g = 0; g < groups; g++) {
      const members = Math.floor(rare / groups) + (g < rare % groups ? 1 : 0);
      const groupCentre = centre(rng, dim, separation);
      for (let i = 0; i < members; i++) emit(label, g, groupCentre);
    }
  }
  return assembleDataset({
    id: 'subgroups',
    name: 'Subgroups (synthetic)',
    kind: 'tabular',
    shape: [dim],
    numClasses: classes,
    classNames: Array.from({ length: classes }, (_, i) => `class ${i}`),
    size,
    features,
    scale: 1,
    labels,
    binaryFeatures: false,
    source: `synthetic:subgroups(${Object.entries({ classes, dim, size, subgroupsPerClass: groups, rarity, separation, seed })
      .map(([key, value]) => `${key}=${value}`)
      .join(',')})`,
    meta: { atypical, subgroup },
  });
}

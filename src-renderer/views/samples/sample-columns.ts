/** The columns of the samples table: what each shows, how it sorts, and its text. */
import type { AttackKind } from '../../../src-shared/analysis';
import type { SampleTableView } from '../../../src-shared/views';

export interface SampleColumn {
  key: string;
  label: string;
  width: string;
  align: 'left' | 'right';
  title: string;
  /** The sort key of a row (null sorts last). */
  value: (table: SampleTableView, row: number) => number | string | null;
  text: (table: SampleTableView, row: number) => string;
}

const fixed = (v: number | null | undefined, digits = 3): string => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '—');
const num = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const ATTACK_NAMES: Record<AttackKind, string> = {
  lira: 'LiRA',
  rmia: 'RMIA',
  loss: 'Loss',
  confidence: 'Confidence',
  entropy: 'Entropy',
  'modified-entropy': 'Modified entropy',
  correctness: 'Correctness',
  'label-only': 'Label-only',
  noise: 'Noise',
  nn: 'NN',
};

/** The columns for a table of `attack` scores against `target`. */
export function sampleColumns(attack: AttackKind, target: number): SampleColumn[] {
  return [
    { key: 'position', label: '#', width: '48px', align: 'right', title: 'Position in the study (population first, then held-out samples)', value: (t, r) => t.position[r]!, text: (t, r) => String(t.position[r]) },
    { key: 'index', label: 'Index', width: '58px', align: 'right', title: 'Index of the sample in the dataset', value: (t, r) => t.datasetIndex[r]!, text: (t, r) => String(t.datasetIndex[r]) },
    { key: 'label', label: 'Label', width: 'minmax(40px, 1fr)', align: 'left', title: 'The class of the sample', value: (t, r) => t.label[r]!, text: (t, r) => t.classNames[t.label[r]!] ?? String(t.label[r]) },
    { key: 'heldOut', label: 'Held out', width: '74px', align: 'left', title: 'Held out of every model (no membership)', value: (t, r) => t.heldOut[r]!, text: (t, r) => (t.heldOut[r] ? 'yes' : '') },
    {
      key: 'member',
      label: `Target ${target}`,
      width: '76px',
      align: 'left',
      title: `Whether target model ${target} trained on the sample (IN) or not (OUT)`,
      value: (t, r) => (t.member[r]! < 0 ? null : t.member[r]!),
      text: (t, r) => (t.member[r] === 1 ? 'IN' : t.member[r] === 0 ? 'OUT' : '—'),
    },
    { key: 'memorization', label: 'Mem.', width: '60px', align: 'right', title: 'Memorization: accuracy when IN minus accuracy when OUT, over the shadow models', value: (t, r) => num(t.memorization[r]), text: (t, r) => fixed(t.memorization[r]) },
    { key: 'score', label: `${ATTACK_NAMES[attack]}`, width: '72px', align: 'right', title: `The ${ATTACK_NAMES[attack]} member score against target ${target} (higher: more likely a member)`, value: (t, r) => num(t.score[r]), text: (t, r) => fixed(t.score[r]) },
    { key: 'loss', label: 'Loss', width: '58px', align: 'right', title: `Cross-entropy loss of target ${target} on the sample (nats)`, value: (t, r) => num(t.loss[r]), text: (t, r) => fixed(t.loss[r]) },
    { key: 'in', label: 'IN', width: '40px', align: 'right', title: 'Shadow models that trained on the sample', value: (t, r) => t.inCount[r]!, text: (t, r) => String(t.inCount[r]) },
    { key: 'out', label: 'OUT', width: '50px', align: 'right', title: 'Shadow models that did not train on the sample', value: (t, r) => t.outCount[r]!, text: (t, r) => String(t.outCount[r]) },
  ];
}

/** Column values as float64 with NaN for "undefined" (null crosses JSON for NaN). */
export function asFloat64(values: ReadonlyArray<number | null>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' ? v : NaN;
  }
  return out;
}

/** The rows with a plottable point (finite x and y), split by membership in the target. */
export function scatterGroups(table: Pick<SampleTableView, 'member'>, xs: Float64Array, ys: Float64Array): { members: Int32Array; nonMembers: Int32Array } {
  const members: number[] = [];
  const nonMembers: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]!) || !Number.isFinite(ys[i]!)) continue;
    if (table.member[i] === 1) members.push(i);
    else if (table.member[i] === 0) nonMembers.push(i);
  }
  return { members: Int32Array.from(members), nonMembers: Int32Array.from(nonMembers) };
}

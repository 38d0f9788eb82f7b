/** `mnemo export`: the app's CSV exports from the command line, streamed to a file or stdout. */
import fs from 'node:fs';
import type { AttackKind } from '../../../src-shared/analysis';
import type { CsvKind } from '../../../src-shared/views';
import { writeExport } from '../../exports/study-exports';
import { parseCommandArgs, UsageError } from '../args';
import { openReadOnlyStore, resolveStudyId } from '../runtime';

const KINDS: readonly CsvKind[] = ['studies', 'models', 'samples', 'roc', 'epochs'];
const ATTACKS: readonly AttackKind[] = ['lira', 'rmia', 'loss', 'confidence', 'entropy', 'modified-entropy', 'correctness', 'label-only', 'noise', 'nn'];

export const EXPORT_HELP = `mnemo export <studies | models | samples | roc | epochs> [ID] [--attack lira] [--target 0] [--out FILE]

CSV (RFC 4180) of the studies table, or of one study's models, per-sample table (index, label, membership
in the target, memorization, attack score, loss, IN/OUT counts), ROC points (every target of an attack) or
epoch histories. Written to --out FILE, or to stdout.`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { attack: { type: 'string' }, target: { type: 'string' }, out: { type: 'string', short: 'o' } });
  const [kind, reference] = positionals;
  if (values.help || !kind) {
    console.log(EXPORT_HELP);
    return values.help ? 0 : 2;
  }
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown export "${kind}" (choose from ${KINDS.join(', ')})`);
  if (kind !== 'studies' && !reference) throw new UsageError(`export ${kind} needs a study ID`);
  const attack = (values.attack ?? 'lira') as AttackKind;
  if (!ATTACKS.includes(attack)) throw new UsageError(`--attack must be one of ${ATTACKS.join(', ')}, got "${values.attack}"`);
  const target = values.target === undefined ? 0 : Number(values.target);
  if (!Number.isInteger(target) || target < 0) throw new UsageError(`--target must be a model index, got "${values.target}"`);
  const store = openReadOnlyStore(values['data-dir']);
  try {
    const id = reference ? resolveStudyId(store, reference) : undefined;
    const request = { kind: kind as CsvKind, id, attack, target };
    if (values.out) {
      await writeExport(store, request, fs.createWriteStream(values.out));
      console.error(`Wrote ${values.out}`);
    } else await writeExport(store, request, process.stdout, { end: false });
  } finally {
    store.close();
  }
  return 0;
}

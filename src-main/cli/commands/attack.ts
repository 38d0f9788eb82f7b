/**
 * `mnemo attack <lira|rmia|threshold|nn|label-only>`: the membership-inference attacks on a stored
 * study (lira, rmia) or on arrays imported from other pipelines (.npy/.npz, or the LiRA reference
 * layout), printed as JSON.
 * The math is in src-main/attacks; src-main/cli/attack maps the files onto it.
 */
import { parseCommandArgs, UsageError } from '../args';
import { ATTACK_HELP, subcommandHelp, SUBCOMMAND_HELP } from '../attack/help';
import { runLabelOnly } from '../attack/label-only-command';
import { runNn } from '../attack/nn-command';
import { runLira, runRmia } from '../attack/pool-attacks';
import { printJson } from '../attack/report';
import { runThreshold } from '../attack/threshold-command';

export { ATTACK_HELP };

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;

const OUTPUT = { fpr: str, rule: str, roc: str, 'roc-points': str, compact: flag } as const;
const POOL = { study: str, 'lira-dir': str, epoch: str, from: str, 'skip-incomplete': flag, keep: str, scores: str, logits: str, labels: str, targets: str, target: str } as const;
const RECORDS = {
  'target-probs': str,
  'target-logits': str,
  'target-labels': str,
  'target-membership': str,
  'shadow-probs': str,
  'shadow-logits': str,
  'shadow-labels': str,
  'shadow-membership': str,
} as const;

/** Each subcommand's own flags (parsed strictly: a flag of another subcommand is an error) and runner. */
const SUBCOMMANDS = {
  lira: { options: { ...OUTPUT, ...POOL, phi: str, preset: str, mode: str, offline: str, variance: str, 'equal-counts': str }, run: runLira },
  rmia: { options: { ...OUTPUT, ...POOL, temperature: str, mode: str, a: str, gamma: str, 'population-size': str, seed: str }, run: runRmia },
  threshold: { options: { ...OUTPUT, ...RECORDS, signal: str }, run: runThreshold },
  nn: { options: { ...OUTPUT, ...RECORDS, 'top-k': str, 'per-class': flag, epochs: str, seed: str }, run: runNn },
  'label-only': {
    options: { ...OUTPUT, 'target-features': str, 'target-membership': str, 'shadow-features': str, 'shadow-membership': str, kind: str, objective: str },
    run: runLabelOnly,
  },
} as const;

type Runner = (flags: Record<string, string | boolean | undefined>) => Promise<Record<string, unknown>>;

/** Runs `mnemo attack`; returns the exit code (usage errors are thrown as UsageError). */
export async function attackCommand(argv: string[]): Promise<number> {
  const name = argv[0];
  if (name === undefined || name.startsWith('-')) {
    const { values } = parseCommandArgs(argv, {});
    console.log(ATTACK_HELP);
    return values.help ? 0 : 2;
  }
  if (!(name in SUBCOMMANDS)) throw new UsageError(`unknown subcommand "${name}" (use ${Object.keys(SUBCOMMAND_HELP).join(', ')})`);
  const sub = SUBCOMMANDS[name as keyof typeof SUBCOMMANDS];
  const { values, positionals } = parseCommandArgs(argv.slice(1), sub.options);
  if (values.help) {
    console.log(subcommandHelp(name));
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (every input is named by a flag)`);
  const result = await (sub.run as Runner)(values as Record<string, string | boolean | undefined>);
  printJson(result, Boolean(values.compact));
  return 0;
}

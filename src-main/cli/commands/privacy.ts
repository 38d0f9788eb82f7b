/**
 * `mnemo privacy`: the RDP accountant from the command line, like Opacus' tools.
 *   epsilon: ε at δ after T steps of the Poisson-subsampled Gaussian mechanism (rate q, noise σ);
 *   noise:   the smallest σ that keeps ε within a target (Opacus' get_noise_multiplier).
 */
import { DEFAULT_ORDERS, composeRdp, epsilonFromRdp, type RdpConversion } from '../../engine/privacy/analysis/rdp';
import { formatEpsilon } from '../../engine/privacy/format-epsilon';
import { noiseMultiplierFor } from '../../engine/privacy/noise-search';
import { parseCommandArgs, UsageError } from '../args';

export const PRIVACY_HELP = `mnemo privacy epsilon --sample-rate Q --noise-multiplier S --steps T --delta D [--conversion balle2020|mironov2017] [--json]
mnemo privacy noise --target-epsilon E --sample-rate Q --steps T --delta D [--json]

RDP accounting of DP-SGD (Poisson sampling at rate Q = batch size / dataset size, noise multiplier S, T steps),
converted to (ε, δ) with Balle et al. (2020) by default. An ε above 10^3 is reported as vacuous.`;

function number(value: string | undefined, flag: string, check: (n: number) => boolean, expected: string): number {
  if (value === undefined) throw new UsageError(`${flag} is required (${expected})`);
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new UsageError(`${flag} must be ${expected}, got "${value}"`);
  return n;
}

const OPTIONS = {
  'sample-rate': { type: 'string' },
  'noise-multiplier': { type: 'string' },
  steps: { type: 'string' },
  delta: { type: 'string' },
  'target-epsilon': { type: 'string' },
  conversion: { type: 'string' },
} as const;

export async function privacyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS);
  const sub = positionals[0];
  if (values.help || !sub) {
    console.log(PRIVACY_HELP);
    return values.help ? 0 : 2;
  }
  const sampleRate = number(values['sample-rate'], '--sample-rate', (n) => n > 0 && n <= 1, 'a rate in (0, 1]');
  const steps = number(values.steps, '--steps', (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  const delta = number(values.delta, '--delta', (n) => n > 0 && n < 1, 'in (0, 1)');
  const conversion = (values.conversion ?? 'balle2020') as RdpConversion;
  if (conversion !== 'balle2020' && conversion !== 'mironov2017') throw new UsageError(`--conversion must be balle2020 or mironov2017, got "${conversion}"`);

  if (sub === 'epsilon') {
    const noiseMultiplier = number(values['noise-multiplier'], '--noise-multiplier', (n) => n >= 0, 'a number >= 0');
    const result = epsilonFromRdp(DEFAULT_ORDERS, composeRdp([{ sampleRate, noiseMultiplier, steps }]), delta, conversion);
    const shown = formatEpsilon(result.epsilon);
    if (values.json) {
      console.log(JSON.stringify({ epsilon: result.epsilon, display: shown.text, vacuous: shown.vacuous, order: result.order, orderAtBoundary: result.orderAtBoundary, delta, sampleRate, noiseMultiplier, steps, accountant: 'rdp', conversion }));
    } else {
      console.log(`ε = ${shown.text} at δ = ${delta} (RDP, optimal order α = ${result.order}, ${conversion} conversion)`);
      if (result.orderAtBoundary) console.log('note: the optimum lies at the edge of the order grid; ε may be smaller with more orders');
    }
    return 0;
  }
  if (sub === 'noise') {
    const targetEpsilon = number(values['target-epsilon'], '--target-epsilon', (n) => n > 0, 'a number > 0');
    let found;
    try {
      found = noiseMultiplierFor({ targetEpsilon, sampleRate, steps, delta, conversion });
    } catch (error) {
      console.error(`mnemo privacy noise: ${(error as Error).message}`);
      return 1;
    }
    if (values.json) console.log(JSON.stringify({ noiseMultiplier: found.noiseMultiplier, epsilon: found.epsilon, targetEpsilon, delta, sampleRate, steps, accountant: 'rdp', conversion }));
    else console.log(`noise multiplier σ = ${found.noiseMultiplier.toPrecision(6)} gives ε = ${formatEpsilon(found.epsilon).text} ≤ ${targetEpsilon} at δ = ${delta}`);
    return 0;
  }
  throw new UsageError(`unknown subcommand "${sub}" (use epsilon or noise)`);
}

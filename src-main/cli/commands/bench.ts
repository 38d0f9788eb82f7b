/**
 * `mnemo bench`: the standard engine workloads (../shared/bench/WORKLOADS.md) on this machine's
 * backend, as JSON lines with the fields of torch_reference.py; then the two-worker throughput and
 * the LiRA scoring time. With --torch FILE (torch_reference.py's output), a table of ratios.
 */
import fs from 'node:fs';
import { benchLira } from '../../attacks/lira-bench';
import type { BenchCase, BenchRecord } from '../../engine/bench/measure';
import { STEPS, WORKLOADS, type StepName, type WorkloadName } from '../../engine/bench/workloads';
import { createNodeEngine } from '../../engine/host/node-engine';
import { parseCommandArgs, UsageError } from '../args';

export const BENCH_HELP = `mnemo bench [--workloads mlp-purchase,cnn-mnist,cnn-cifar] [--steps erm,pgd-at,trades,dp-sgd,eval]
            [--batch 128] [--warmup 2] [--timed 5] [--no-workers] [--no-lira] [--torch torch.jsonl]

Measures training samples per second on one wasm (or the selected) backend thread per worker, prints JSON lines,
then two workers' combined throughput and the LiRA scoring time (60,000 samples × 128 models × 10 queries).
--torch reads torch_reference.py's JSON lines and prints Mnemo's throughput as a fraction of PyTorch's.`;

function list<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] {
  if (!value) return [...allowed];
  const items = value.split(',').map((s) => s.trim());
  const wrong = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (wrong.length) throw new UsageError(`${flag}: unknown ${wrong.join(', ')} (choose from ${allowed.join(', ')})`);
  return items as T[];
}

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

function ratioTable(records: BenchRecord[], torchFile: string): string {
  const torch = fs
    .readFileSync(torchFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as { workload: string; step: string; samples_per_s: number });
  const rows = ['| workload | step | Mnemo samples/s | PyTorch samples/s | Mnemo / PyTorch |', '| --- | --- | --- | --- | --- |'];
  for (const r of records) {
    const t = torch.find((x) => x.workload === r.workload && x.step === r.step);
    rows.push(`| ${r.workload} | ${r.step} | ${r.samples_per_s} | ${t ? t.samples_per_s : '—'} | ${t ? (r.samples_per_s / t.samples_per_s).toFixed(2) + '×' : '—'} |`);
  }
  return rows.join('\n');
}

export async function benchCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    workloads: { type: 'string' },
    steps: { type: 'string' },
    batch: { type: 'string' },
    warmup: { type: 'string' },
    timed: { type: 'string' },
    'no-workers': { type: 'boolean', default: false },
    'no-lira': { type: 'boolean', default: false },
    torch: { type: 'string' },
  });
  if (values.help) {
    console.log(BENCH_HELP);
    return 0;
  }
  const workloads = list<WorkloadName>(values.workloads, WORKLOADS, '--workloads');
  const steps = list<StepName>(values.steps, STEPS, '--steps');
  const batch = positiveInt(values.batch, 128, '--batch');
  const warmup = positiveInt(values.warmup, 2, '--warmup');
  const timed = positiveInt(values.timed, 5, '--timed');
  if (values.torch && !fs.existsSync(values.torch)) throw new UsageError(`--torch: no file at ${values.torch}`);

  const records: BenchRecord[] = [];
  const single = createNodeEngine({ workers: 1, log: (m) => console.error(m) });
  const selection = await single.start();
  console.error(`bench: backend ${selection.name} (${selection.reason})`);
  try {
    for (const w of workloads) {
      for (const step of steps) {
        const record = await single.run<BenchRecord>({ kind: 'bench', payload: { workload: w, step, batch, warmup, timed } satisfies BenchCase });
        records.push(record);
        console.log(JSON.stringify(record));
      }
    }
  } finally {
    await single.close();
  }

  if (!values['no-workers']) {
    const pair = createNodeEngine({ workers: 2, backend: selection.name });
    await pair.start();
    try {
      for (const w of (['mlp-purchase', 'cnn-mnist'] as const).filter((name) => workloads.includes(name))) {
        const benchCase: BenchCase = { workload: w, step: 'erm', batch, warmup, timed: Math.max(timed, 8) };
        const alone = await pair.run<BenchRecord>({ kind: 'bench', payload: benchCase });
        const together = await Promise.all([pair.run<BenchRecord>({ kind: 'bench', payload: benchCase }), pair.run<BenchRecord>({ kind: 'bench', payload: benchCase })]);
        const total = together.reduce((s, r) => s + r.samples_per_s, 0);
        console.log(JSON.stringify({ workload: w, step: 'erm', workers: 2, samples_per_s_one: alone.samples_per_s, samples_per_s_two: Math.round(total * 10) / 10, throughput_ratio: Math.round((total / alone.samples_per_s) * 100) / 100, backend: alone.backend }));
      }
    } finally {
      await pair.close();
    }
  }

  if (!values['no-lira']) {
    const ms = benchLira(60_000, 128, 10, 0);
    console.log(JSON.stringify({ bench: 'lira-online', samples: 60_000, models: 128, queries: 10, seconds: Math.round(ms) / 1000 }));
  }
  if (values.torch) console.log(`\n${ratioTable(records, values.torch)}`);
  return 0;
}

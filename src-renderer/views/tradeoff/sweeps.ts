/**
 * Sweeps: studies whose configs are equal except for one numeric parameter (DeMem λ, PGD ε, DP σ,
 * SharpReg γ…) form a series ordered by it, drawn as a line on the trade-off plot. The name, tags,
 * description and seed do not count as differences.
 */

export interface SweepInput {
  id: string;
  config: unknown;
}

export interface Sweep {
  /** The swept parameter's path in the config ("method.demem.lambda"). */
  parameter: string;
  label: string;
  /** Study ids ordered by the parameter (ties by id). */
  ids: string[];
  values: number[];
}

/** Fields that name or describe a study, or only reseed it: not part of what a sweep compares. */
const IGNORED = new Set(['name', 'tags', 'description', 'seed']);

const LABELS: Record<string, string> = {
  'method.demem.lambda': 'DeMem λ',
  'method.objective.epsilon': 'PGD ε',
  'method.objective.steps': 'PGD steps',
  'method.objective.beta': 'TRADES β',
  'method.update.noiseMultiplier': 'DP σ',
  'method.update.clipNorm': 'DP C',
  'method.update.gamma': 'SharpReg γ',
  'method.update.lambda': 'SharpReg λ',
  'method.update.rho': 'ρ',
  'robust.epsilon': 'evaluation ε',
  'training.epochs': 'epochs',
  'training.optimizer.lr': 'learning rate',
  'shadow.models': 'models',
  'dataset.limit': 'samples',
};

/** A readable name for a swept parameter ("DeMem λ"); the path itself when none is known. */
export function sweepLabel(path: string): string {
  return LABELS[path] ?? path;
}

/**
 * The config as path → value-as-JSON pairs (arrays are single values: hidden widths [256, 128]
 * are one parameter), without the ignored top-level fields.
 */
export function flattenConfig(config: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, child] of Object.entries(value)) {
        if (path === '' && IGNORED.has(key)) continue;
        visit(child, path ? `${path}.${key}` : key);
      }
    } else if (value !== undefined) out.set(path, JSON.stringify(value));
  };
  visit(config, '');
  return out;
}

/**
 * Every sweep among the studies: for each numeric parameter, studies equal on everything else are
 * grouped; a group with at least two distinct values of it is a sweep. A study can be on several
 * sweeps (a grid of λ × ε has a line along each). Sweeps come ordered by parameter, then by their
 * first study.
 */
export function groupSweeps(studies: readonly SweepInput[]): Sweep[] {
  const flat = studies.map((s) => {
    const entries = flattenConfig(s.config);
    return { id: s.id, entries, sorted: [...entries].sort(([a], [b]) => compareText(a, b)) };
  });
  const distinct = new Map<string, Set<string>>();
  for (const { entries } of flat) {
    for (const [path, value] of entries) {
      if (typeof JSON.parse(value) !== 'number') continue;
      const set = distinct.get(path) ?? new Set<string>();
      set.add(value);
      distinct.set(path, set);
    }
  }
  const swept = [...distinct].filter(([, values]) => values.size > 1).map(([path]) => path);

  const sweeps: Sweep[] = [];
  for (const parameter of swept) {
    const groups = new Map<string, Array<{ id: string; value: number }>>();
    for (const { id, entries, sorted } of flat) {
      const raw = entries.get(parameter);
      if (raw === undefined) continue;
      const value = JSON.parse(raw) as unknown;
      if (typeof value !== 'number') continue;
      const key = JSON.stringify(sorted.filter(([path]) => path !== parameter));
      const group = groups.get(key) ?? [];
      group.push({ id, value });
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      if (new Set(group.map((g) => g.value)).size < 2) continue;
      group.sort((a, b) => a.value - b.value || compareText(a.id, b.id));
      sweeps.push({ parameter, label: sweepLabel(parameter), ids: group.map((g) => g.id), values: group.map((g) => g.value) });
    }
  }
  return sweeps.sort((a, b) => compareText(a.parameter, b.parameter) || compareText(a.ids[0]!, b.ids[0]!));
}

/** Code-unit order, the same on every machine (unlike localeCompare). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

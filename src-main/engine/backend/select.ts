/**
 * Which backends to try, in which order, and the pure decision from their probe results: the first
 * that passed, or the forced one (MNEMO_BACKEND or the setting), which must pass.
 */
import type { BackendName, BackendStatus } from '../../../src-shared/system';

export const PREFERENCE: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface ProbeResult {
  name: BackendName;
  ok: boolean;
  /** Why it failed, or a short note on what passed. */
  reason: string;
  versions: Record<string, string>;
  details: string[];
  warnings: string[];
  ms: number;
}

export interface BackendSelection {
  name: BackendName;
  reason: string;
  forced: boolean;
  probes: ProbeResult[];
  versions: Record<string, string>;
  warnings: string[];
}

/** A forced choice from the environment or a setting; null when unset. @throws Error naming an unknown value. */
export function forcedBackend(value: string | undefined): BackendName | null {
  if (value === undefined || value === '' || value === 'auto') return null;
  if ((PREFERENCE as readonly string[]).includes(value)) return value as BackendName;
  throw new Error(`MNEMO_BACKEND="${value}" is not a backend; use one of ${PREFERENCE.join(', ')} or auto`);
}

/** The backends to probe, in order: installed ones by preference, or only the forced one. */
export function candidates(inventory: BackendStatus[], forced: BackendName | null): BackendName[] {
  if (forced) return [forced];
  return PREFERENCE.filter((name) => inventory.find((b) => b.name === name)?.installed);
}

/**
 * The selection from probe results, tried in order.
 * @throws Error when nothing passed (every reason listed), or when a forced backend failed.
 */
export function decide(probes: ProbeResult[], forced: BackendName | null): BackendSelection {
  const chosen = probes.find((p) => p.ok);
  if (!chosen) {
    const why = probes.map((p) => `${p.name}: ${p.reason}`).join('; ');
    throw new Error(forced ? `The forced backend ${forced} cannot run here (${why}).` : `No compute backend works here (${why}).`);
  }
  const skipped = probes.filter((p) => p !== chosen && !p.ok);
  const reason = forced
    ? `forced by MNEMO_BACKEND or the settings; ${chosen.reason}`
    : `${chosen.reason}${skipped.length ? `; skipped ${skipped.map((p) => `${p.name} (${p.reason})`).join(', ')}` : ''}`;
  return { name: chosen.name, reason, forced: forced !== null, probes, versions: chosen.versions, warnings: probes.flatMap((p) => p.warnings) };
}

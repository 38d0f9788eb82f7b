/** Handlers of the `system.*` channels: facts about this installation. */
import os from 'node:os';
import type { AboutInfo } from '../../../src-shared/system';
import { backendInventory } from '../../engine/backend/inventory';
import { appVersion } from '../../system/project-root';
import { loadSettings, saveSettings } from '../../system/settings';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';

/** Gathers the About panel's facts: this process, and the backend the engine's probe chose. */
export async function aboutInfo(ctx: AppContext): Promise<AboutInfo> {
  const backends = backendInventory();
  let selectedBackend: AboutInfo['selectedBackend'];
  let warnings: string[] = [];
  let backendVersions: Record<string, string> = {};
  try {
    const selection = await ctx.engineReady;
    selectedBackend = { name: selection.name, reason: selection.reason };
    backendVersions = selection.versions;
    warnings = selection.warnings;
    for (const probe of selection.probes) {
      const status = backends.find((b) => b.name === probe.name);
      if (status) status.note = probe.ok ? `selected (probe ${Math.round(probe.ms)} ms)` : `probe failed: ${probe.reason}`;
    }
  } catch (error) {
    selectedBackend = { name: 'cpu', reason: `no backend could be started: ${(error as Error).message}` };
    warnings = [(error as Error).message];
  }
  return {
    appVersion: appVersion(),
    nodeVersion: process.versions.node,
    electronVersion: process.versions.electron ?? null,
    chromeVersion: process.versions.chrome ?? null,
    platform: process.platform,
    arch: process.arch,
    cpuCount: os.availableParallelism(),
    transport: ctx.transport,
    backends,
    selectedBackend,
    backendVersions,
    warnings,
    dataDir: ctx.dataDir,
  };
}

export function systemHandlers(ctx: AppContext): Pick<Handlers, 'system.about' | 'system.settings' | 'system.updateSettings'> {
  return {
    'system.about': () => aboutInfo(ctx),
    'system.settings': () => loadSettings(ctx.dataDir.path),
    'system.updateSettings': (changes) => saveSettings(ctx.dataDir.path, changes),
  };
}

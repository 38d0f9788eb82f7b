/** Handlers of the `system.*` channels: facts about this installation. */
import os from 'node:os';
import type { AboutInfo } from '../../../src-shared/system';
import { backendInventory } from '../../engine/backend/inventory';
import { appVersion } from '../../system/project-root';
import type { AppContext } from '../context';
import type { Handlers } from '../dispatch';

/** Gathers the About panel's facts from this process. */
export function aboutInfo(ctx: AppContext): AboutInfo {
  const backends = backendInventory();
  const preferred = backends.find((b) => b.installed) ?? backends[backends.length - 1]!;
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
    selectedBackend: { name: preferred.name, reason: `${preferred.packageName} is the most capable backend installed` },
    warnings: [],
    dataDir: ctx.dataDir,
  };
}

export function systemHandlers(ctx: AppContext): Pick<Handlers, 'system.about'> {
  return {
    'system.about': () => aboutInfo(ctx),
  };
}

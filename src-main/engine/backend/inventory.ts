/**
 * Which tfjs backend packages are installed, and their versions. Only looks at package manifests:
 * loading a backend (and libtensorflow) is the probe's job, in an engine worker.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import type { BackendName, BackendStatus } from '../../../src-shared/system';

/** The backends in order of preference, with the package that provides each. */
export const BACKEND_PACKAGES: ReadonlyArray<{ name: BackendName; packageName: string }> = [
  { name: 'tensorflow-gpu', packageName: '@tensorflow/tfjs-node-gpu' },
  { name: 'tensorflow', packageName: '@tensorflow/tfjs-node' },
  { name: 'wasm', packageName: '@tensorflow/tfjs-backend-wasm' },
  { name: 'cpu', packageName: '@tensorflow/tfjs-backend-cpu' },
];

const require = createRequire(import.meta.url);

/** The installed version of a package, or null when it cannot be resolved. */
export function installedVersion(packageName: string, resolve: (id: string) => string = require.resolve): string | null {
  try {
    const manifest = resolve(`${packageName}/package.json`);
    return JSON.parse(fs.readFileSync(manifest, 'utf8')).version as string;
  } catch {
    return null;
  }
}

/** Every known backend with whether its package is installed. */
export function backendInventory(resolve?: (id: string) => string): BackendStatus[] {
  return BACKEND_PACKAGES.map(({ name, packageName }) => {
    const version = installedVersion(packageName, resolve);
    return {
      name,
      packageName,
      installed: version !== null,
      version,
      note: version === null ? 'not installed' : null,
    };
  });
}

/**
 * Electron runs its own Node ABI, so the better-sqlite3 addon that `npm ci` built for Node cannot
 * load in Electron's main process. This keeps a second copy built for Electron under
 * .electron-native/<electron-version>/, leaving node_modules (used by the CLI and tests) untouched:
 * the prebuilt binary for Electron when the network allows, else a compile against Electron's headers.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The path of better-sqlite3's addon for the installed Electron, building it if needed; null on failure. */
export function ensureElectronSqlite(root) {
  const electronVersion = require('electron/package.json').version;
  const target = path.join(root, '.electron-native', electronVersion, 'better_sqlite3.node');
  if (fs.existsSync(target)) return { path: target, error: null };
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-sqlite-electron-'));
  try {
    fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) });
    const common = { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000, encoding: 'utf8' };
    const prebuilt = spawnSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime', 'electron', '--target', electronVersion, '--arch', process.arch, '--platform', process.platform], common);
    let error = prebuilt.status === 0 ? null : `prebuild-install: ${String(prebuilt.stderr).trim().split('\n').pop()}`;
    if (error) {
      const npmDir = path.dirname(path.dirname(process.env.npm_execpath ?? require.resolve('npm/package.json')));
      const nodeGyp = [path.join(npmDir, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'), path.join(npmDir, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')].find((p) => fs.existsSync(p));
      if (nodeGyp) {
        const compiled = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], common);
        error = compiled.status === 0 ? null : `${error}; node-gyp: ${String(compiled.stderr).trim().split('\n').pop()}`;
      }
    }
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    if (error || !fs.existsSync(built)) return { path: null, error: error ?? 'no addon was produced' };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(built, target);
    return { path: target, error: null };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

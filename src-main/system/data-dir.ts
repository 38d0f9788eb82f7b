/**
 * Where Mnemo keeps its database and model weights: a per-user data directory, unless the
 * `--data-dir` flag or the `MNEMO_HOME` variable says otherwise (in that order).
 */
import os from 'node:os';
import path from 'node:path';
import type { DataDirInfo } from '../../src-shared/system';

export interface DataDirInput {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}

/** The platform's conventional per-user application-data folder for Mnemo. */
export function defaultDataDir(platform: NodeJS.Platform, home: string, env: NodeJS.ProcessEnv): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Mnemo');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Mnemo');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'mnemo');
}

/** Resolves the data directory and records which rule chose it. */
export function resolveDataDir(input: DataDirInput = {}): DataDirInfo {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const home = input.home ?? os.homedir();
  let dir: string;
  let source: DataDirInfo['source'];
  if (input.flag) {
    dir = path.resolve(input.flag);
    source = 'flag';
  } else if (env.MNEMO_HOME) {
    dir = path.resolve(env.MNEMO_HOME);
    source = 'env';
  } else {
    dir = defaultDataDir(platform, home, env);
    source = 'default';
  }
  return { path: dir, source, databasePath: path.join(dir, 'mnemo.sqlite') };
}

/** Locates the project's root folder, from source (tsx) and from the built bundle alike. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The nearest folder above this module whose package.json is Mnemo's. */
export function projectRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'mnemo') {
      cached = dir;
      return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find Mnemo's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Mnemo's version from its package.json. */
export function appVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')).version as string;
}

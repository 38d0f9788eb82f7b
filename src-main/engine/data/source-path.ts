/** Resolving and probing the files and folders that loaders read. */
import fs from 'node:fs';
import path from 'node:path';
import { DatasetError } from './errors';

export type PathKind = 'file' | 'directory';

/** 'file', 'directory', or undefined when nothing is there. */
export async function pathKind(target: string): Promise<PathKind | undefined> {
  try {
    const stat = await fs.promises.stat(target);
    return stat.isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * The absolute path of an existing source file or folder.
 * Throws: DatasetError naming the path and what was expected there, when it does not exist.
 */
export async function existingSource(target: string, expected: string): Promise<{ file: string; kind: PathKind }> {
  const file = path.resolve(target);
  const kind = await pathKind(file);
  if (!kind) throw new DatasetError({ file, expected, found: 'no such file or folder' });
  return { file, kind };
}

/** The first of `names` (relative to `dir`) that exists as a file, or undefined. */
export async function firstExistingFile(dir: string, names: readonly string[]): Promise<string | undefined> {
  for (const name of names) {
    const candidate = path.join(dir, name);
    if ((await pathKind(candidate)) === 'file') return candidate;
  }
  return undefined;
}

/** True for names of tar archives, plain or gzipped. */
export function isTarName(file: string): boolean {
  return /\.(tar|tgz|tar\.gz)$/i.test(file);
}

/**
 * The folders of the LiRA reference code (tensorflow/privacy research/mi_lira_2021): train.py writes
 * one folder per shadow model, `experiment-<expid>_<num_experiments>` (or `experiment-<seed>`), holding
 * `keep.npy`; inference.py adds `logits/<epoch>.npy` and score.py `scores/<epoch>.npy`, the epoch
 * zero-padded to ten digits. plot.py takes every folder whose name starts with "experiment" (so the
 * README's `experiment_N_of_16` works too) and, in each, the last file of `scores/` in sorted order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FormatError } from './format-error';

/** One shadow-model folder. */
export interface LiraExperiment {
  /** Folder name, e.g. `experiment-3_16`. */
  name: string;
  /** The first number in the name (the experiment id, or the seed); null when there is none. */
  index: number | null;
  /** Absolute path of the folder. */
  path: string;
}

/**
 * The experiment folders directly inside `dir`, ordered by experiment index (then name), so that
 * `experiment-10_16` follows `experiment-9_16`. (plot.py keeps `os.walk`'s order, which depends on the
 * file system; ordering by index makes "the last model" well defined.)
 *
 * Throws FormatError when `dir` is not a folder or holds no experiment folder.
 */
export async function listLiraExperiments(dir: string): Promise<LiraExperiment[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FormatError({ file: dir, expected: 'a folder of LiRA experiments', found: code === 'ENOTDIR' ? 'a file' : 'no such folder' });
  }
  const experiments = entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('experiment'))
    .map((entry) => {
      const digits = /\d+/.exec(entry.name.slice('experiment'.length))?.[0];
      return { name: entry.name, index: digits === undefined ? null : Number(digits), path: path.resolve(dir, entry.name) };
    });
  if (experiments.length === 0) {
    const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    throw new FormatError({
      file: dir,
      expected: 'experiment-* folders (the LiRA reference layout DIR/experiment-<i>_<n>/keep.npy with scores/ or logits/)',
      found: folders.length ? `only the folders ${folders.slice(0, 5).join(', ')}${folders.length > 5 ? ', …' : ''}` : 'no folder',
    });
  }
  return experiments.sort((a, b) => {
    if (a.index !== b.index) return a.index === null ? 1 : b.index === null ? -1 : a.index - b.index;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/**
 * The epoch files of one `scores/` or `logits/` folder: file names that are a number plus `.npy`
 * (`0000000100.npy`), keyed by epoch. Other files are ignored.
 *
 * Returns an empty map when the folder does not exist.
 * Throws FormatError when two files name the same epoch (`10.npy` and `0000000010.npy`).
 */
export async function epochFiles(folder: string): Promise<Map<number, string>> {
  let names: string[];
  try {
    names = await fs.promises.readdir(folder);
  } catch {
    return new Map();
  }
  const files = new Map<number, string>();
  for (const name of names.sort()) {
    const match = /^(\d+)\.npy$/.exec(name);
    if (!match) continue;
    const epoch = Number(match[1]);
    const other = files.get(epoch);
    if (other !== undefined) {
      throw new FormatError({ file: folder, expected: 'one file per epoch', found: `${other} and ${name} for epoch ${epoch}` });
    }
    files.set(epoch, name);
  }
  return files;
}

/**
 * Removes weight files no model row points at: what a crash between writing a file and committing
 * its row leaves (and stray temporaries). Run it when the store opens, before work starts; files
 * this process is writing right now are left alone.
 */
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Store } from './database';
import { WEIGHTS_DIR } from './weights-paths';

/** `writeWeightsFile` names its temporaries `<file>.<pid>-<hex>.tmp`. */
const TEMP_SUFFIX = /\.\d+-[0-9a-f]+\.tmp$/;

export interface SweepReport {
  /** Removed files, relative to the data directory. */
  removed: string[];
  /** Weight files kept because a model row points at them. */
  kept: number;
}

async function entries(dir: string) {
  try {
    return await fsp.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Deletes every file under `<dataDir>/weights/<study>/` that no `models.weights_path` names, and
 * study folders left empty. Files directly under `weights/` are not Mnemo's and are left alone.
 * Returns what was removed.
 * Throws Error for a read-only store.
 */
export async function sweepOrphanWeights(store: Store): Promise<SweepReport> {
  if (store.connection.readOnly) throw new Error(`the orphan sweep needs a writable store; ${store.file} is open read-only`);
  const root = path.join(store.dataDir, WEIGHTS_DIR);
  const report: SweepReport = { removed: [], kept: 0 };
  for (const folder of await entries(root)) {
    if (!folder.isDirectory()) continue;
    // Read the references after listing the folder: a row committed meanwhile is then seen.
    const files = await entries(path.join(root, folder.name));
    const referenced = new Set(
      store.db
        .prepare<[string], string>('SELECT weights_path FROM models WHERE study_id = ? AND weights_path IS NOT NULL')
        .pluck()
        .all(folder.name),
    );
    let left = 0;
    for (const file of files) {
      const relative = `${WEIGHTS_DIR}/${folder.name}/${file.name}`;
      if (referenced.has(relative)) {
        report.kept++;
        left++;
      } else if (file.isFile() && !store.connection.weightsInFlight.has(relative.replace(TEMP_SUFFIX, ''))) {
        await fsp.rm(path.join(root, folder.name, file.name), { force: true });
        report.removed.push(relative);
      } else {
        left++;
      }
    }
    // A file created meanwhile makes rmdir fail with ENOTEMPTY; the folder is then simply kept.
    if (left === 0) await fsp.rmdir(path.join(root, folder.name)).catch(() => undefined);
  }
  return report;
}

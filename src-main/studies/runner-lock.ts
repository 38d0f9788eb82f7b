/**
 * One study runner per data directory: two processes claiming the same jobs, or one marking the
 * other's running studies as interrupted, would corrupt a study's story. The lock is a file holding
 * the owner's pid; a lock left by a dead process (a crash, kill -9) is taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MnemoError } from '../../src-shared/result';

export interface RunnerLock {
  release(): void;
  /** True when the previous owner died without releasing the lock. */
  tookOver: boolean;
}

/** Lock files this process holds (a second runner in the same process is refused too). */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the runner lock of `dataDir`.
 * @throws MnemoError('conflict') when another live process holds it.
 */
export function acquireRunnerLock(dataDir: string): RunnerLock {
  const file = path.join(dataDir, 'runner.lock');
  if (held.has(file)) {
    throw new MnemoError('conflict', `Another Mnemo (process ${process.pid}) is running studies from ${dataDir}: this process already runs them.`);
  }
  let tookOver = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), { flag: 'wx' });
      held.add(file);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(file);
        try {
          if (JSON.parse(fs.readFileSync(file, 'utf8')).pid === process.pid) fs.rmSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once('exit', release);
      return { release, tookOver };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: number | null = null;
      try {
        owner = Number(JSON.parse(fs.readFileSync(file, 'utf8')).pid);
      } catch {
        owner = null;
      }
      if (owner !== null && owner !== process.pid && alive(owner)) {
        throw new MnemoError(
          'conflict',
          `Another Mnemo (process ${owner}) is running studies from ${dataDir}. Use that workbench, wait for it to finish, or use another --data-dir.`,
        );
      }
      fs.rmSync(file, { force: true });
      tookOver = true;
    }
  }
  throw new MnemoError('conflict', `Could not take the runner lock ${file}.`);
}

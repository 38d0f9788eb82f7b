/** Reading and writing settings.json in the data directory; a damaged file is reported, never silently replaced. */
import fs from 'node:fs';
import path from 'node:path';
import { SettingsSchema, type Settings } from '../../src-shared/settings';
import { MnemoError } from '../../src-shared/result';
import { describeFieldErrors, fieldErrors } from '../../src-shared/validation';

export const SETTINGS_FILE = 'settings.json';

/** The settings of a data directory (defaults when the file does not exist). @throws MnemoError naming the file and fields when it is invalid. */
export function loadSettings(dataDir: string): Settings {
  const file = path.join(dataDir, SETTINGS_FILE);
  if (!fs.existsSync(file)) return SettingsSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MnemoError('invalid-request', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) throw new MnemoError('invalid-request', `${file}: ${describeFieldErrors(fieldErrors(parsed.error))}`, fieldErrors(parsed.error));
  return parsed.data;
}

/** Merges `changes` into the stored settings and writes them atomically. */
export function saveSettings(dataDir: string, changes: Partial<Settings>): Settings {
  const next = SettingsSchema.parse({ ...loadSettings(dataDir), ...changes });
  const file = path.join(dataDir, SETTINGS_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(next, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return next;
}

/** The backend and worker count to start with: environment first, then settings. */
export function engineChoice(settings: Settings, env: NodeJS.ProcessEnv = process.env): { backend: string | undefined; workers: number | undefined } {
  const backend = env.MNEMO_BACKEND ?? (settings.backend === 'auto' ? undefined : settings.backend);
  const workers = env.MNEMO_WORKERS !== undefined ? Number(env.MNEMO_WORKERS) : settings.workers > 0 ? settings.workers : undefined;
  return { backend, workers };
}

/** Workbench settings kept in the data directory (settings.json); environment variables override them. */
import { z } from 'zod';

export const SettingsSchema = z
  .object({
    /** The compute backend: 'auto' probes tensorflow-gpu → tensorflow → wasm → cpu (MNEMO_BACKEND overrides). */
    backend: z.enum(['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).default('auto'),
    /** Engine workers on CPU backends: 0 = one per core (MNEMO_WORKERS overrides). */
    workers: z.number().int().min(0).max(256).default(0),
  })
  .strict();

export type Settings = z.output<typeof SettingsSchema>;

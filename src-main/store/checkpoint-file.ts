/**
 * Mid-training checkpoints of one model: its weights, optimiser state and SWA average in a weights
 * file, and the loop's position in a JSON file written after it and naming its hash. A checkpoint
 * whose two halves disagree (a crash between the writes) is ignored: the model starts over.
 */
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { readWeightsFile, writeWeightsFile, type WeightsData } from './weights-file';

/** The checkpoint as the trainer hands it over (structurally the engine's TrainCheckpoint). */
export interface CheckpointData {
  epoch: number;
  steps: number;
  firstEpochLoss: number | null;
  history: unknown[];
  weights: WeightsData;
  optimizer: WeightsData;
  swa: WeightsData | null;
}

interface CheckpointMeta {
  version: 1;
  epoch: number;
  steps: number;
  firstEpochLoss: number | null;
  history: unknown[];
  sha256: string;
  bytes: number;
  counts: { weights: number; optimizer: number; swa: number | null };
}

const PARTS = ['weights', 'optimizer', 'swa'] as const;

/** Where a model's checkpoint lives (two files beside each other: .weights and .json). */
export function checkpointPath(dataDir: string, studyId: string, modelIdx: number): string {
  return path.join(dataDir, 'checkpoints', studyId, `${modelIdx}`);
}

/** Writes a checkpoint atomically (the tensors first, then the position that vouches for them). */
export async function writeCheckpoint(base: string, checkpoint: CheckpointData): Promise<void> {
  const all: WeightsData = { names: [], shapes: [], values: [] };
  for (const part of PARTS) {
    const data = checkpoint[part];
    if (!data) continue;
    data.names.forEach((name, i) => {
      all.names.push(`${part}:${name}`);
      all.shapes.push(data.shapes[i]!);
      all.values.push(data.values[i]!);
    });
  }
  const written = await writeWeightsFile(`${base}.weights`, all);
  const meta: CheckpointMeta = {
    version: 1,
    epoch: checkpoint.epoch,
    steps: checkpoint.steps,
    firstEpochLoss: checkpoint.firstEpochLoss,
    history: checkpoint.history,
    sha256: written.sha256,
    bytes: written.bytes,
    counts: { weights: checkpoint.weights.names.length, optimizer: checkpoint.optimizer.names.length, swa: checkpoint.swa?.names.length ?? null },
  };
  const temp = `${base}.json.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  await fsp.writeFile(temp, JSON.stringify(meta));
  await fsp.rename(temp, `${base}.json`);
}

/** The checkpoint at `base`, or null when there is none or its halves disagree. */
export async function readCheckpoint(base: string): Promise<CheckpointData | null> {
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(await fsp.readFile(`${base}.json`, 'utf8')) as CheckpointMeta;
  } catch {
    return null;
  }
  let all: WeightsData;
  try {
    all = await readWeightsFile(`${base}.weights`, { sha256: meta.sha256, bytes: meta.bytes });
  } catch {
    return null;
  }
  const part = (prefix: string): WeightsData => {
    const out: WeightsData = { names: [], shapes: [], values: [] };
    all.names.forEach((name, i) => {
      if (!name.startsWith(`${prefix}:`)) return;
      out.names.push(name.slice(prefix.length + 1));
      out.shapes.push(all.shapes[i]!);
      out.values.push(all.values[i]!);
    });
    return out;
  };
  return {
    epoch: meta.epoch,
    steps: meta.steps,
    firstEpochLoss: meta.firstEpochLoss,
    history: meta.history,
    weights: part('weights'),
    optimizer: part('optimizer'),
    swa: meta.counts.swa === null ? null : part('swa'),
  };
}

/** Removes a model's checkpoint (the model finished or was reset). */
export async function removeCheckpoint(base: string): Promise<void> {
  await Promise.all([fsp.rm(`${base}.json`, { force: true }), fsp.rm(`${base}.weights`, { force: true })]);
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointPath, readCheckpoint, removeCheckpoint, writeCheckpoint, type CheckpointData } from '../../../src-main/store';

const tensors = (name: string, values: number[]) => ({ names: [name], shapes: [[values.length]], values: [Float32Array.from(values)] });

const checkpoint: CheckpointData = {
  epoch: 3,
  steps: 120,
  firstEpochLoss: 2.3,
  history: [{ epoch: 1, loss: 2.3 }],
  weights: tensors('dense1.kernel', [1, 2, 3]),
  optimizer: tensors('dense1.kernel/velocity', [0.1, 0.2, 0.3]),
  swa: null,
};

describe('model checkpoints', () => {
  it('round-trips and is removed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-ckpt-'));
    const base = checkpointPath(dir, 'study-1', 4);
    expect(base).toBe(path.join(dir, 'checkpoints', 'study-1', '4'));
    expect(await readCheckpoint(base)).toBeNull();
    await writeCheckpoint(base, checkpoint);
    expect(await readCheckpoint(base)).toEqual(checkpoint);
    await writeCheckpoint(base, { ...checkpoint, epoch: 4, swa: tensors('dense1.kernel', [9, 9, 9]) });
    expect((await readCheckpoint(base))!.swa!.values[0]).toEqual(Float32Array.of(9, 9, 9));
    await removeCheckpoint(base);
    expect(fs.readdirSync(path.dirname(base))).toEqual([]);
  });

  it('ignores a checkpoint whose halves disagree (a crash between the two writes)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-ckpt-'));
    const base = checkpointPath(dir, 'study-1', 0);
    await writeCheckpoint(base, checkpoint);
    const meta = fs.readFileSync(`${base}.json`, 'utf8');
    await writeCheckpoint(base, { ...checkpoint, weights: tensors('dense1.kernel', [7, 7, 7]) });
    fs.writeFileSync(`${base}.json`, meta);
    expect(await readCheckpoint(base)).toBeNull();
  });
});

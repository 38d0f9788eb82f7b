import { describe, expect, it } from 'vitest';
import { DATASET_INFO, loadDataset } from '../../../../src-main/engine/data/registry';
import type { DatasetId } from '../../../../src-main/engine/data/types';

const IDS: DatasetId[] = ['digits', 'fashion-mnist', 'cifar10', 'cifar100', 'location30', 'purchase100', 'texas100', 'csv', 'subgroups'];

describe('dataset registry', () => {
  it('describes every dataset id', () => {
    expect(Object.keys(DATASET_INFO).sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(DATASET_INFO[id].description.length).toBeGreaterThan(20);
    expect(DATASET_INFO['fashion-mnist'].defaultPath).toBe('/usr/share/datasets/fashion-mnist');
  });

  it('dispatches to the loader and validates what comes back', async () => {
    const d = await loadDataset({ id: 'subgroups', options: { size: 40, classes: 4 } });
    expect(d).toMatchObject({ id: 'subgroups', size: 40, numClasses: 4 });
  });

  it.each(IDS.filter((id) => DATASET_INFO[id].needsPath))('%s without a path says what it needs', async (id) => {
    await expect(loadDataset({ id })).rejects.toThrow(/\(no path\): expected spec\.path: /);
  });

  it('refuses an unknown id', async () => {
    await expect(loadDataset({ id: 'imagenet' as DatasetId })).rejects.toThrow(/unknown dataset id "imagenet"/);
  });
});

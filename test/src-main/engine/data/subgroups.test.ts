import { describe, expect, it } from 'vitest';
import { loadSubgroups } from '../../../../src-main/engine/data/subgroups';

describe('subgroups synthetic dataset', () => {
  it('has the asked-for shape, balanced classes and the asked-for rarity', async () => {
    const d = await loadSubgroups({ id: 'subgroups', options: { classes: 5, dim: 8, size: 1003, subgroupsPerClass: 3, rarity: 0.1 } });
    expect(d).toMatchObject({ kind: 'tabular', shape: [8], size: 1003, numClasses: 5, scale: 1, binaryFeatures: false });
    expect(d.features).toBeInstanceOf(Float32Array);
    const perClass = new Array(5).fill(0);
    const rarePerClass = new Array(5).fill(0);
    for (let i = 0; i < d.size; i++) {
      perClass[d.labels[i]!]++;
      if (d.meta?.atypical?.[i]) rarePerClass[d.labels[i]!]++;
      expect(d.meta?.atypical?.[i] === 1).toBe((d.meta?.subgroup?.[i] ?? -1) >= 0);
    }
    expect(perClass).toEqual([201, 201, 201, 200, 200]);
    expect(rarePerClass).toEqual([20, 20, 20, 20, 20]); // round(0.1 · 201) = round(0.1 · 200) = 20
    expect(d.source).toBe('synthetic:subgroups(classes=5,dim=8,size=1003,subgroupsPerClass=3,rarity=0.1,separation=3,seed=0)');
  });

  it('is deterministic per seed and differs across seeds; classes are not stored in order', async () => {
    const a = await loadSubgroups({ id: 'subgroups', seed: 4 });
    const b = await loadSubgroups({ id: 'subgroups', options: { seed: 4 } });
    const c = await loadSubgroups({ id: 'subgroups', seed: 5 });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(a.size).toBe(4000);
    expect(Array.from(a.labels.subarray(0, 50)).some((l) => l !== a.labels[0])).toBe(true);
  });

  it('puts atypical sub-clusters far from their class cluster: distances scale with separation', async () => {
    const d = await loadSubgroups({ id: 'subgroups', options: { classes: 2, dim: 64, size: 2000, subgroupsPerClass: 2, rarity: 0.1, separation: 3, seed: 1 } });
    const dim = 64;
    const mean = (pick: (i: number) => boolean) => {
      const m = new Float64Array(dim);
      let n = 0;
      for (let i = 0; i < d.size; i++) {
        if (!pick(i)) continue;
        n++;
        for (let k = 0; k < dim; k++) m[k]! += d.features[i * dim + k]!;
      }
      return m.map((v) => v / n);
    };
    const typical = mean((i) => d.labels[i] === 0 && d.meta!.atypical![i] === 0);
    const rare = mean((i) => d.labels[i] === 0 && d.meta!.subgroup![i] === 0);
    const gap = Math.hypot(...typical.map((v, k) => v - rare[k]!));
    // centres are 3·z apart: ‖Δ‖ ≈ 3·√(2·64) ≈ 34; a sample sits ≈ √64 = 8 from its centre
    expect(gap).toBeGreaterThan(25);
    expect(gap).toBeLessThan(45);
    let spread = 0;
    let n = 0;
    for (let i = 0; i < d.size; i++) {
      if (d.labels[i] !== 0 || d.meta!.atypical![i] !== 0) continue;
      spread += Math.hypot(...Array.from({ length: dim }, (_, k) => d.features[i * dim + k]! - typical[k]!));
      n++;
    }
    expect(spread / n).toBeGreaterThan(7);
    expect(spread / n).toBeLessThan(9);
  });

  it('refuses options out of range', async () => {
    await expect(loadSubgroups({ id: 'subgroups', options: { rarity: 1 } })).rejects.toThrow(/option rarity/);
    await expect(loadSubgroups({ id: 'subgroups', options: { classes: 10, size: 5 } })).rejects.toThrow(/option size: size must be at least classes/);
    await expect(loadSubgroups({ id: 'subgroups', options: { colour: 1 } })).rejects.toThrow(/option colour/);
  });
});

import { describe, expect, it } from 'vitest';
import type { InfluenceResult, MemorizationResult } from '../../../src-shared/analysis';
import { influenceText, memorizationText } from '../../../src-main/cli/study-results';

const ms = (mean: number, std: number) => ({ mean, std, n: 4 });

describe('study results text', () => {
  it('prints memorization bins with samples, leakage and OUT accuracy, and the most memorised samples first', () => {
    const result: MemorizationResult = {
      label: 'mem@r=0.5',
      models: 8,
      fpr: 0.001,
      bins: [
        { bin: 0, lower: -1, upper: 0, count: 3, tpr: ms(0.01, 0.005), outAccuracy: 1 },
        { bin: 1, lower: 0, upper: 0.05, count: 0, tpr: ms(NaN, NaN), outAccuracy: NaN },
        { bin: 20, lower: 0.95, upper: 1, count: 2, tpr: ms(0.5, 0.1), outAccuracy: 0 },
      ],
      undefinedCount: 1,
      mean: 0.4,
      highlyMemorized: 2,
    };
    const text = memorizationText(result, Float32Array.from([0, 0.97, NaN, 0, 1, 0]), 2);
    const lines = text.split('\n');
    expect(lines[0]).toBe('Memorization (mem@r=0.5, 8 models): mean 0.400; 2 samples above 0.25; 1 without an estimate');
    expect(lines.some((l) => /^mem ≤ 0\s+3\s+1\.00 ± 0\.50\s+100\.0$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\(0\.95, 1\.00\]\s+2\s+50\.00 ± 10\.00\s+0\.0$/.test(l))).toBe(true);
    // Empty bins are left out.
    expect(text).not.toContain('(0.00, 0.05]');
    expect(lines.at(-1)).toBe('Most memorised: #4 (1.00), #1 (0.97)');
  });

  it('prints held-out accuracy per influence-entropy bucket', () => {
    const result: InfluenceResult = { testPoints: 10, threshold: 0.15, entropyOver: 'examples', noInfluencer: 4, buckets: [{ bucket: 1, count: 2, accuracy: 0.5 }, { bucket: 5, count: 8, accuracy: 1 }] };
    const text = influenceText(result);
    expect(text.split('\n')[0]).toBe('Influence-entropy buckets (10 held-out points, threshold 0.15, entropy over examples; 4 without an influencer):');
    expect(text).toMatch(/^1\s+2\s+50\.0$/m);
    expect(text).toMatch(/^5\s+8\s+100\.0$/m);
  });
});

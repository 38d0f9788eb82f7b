import { describe, expect, it } from 'vitest';
import { belowFloorCount, describePgd, formatPixelBudget, metricCards } from '../../../../src-renderer/views/study/metric-cards';
import { analysis, attack, detail } from './fixtures';

describe('metricCards', () => {
  it('shows accuracy over models and LiRA over targets with ± and units', () => {
    const cards = metricCards(detail(), analysis([attack('lira', 'LiRA')]));
    const byKey = Object.fromEntries(cards.map((c) => [c.key, c]));
    expect(Object.keys(byKey)).toEqual(['natural', 'robust', 'tpr-0.01', 'tpr-0.001', 'tpr-0.00001', 'auc']);
    expect(byKey.natural!.value).toBe('93.4 ± 0.6 %');
    expect(byKey.natural!.sub).toBe('mean ± std over 4 models');
    expect(byKey.robust!.value).toBe('41.0 ± 2.0 %');
    expect(byKey.robust!.sub).toBe('PGD-2 L∞ ε = 8/255, step 2/255, random start; ≤ 20 samples per model');
    expect(byKey['tpr-0.001']!.label).toBe('LiRA TPR @ 0.1% FPR');
    expect(byKey['tpr-0.001']!.value).toBe('1.00 ± 0.20 %');
    expect(byKey['tpr-0.001']!.flag).toBeNull();
    expect(byKey['tpr-0.00001']!.label).toBe('LiRA TPR @ 0.001% FPR');
    expect(byKey['tpr-0.00001']!.flag).toMatch(/^below resolution/);
    expect(byKey.auc!.value).toBe('0.600 ± 0.010');
    expect(byKey.auc!.sub).toBe('mean ± std over 2 targets');
  });

  it('says how many targets are below resolution when only some are', () => {
    const lira = attack('lira', 'LiRA');
    lira.targets[1]!.tpr[2]!.belowFloor = false;
    expect(belowFloorCount(lira, 0.00001)).toEqual({ below: 1, of: 2 });
    const card = metricCards(detail(), analysis([lira])).find((c) => c.key === 'tpr-0.00001')!;
    expect(card.flag).toBe('below resolution for 1 of 2 targets');
  });

  it('adds ε for DP-SGD and calls it vacuous above 10³', () => {
    const dp = { method: { update: { kind: 'dp-sgd', noiseMultiplier: 0.05, clipNorm: 10 } } };
    const summary = { naturalAccuracy: null, robustAccuracy: null, attack: null, auc: null, tpr: {}, epsilon: 4821.3, delta: 1e-5 };
    const card = metricCards(detail(dp, { summary }), null).find((c) => c.key === 'epsilon')!;
    expect(card.value).toBe('4.82e+3');
    expect(card.sub).toBe('at δ = 0.00001; σ = 0.05, C = 10');
    expect(card.flag).toMatch(/^vacuous/);
    const small = metricCards(detail(dp, { summary: { ...summary, epsilon: 3.456 } }), null).find((c) => c.key === 'epsilon')!;
    expect(small.value).toBe('3.46');
    expect(small.flag).toBeNull();
    expect(metricCards(detail(), null).some((c) => c.key === 'epsilon')).toBe(false);
  });

  it('falls back to the stored summary before the analysis, and to a dash without one', () => {
    const cards = metricCards(detail({}, { status: 'running' }), null);
    expect(cards.find((c) => c.key === 'natural')!.value).toBe('—');
    expect(cards.find((c) => c.key === 'natural')!.sub).toBe('not measured yet');
    expect(cards.map((c) => c.key)).toContain('tpr-0.001');
  });

  it('says when robust accuracy is not evaluated', () => {
    const card = metricCards(detail({ robust: { enabled: false } }), null).find((c) => c.key === 'robust')!;
    expect(card.sub).toBe('robust evaluation is off for this study');
  });
});

describe('describePgd and formatPixelBudget', () => {
  it('writes budgets in 1/255 steps where they are whole', () => {
    expect(formatPixelBudget(8 / 255)).toBe('8/255');
    expect(formatPixelBudget(0.5)).toBe('0.5');
    expect(formatPixelBudget(0)).toBe('0');
    expect(describePgd({ enabled: true, norm: 'l2', epsilon: 0.5, stepSize: 0.1, steps: 10, randomStart: false, restarts: 3, maxSamples: 5 })).toBe('PGD-10 L2 ε = 0.5, step 0.1, 3 restarts');
  });
});

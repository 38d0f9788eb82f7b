import { describe, expect, it } from 'vitest';
import { attackCsv, attackFprs, attackRows, cell, tprTitle } from '../../../../src-renderer/views/study/attack-rows';
import { attack } from './fixtures';

describe('attackRows', () => {
  it('orders attacks LiRA first and lines the TPR columns up with the FPRs', () => {
    const loss = attack('loss', 'Loss threshold', { notes: ['per-class thresholds'] });
    loss.summary.attackAccuracy = { mean: 0.52, std: 0.01, n: 2 };
    const attacks = [loss, attack('lira', 'LiRA')];
    const fprs = attackFprs(attacks);
    expect(fprs).toEqual([0.01, 0.001, 0.00001]);
    const rows = attackRows(attacks, fprs);
    expect(rows.map((r) => r.kind)).toEqual(['lira', 'loss']);
    expect(rows[1]!.tpr.map((t) => t?.mean)).toEqual([0.05, 0.01, 0.002]);
    expect(cell(rows[1]!.tpr[1]!, true)).toBe('1.00 ± 0.20');
    expect(cell(rows[0]!.auc, false)).toBe('0.600 ± 0.010');
    expect(cell(rows[0]!.attackAccuracy, true)).toBe('—');
    expect(tprTitle(0.001)).toBe('TPR @ 0.1% FPR');

    const csv = attackCsv(rows, fprs);
    expect(csv.header.slice(0, 7)).toEqual(['attack', 'label', 'targets', 'auc_mean', 'auc_std', 'tpr_at_0.01_mean', 'tpr_at_0.01_std']);
    expect(csv.rows[1]).toEqual(['loss', 'Loss threshold', 2, 0.6, 0.01, 0.05, 0.004, 0.01, 0.002, 0.002, 0.001, 0.52, 0.01, 0.55, 0.02, 'per-class thresholds']);
    expect(csv.rows[0]![11]).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { membershipOutcome } from '../../../src-main/attacks/baseline-outcome';

describe('membershipOutcome', () => {
  it('counts TPR, TNR, accuracy and balanced accuracy', () => {
    const isMember = Uint8Array.from([1, 1, 1, 0, 0]);
    const predictions = Uint8Array.from([1, 1, 0, 1, 0]);
    const outcome = membershipOutcome(predictions, new Float64Array(5), isMember);
    expect(outcome).toMatchObject({ members: 3, nonMembers: 2, tpr: 2 / 3, tnr: 0.5, accuracy: 0.6 });
    expect(outcome.balancedAccuracy).toBeCloseTo(0.5 * (2 / 3 + 0.5), 15);
  });

  it('gives NaN rates for an absent side and rejects mismatched lengths', () => {
    const outcome = membershipOutcome(Uint8Array.of(1), Float64Array.of(1), Uint8Array.of(1));
    expect(outcome.tpr).toBe(1);
    expect(outcome.tnr).toBeNaN();
    expect(() => membershipOutcome(Uint8Array.of(1), new Float64Array(2), Uint8Array.of(1))).toThrow(/differ in length/);
  });
});

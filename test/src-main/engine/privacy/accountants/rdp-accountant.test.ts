import { describe, expect, it } from 'vitest';
import { RdpAccountant } from '../../../../../src-main/engine/privacy/accountants/rdp-accountant';

describe('RdpAccountant', () => {
  it('reproduces the Opacus docstring example from a recorded history', () => {
    const accountant = new RdpAccountant();
    for (let k = 0; k < 10; k++) accountant.step(1e-5, 1.0);
    accountant.step(1e-4, 3.0, 4);
    expect(accountant.history).toEqual([
      { sampleRate: 1e-5, noiseMultiplier: 1.0, steps: 10 },
      { sampleRate: 1e-4, noiseMultiplier: 3.0, steps: 4 },
    ]);
    expect(accountant.totalSteps).toBe(14);
    const orders = Array.from({ length: 31 }, (_, k) => k + 2);
    const result = accountant.getEpsilon(1e-5, orders);
    expect(result.epsilon).toBeCloseTo(0.336344, 6);
    expect(result.order).toBe(23);
  });

  it('gives ε(q = 0.01, σ = 1, 1000 steps, δ = 1e-5) = 2.101365 with default orders', () => {
    const accountant = new RdpAccountant();
    accountant.step(0.01, 1.0, 1000);
    expect(accountant.getEpsilon(1e-5).epsilon).toBeCloseTo(2.101365, 6);
    expect(accountant.getEpsilon(1e-5, undefined, 'mironov2017').epsilon).toBeCloseTo(2.537983, 6);
  });

  it('starts at ε = 0 and rejects bad step counts', () => {
    const accountant = new RdpAccountant();
    expect(accountant.getEpsilon(1e-5).epsilon).toBe(0);
    expect(() => accountant.step(0.01, 1, -1)).toThrow(/steps/);
    expect(() => accountant.step(0.01, 1, 1.5)).toThrow(/steps/);
  });

  it('does not expose its history for mutation', () => {
    const accountant = new RdpAccountant();
    accountant.step(0.01, 1, 5);
    accountant.history[0]!.steps = 1000;
    expect(accountant.totalSteps).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('mnemo privacy', () => {
  it('computes ε like Opacus (SCIENCE.md §9.4) and prints JSON with epsilon and order', async () => {
    const { code, stdout } = await runCli(['privacy', 'epsilon', '--sample-rate', '0.01', '--noise-multiplier', '1', '--steps', '1000', '--delta', '1e-5', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.epsilon).toBeCloseTo(2.101365, 6);
    expect(result.order).toBe(7.8);
    expect(result.vacuous).toBe(false);
  });

  it('never prints a vacuous ε as a bare number', async () => {
    const { stdout } = await runCli(['privacy', 'epsilon', '--sample-rate', String(256 / 30000), '--noise-multiplier', '0.05', '--steps', '15234', '--delta', '1e-5']);
    expect(stdout).toContain('vacuous (> 10^6)');
    expect(stdout).not.toMatch(/ε = \d/);
  });

  it('inverts the accountant: the noise multiplier for a target ε', async () => {
    const { code, stdout } = await runCli(['privacy', 'noise', '--target-epsilon', '2.101365', '--sample-rate', '0.01', '--steps', '1000', '--delta', '1e-5', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.noiseMultiplier).toBeGreaterThan(0.99);
    expect(result.noiseMultiplier).toBeLessThan(1.01);
    expect(result.epsilon).toBeLessThanOrEqual(2.101365);
  });

  it('names a wrong or missing flag and exits with 2', async () => {
    const wrong = await runCli(['privacy', 'epsilon', '--sample-rate', '2', '--noise-multiplier', '1', '--steps', '10', '--delta', '1e-5']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--sample-rate must be a rate in (0, 1], got "2"');
    const missing = await runCli(['privacy', 'epsilon', '--sample-rate', '0.1', '--steps', '10', '--delta', '1e-5']);
    expect(missing.stderr).toContain('--noise-multiplier is required');
    const unknown = await runCli(['privacy', 'epsilon', '--sigma', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--sigma/);
  });
});

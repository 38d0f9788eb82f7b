/** The normalisation layer an architecture asks for, GroupNorm sized as Opacus' fix does. */
import type { Rng } from '../../../math/prng';
import type { Module } from '../module';
import { BatchNorm, GroupNorm } from '../layers/normalization';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** BatchNorm, GroupNorm(gcd(32, C), C) (as Opacus' ModuleValidator.fix), or nothing. */
export function normLayer(kind: 'none' | 'batch' | 'group', name: string, shape: number[], rng: Rng): Module[] {
  if (kind === 'none') return [];
  if (kind === 'batch') return [new BatchNorm(name, shape, rng)];
  return [new GroupNorm(name, shape, gcd(32, shape[shape.length - 1]!), rng)];
}

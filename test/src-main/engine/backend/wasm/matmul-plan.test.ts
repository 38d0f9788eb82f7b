import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directPlan, PACK_COST, planMatMul, swappedPlan, TRANSPOSE_COST, type MatMulShape } from '../../../../../src-main/engine/backend/wasm/matmul-plan';

const shape = (m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): MatMulShape => ({ m, k, n, transposeA, transposeB, batchA: 1, batchB: 1 });

describe('planMatMul', () => {
  it('runs untransposed products directly (the packed weights may be cached by XNNPACK)', () => {
    expect(planMatMul(shape(1, 4096, 4096, false, false)).swap).toBe(false);
  });

  it('computes a dense layer\'s input gradient dy·Wᵀ transposed: packs dyᵀ (128×1024) instead of Wᵀ (600×1024)', () => {
    // dx = dy[128,1024] · W[600,1024]ᵀ: direct transposes and packs W; swapped uses W as stored.
    const plan = planMatMul(shape(128, 1024, 600, false, true));
    expect(plan).toMatchObject({ swap: true, transposeA: true, transposeB: false });
    expect(plan.cost).toBe((128 * 1024 * (TRANSPOSE_COST + PACK_COST) + 128 * 600 * TRANSPOSE_COST));
  });

  it('computes a weight gradient xᵀ·dy directly: transposes x, packs dy', () => {
    expect(planMatMul(shape(600, 128, 1024, true, false))).toMatchObject({ swap: false, transposeA: true, transposeB: false });
  });

  it('uses both operands as stored when both are transposed and the output is small', () => {
    expect(planMatMul(shape(64, 512, 64, true, true))).toMatchObject({ swap: true, transposeA: false, transposeB: false });
  });

  it('always picks the cheaper of the two plans, and flips every flag when swapping', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2048 }), fc.integer({ min: 1, max: 2048 }), fc.integer({ min: 1, max: 2048 }),
        fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }),
        (m, k, n, ta, tb, batchA, batchB) => {
          const s = { m, k, n, transposeA: ta, transposeB: tb, batchA, batchB };
          const plan = planMatMul(s);
          const direct = directPlan(s);
          const swapped = swappedPlan(s);
          if (!ta && !tb) expect(plan).toEqual(direct);
          else expect(plan.cost).toBe(Math.min(direct.cost, swapped.cost));
          expect(swapped.transposeA).toBe(!ta);
          expect(swapped.transposeB).toBe(!tb);
          expect(direct.transposeA).toBe(ta);
          expect(direct.transposeB).toBe(tb);
        },
      ),
    );
  });
});

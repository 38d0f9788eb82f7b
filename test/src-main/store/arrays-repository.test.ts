import { describe, expect, it } from 'vitest';
import { CorruptDataError } from '../../../src-main/store/errors';
import { createStudy } from '../../../src-main/store/study-creation';
import { floats, studyConfig } from './store-fixtures';
import { useStore } from './store-harness';

const harness = useStore();

function study(models = 3): string {
  return createStudy(harness.current(), { config: studyConfig(), modelSeeds: Array.from({ length: models }, (_, i) => i) }).study.id;
}

describe('ArraysRepository', () => {
  it('stores study-level and model-level arrays and reads the same typed arrays back', () => {
    const store = harness.current();
    const id = study();
    const phi = floats(12, 1);
    store.arrays.put(id, null, [
      { name: 'sample_indices', data: Int32Array.of(5, -1, 2 ** 31 - 1) },
      { name: 'scores:lira:target=3', data: Float64Array.of(0.1, NaN, -Infinity) },
    ]);
    store.arrays.put(id, 1, [{ name: 'phi', data: phi, shape: [6, 2] }]);
    const indices = store.arrays.require(id, null, 'sample_indices');
    expect(indices).toMatchObject({ dtype: 'i32', length: 3, shape: [3], modelIdx: null });
    expect(indices.data).toEqual(Int32Array.of(5, -1, 2 ** 31 - 1));
    expect(store.arrays.require(id, null, 'scores:lira:target=3').data).toEqual(Float64Array.of(0.1, NaN, -Infinity));
    const back = store.arrays.require(id, 1, 'phi');
    expect(back.data).toBeInstanceOf(Float32Array);
    expect(back.data).toEqual(phi);
    expect(back.shape).toEqual([6, 2]);
    expect(store.arrays.get(id, 0, 'phi')).toBeNull();
    expect(store.arrays.get(id, null, 'phi')).toBeNull();
  });

  it('keeps one study-level array per name (NULL model index included) and replaces on put', () => {
    const store = harness.current();
    const id = study();
    store.arrays.put(id, null, [{ name: 'labels', data: Uint16Array.of(1, 2) }]);
    store.arrays.put(id, null, [{ name: 'labels', data: Uint16Array.of(3, 4, 5) }]);
    expect(store.arrays.list(id, null)).toEqual([{ studyId: id, modelIdx: null, name: 'labels', dtype: 'u16', length: 3, shape: [3] }]);
    expect(() => store.db.prepare("INSERT INTO arrays (study_id, model_idx, name, dtype, length, shape, data) VALUES (?, NULL, 'labels', 'u8', 0, '[0]', x'')").run(id)).toThrow(/UNIQUE/);
  });

  it('lists descriptions and reads one array across all models in index order', () => {
    const store = harness.current();
    const id = study(3);
    for (const m of [2, 0]) store.arrays.put(id, m, [{ name: 'phi', data: Float32Array.of(m, m + 0.5) }, { name: 'correct', data: Uint8Array.of(1, 0) }]);
    store.arrays.put(id, null, [{ name: 'keep', data: new Uint8Array(6), shape: [3, 2] }]);
    expect(store.arrays.forAllModels(id, 'phi').map((a) => [a.modelIdx, [...a.data]])).toEqual([
      [0, [0, 0.5]],
      [2, [2, 2.5]],
    ]);
    expect(store.arrays.list(id).map((a) => `${a.modelIdx}:${a.name}`)).toEqual(['null:keep', '0:correct', '0:phi', '2:correct', '2:phi']);
    expect(store.arrays.list(id, 2).map((a) => a.name)).toEqual(['correct', 'phi']);
    expect(store.arrays.delete(id, 2, 'phi')).toBe(true);
    expect(store.arrays.delete(id, 2, 'phi')).toBe(false);
  });

  it('refuses bad input, naming the study, model and array, and writes none of it', () => {
    const store = harness.current();
    const id = study(2);
    expect(() => store.arrays.put(id, 0, [{ name: 'phi', data: new Float32Array(5), shape: [2, 2] }])).toThrow(
      `array "phi" of model 0 of study "${id}" has shape [2,2] (4 values) but 5 values`,
    );
    expect(() => store.arrays.put(id, 0, [{ name: 'x', data: new Int8Array(2) as unknown as Uint8Array }])).toThrow('is a Int8Array');
    expect(() => store.arrays.put(id, 0, [{ name: 'a', data: new Uint8Array(1) }, { name: 'a', data: new Uint8Array(1) }])).toThrow('is given twice');
    expect(() => store.arrays.put(id, 7, [{ name: 'phi', data: new Float32Array(1) }])).toThrow(`Study "${id}" has no model 7.`);
    expect(() => store.arrays.put('missing', null, [{ name: 'phi', data: new Float32Array(1) }])).toThrow('There is no study "missing".');
    expect(() => store.arrays.require(id, 1, 'phi')).toThrow(`There is no array "phi" of model 1 of study "${id}".`);
    expect(store.arrays.list(id)).toEqual([]);
  });

  it('names the array when a stored BLOB disagrees with its row', () => {
    const store = harness.current();
    const id = study(1);
    store.arrays.put(id, 0, [{ name: 'phi', data: new Float32Array(4) }]);
    store.db.pragma('ignore_check_constraints = ON');
    store.db.prepare("UPDATE arrays SET data = zeroblob(10) WHERE name = 'phi'").run();
    store.db.pragma('ignore_check_constraints = OFF');
    expect(() => store.arrays.get(id, 0, 'phi')).toThrow(CorruptDataError);
    expect(() => store.arrays.get(id, 0, 'phi')).toThrow(`array "phi" of model 0 of study "${id}" holds 10 bytes; its row says 4 × f32 = 16 bytes`);
  });

  it('rejects a BLOB whose size does not match at write time too (CHECK constraint)', () => {
    const store = harness.current();
    const id = study(1);
    expect(() => store.db.prepare("INSERT INTO arrays (study_id, model_idx, name, dtype, length, shape, data) VALUES (?, 0, 'x', 'f64', 2, '[2]', zeroblob(8))").run(id)).toThrow(/CHECK/);
  });
});

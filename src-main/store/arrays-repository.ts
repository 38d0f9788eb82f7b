/**
 * The `arrays` table: per-sample typed arrays as BLOBs, keyed by (study, model index or null for
 * study-level arrays, name). Examples: study-level 'keep' (u8, K×S), 'sample_indices', 'labels',
 * 'scores:lira:target=3'; model-level 'phi' (f32, S×A), 'log_prob', 'correct', 'predicted'.
 */
import { MnemoError } from '../../src-shared/result';
import { decodeArray, dtypeOf, encodeArray, type ArrayDtype, type StoredArray } from './blob-codec';
import type { Connection } from './connection';
import { fromJson } from './json-columns';
import { modelNotFound, studyNotFound } from './not-found';

/** An array to store; `shape` defaults to `[data.length]` and must multiply out to it. */
export interface ArrayInput {
  name: string;
  data: StoredArray;
  shape?: readonly number[];
}

/** A stored array's description, without its data. */
export interface ArrayInfo {
  studyId: string;
  /** null for a study-level array. */
  modelIdx: number | null;
  name: string;
  dtype: ArrayDtype;
  length: number;
  shape: number[];
}

export interface ArrayRecord extends ArrayInfo {
  data: StoredArray;
}

interface ArrayRow {
  study_id: string;
  model_idx: number | null;
  name: string;
  dtype: ArrayDtype;
  length: number;
  shape: string;
  data?: Buffer;
}

function describe(studyId: string, modelIdx: number | null, name: string): string {
  return modelIdx === null ? `array "${name}" of study "${studyId}"` : `array "${name}" of model ${modelIdx} of study "${studyId}"`;
}

function mapInfo(row: ArrayRow): ArrayInfo {
  const where = describe(row.study_id, row.model_idx, row.name);
  return { studyId: row.study_id, modelIdx: row.model_idx, name: row.name, dtype: row.dtype, length: row.length, shape: fromJson<number[]>(row.shape, `the shape of ${where}`) };
}

function mapRecord(row: ArrayRow): ArrayRecord {
  const info = mapInfo(row);
  return { ...info, data: decodeArray(row.data!, row.dtype, row.length, describe(row.study_id, row.model_idx, row.name)) };
}

/**
 * Checks an array before it is written: a name, a supported typed array, a shape that fits.
 * Throws RangeError / TypeError naming the array.
 */
function checkedInput(studyId: string, modelIdx: number | null, input: ArrayInput): { dtype: ArrayDtype; shape: number[] } {
  if (typeof input.name !== 'string' || input.name.length === 0) throw new RangeError(`an array of study "${studyId}" has no name`);
  const where = describe(studyId, modelIdx, input.name);
  const dtype = dtypeOf(input.data, where);
  const shape = input.shape ? [...input.shape] : [input.data.length];
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new RangeError(`${where} has shape [${shape}]; dimensions must be whole numbers ≥ 0`);
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== input.data.length) throw new RangeError(`${where} has shape [${shape}] (${count} values) but ${input.data.length} values`);
  return { dtype, shape };
}

/**
 * Checks a set of arrays before anything is written: names given once, supported typed arrays,
 * shapes that multiply out to the lengths.
 * Throws RangeError / TypeError naming the study, model and array.
 */
export function validateArrays(studyId: string, modelIdx: number | null, inputs: readonly ArrayInput[]): void {
  const seen = new Set<string>();
  for (const input of inputs) {
    checkedInput(studyId, modelIdx, input);
    if (seen.has(input.name)) throw new RangeError(`${describe(studyId, modelIdx, input.name)} is given twice`);
    seen.add(input.name);
  }
}

// Written to match the unique expression index arrays_key, so a lookup is one index probe.
const KEY = 'study_id = ? AND ifnull(model_idx, -1) = ifnull(?, -1) AND name = ?';

export class ArraysRepository {
  constructor(private readonly conn: Connection) {}

  /**
   * Writes arrays without checking that the study or model exists (the foreign keys still do);
   * for callers already inside a write transaction that have checked. Replaces arrays of the same name.
   */
  writeRows(studyId: string, modelIdx: number | null, inputs: readonly ArrayInput[]): void {
    validateArrays(studyId, modelIdx, inputs);
    const upsert = this.conn.db.prepare(
      `INSERT INTO arrays (study_id, model_idx, name, dtype, length, shape, data) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (study_id, ifnull(model_idx, -1), name)
       DO UPDATE SET dtype = excluded.dtype, length = excluded.length, shape = excluded.shape, data = excluded.data`,
    );
    inputs.forEach((input) => {
      const { dtype, shape } = checkedInput(studyId, modelIdx, input);
      upsert.run(studyId, modelIdx, input.name, dtype, input.data.length, JSON.stringify(shape), encodeArray(input.data));
    });
  }

  /**
   * Stores arrays of a study (`modelIdx` null) or of one of its models, replacing same-named ones,
   * in one transaction.
   * Throws MnemoError('not-found') for a missing study or model; RangeError/TypeError for a bad array.
   */
  put(studyId: string, modelIdx: number | null, inputs: readonly ArrayInput[]): void {
    this.conn.write(`store arrays of study "${studyId}"`, () => {
      if (!this.conn.db.prepare('SELECT 1 FROM studies WHERE id = ?').get(studyId)) throw studyNotFound(studyId);
      if (modelIdx !== null && !this.conn.db.prepare('SELECT 1 FROM models WHERE study_id = ? AND idx = ?').get(studyId, modelIdx)) {
        throw modelNotFound(studyId, modelIdx);
      }
      this.writeRows(studyId, modelIdx, inputs);
    });
  }

  /** One array with its data, or null. Throws CorruptDataError when its bytes disagree with its row. */
  get(studyId: string, modelIdx: number | null, name: string): ArrayRecord | null {
    const row = this.conn.db.prepare<[string, number | null, string], ArrayRow>(`SELECT * FROM arrays WHERE ${KEY}`).get(studyId, modelIdx, name);
    return row ? mapRecord(row) : null;
  }

  /** One array. Throws MnemoError('not-found') naming study, model and array. */
  require(studyId: string, modelIdx: number | null, name: string): ArrayRecord {
    const record = this.get(studyId, modelIdx, name);
    if (!record) throw new MnemoError('not-found', `There is no ${describe(studyId, modelIdx, name)}.`);
    return record;
  }

  /**
   * Descriptions (no data) of a study's arrays: all of them, or only the study-level ones
   * (`modelIdx` null) or one model's. Ordered by model index (study-level first), then name.
   */
  list(studyId: string, modelIdx?: number | null): ArrayInfo[] {
    const columns = 'study_id, model_idx, name, dtype, length, shape';
    const rows =
      modelIdx === undefined
        ? this.conn.db.prepare<[string], ArrayRow>(`SELECT ${columns} FROM arrays WHERE study_id = ? ORDER BY model_idx IS NOT NULL, model_idx, name`).all(studyId)
        : this.conn.db.prepare<[string, number | null], ArrayRow>(`SELECT ${columns} FROM arrays WHERE study_id = ? AND model_idx IS ? ORDER BY name`).all(studyId, modelIdx);
    return rows.map(mapInfo);
  }

  /** The array `name` of every model of a study that has it, in model index order (e.g. all 'phi'). */
  forAllModels(studyId: string, name: string): ArrayRecord[] {
    return this.conn.db
      .prepare<[string, string], ArrayRow>('SELECT * FROM arrays WHERE study_id = ? AND model_idx IS NOT NULL AND name = ? ORDER BY model_idx')
      .all(studyId, name)
      .map(mapRecord);
  }

  /** Deletes one array. Returns false when there was none. */
  delete(studyId: string, modelIdx: number | null, name: string): boolean {
    return this.conn.write(`delete ${describe(studyId, modelIdx, name)}`, () => this.conn.db.prepare(`DELETE FROM arrays WHERE ${KEY}`).run(studyId, modelIdx, name).changes > 0);
  }
}

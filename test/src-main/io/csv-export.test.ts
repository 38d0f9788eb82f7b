import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { writeColumnsCsv, writeEpochsCsv, writeModelsCsv, writeRocCsv, writeStudiesCsv, type CsvColumn } from '../../../src-main/io/csv-export';
import { escapeText, formatFloat32, formatFloat64, formatInt } from '../../../src-main/io/csv-format';
import { openStore } from '../../../src-main/store/database';
import { recordModelResult } from '../../../src-main/store/model-result';
import { createStudy } from '../../../src-main/store/study-creation';
import { fakeResult, studyConfig } from '../store/store-fixtures';
import { parseRfc4180 } from './rfc4180';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-csv-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A Writable that keeps what it is given, with a tiny buffer so backpressure is exercised. */
class Collect extends Writable {
  chunks: Buffer[] = [];
  constructor() {
    super({ highWaterMark: 16 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    setImmediate(done);
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function columnsCsv(columns: CsvColumn[]): Promise<string> {
  const out = new Collect();
  await writeColumnsCsv(out, columns);
  return out.text;
}

/** Significant digits of a number written in JavaScript syntax. */
function significantDigits(text: string): number {
  return Number(text).toExponential().split('e')[0]!.replace(/[-.]/g, '').length;
}

/**
 * The fewest significant digits of a decimal that reads back to the float32 `v`, by brute force:
 * at each digit count, every p-digit decimal within two steps of v (and the finer ones just below
 * a power of ten) is tried.
 */
function shortestDigitsOracle(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const [mantissa, exponent] = v.toExponential(p - 1).split('e') as [string, string];
    const m = Number(mantissa.replace('.', ''));
    const e = Number(exponent) - (p - 1);
    const candidates = [-2, -1, 0, 1, 2].map((d) => `${m + d}e${e}`);
    for (let d = -2; d <= 2; d++) candidates.push(`${Math.sign(m) * (10 ** p - 1) + d}e${e - 1}`);
    if (candidates.some((c) => Math.fround(Number(c)) === v && significantDigits(String(Number(c))) <= p)) return p;
  }
  return 9;
}

describe('cell formatting', () => {
  it('writes float32 values as their shortest round-trip decimal', () => {
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(0.1)).toBe('0.1');
    expect(formatFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    expect(formatFloat32(Math.fround(-2.5))).toBe('-2.5');
    expect(formatFloat32(16777217)).toBe('16777216');
    expect(formatFloat32(3.4028234663852886e38)).toBe('3.4028235e+38');
    expect(formatFloat32(1.401298464324817e-45)).toBe('1e-45');
    expect(formatFloat32(Math.fround(1e-7))).toBe('1e-7');
    expect(formatFloat32(Math.fround(123456.789))).toBe('123456.79');
    expect(formatFloat32(100)).toBe('100');
    expect(formatFloat32(Math.fround(9.999999))).toBe('9.999999');
  });

  it('writes NaN empty, infinities by name, and keeps the sign of zero', () => {
    expect([NaN, Infinity, -Infinity, -0, 0].map(formatFloat32)).toEqual(['', 'Infinity', '-Infinity', '-0', '0']);
    expect([NaN, Infinity, -Infinity, -0, 0.1].map(formatFloat64)).toEqual(['', 'Infinity', '-Infinity', '-0', '0.1']);
    expect(formatInt(-0, 'x')).toBe('0');
    expect(formatInt(NaN, 'x')).toBe('');
    expect(() => formatInt(1.5, 'column "label" row 3')).toThrow('column "label" row 3 is 1.5, not a whole number');
  });

  it('round-trips every float32 through its text with the fewest digits (checked against a wider search)', () => {
    const check = (v: number) => {
      const text = formatFloat32(v);
      expect(Object.is(Math.fround(Number(text)), v), `${v} → ${text}`).toBe(true);
      if (Number.isFinite(v) && v !== 0) expect(significantDigits(text), `${v} → ${text}`).toBe(shortestDigitsOracle(v));
    };
    fc.assert(fc.property(fc.float({ noNaN: true }), check), { numRuns: 3000 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 0x7f7fffff }), (bits) => check(new Float32Array(new Uint32Array([bits]).buffer)[0]!)), { numRuns: 3000 });
    for (let k = -149; k <= 127; k++) check(Math.fround(2 ** k));
  });

  it('guards text that a spreadsheet would evaluate', () => {
    for (const text of ['=SUM(A1)', '+1', '-1', '@cmd', '\tx', '\rx', '\uFF1D1']) expect(escapeText(text)).toBe(`'${text}`);
    for (const text of ['', 'plain', '1-2', "'quoted", ' =x']) expect(escapeText(text)).toBe(text);
  });
});

describe('writeColumnsCsv', () => {
  it('writes RFC 4180 with CRLF, quoting only what needs it, numbers bare', async () => {
    const text = await columnsCsv([
      { name: 'index', values: Int32Array.of(0, 1, 2, 3) },
      { name: 'score', values: Float32Array.of(0.1, -1.5, NaN, Infinity) },
      { name: 'log', values: Float64Array.of(0.1, -0, 1e300, -Infinity) },
      { name: 'note', values: ['a,b', 'say "hi"', 'line 1\nline 2', '=HYPERLINK("x")'] },
    ]);
    expect(text).toBe(
      'index,score,log,note\r\n' +
        '0,0.1,0.1,"a,b"\r\n' +
        '1,-1.5,-0,"say ""hi"""\r\n' +
        '2,,1e+300,"line 1\nline 2"\r\n' +
        `3,Infinity,-Infinity,"'=HYPERLINK(""x"")"\r\n`,
    );
    expect(parseRfc4180(text)[3]).toEqual(['2', '', '1e+300', 'line 1\nline 2']);
  });

  it('round-trips every float32 and float64 of a column through the CSV text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.float32Array({ maxLength: 40 }), fc.float64Array({ maxLength: 40 }), async (f32, f64) => {
        const f64s = f64.subarray(0, Math.min(f32.length, f64.length));
        const f32s = f32.subarray(0, f64s.length);
        const records = parseRfc4180(await columnsCsv([{ name: 'f32', values: f32s }, { name: 'f64', values: f64s }]));
        expect(records[0]).toEqual(['f32', 'f64']);
        records.slice(1).forEach(([a, b], i) => {
          const x = f32s[i]!;
          const y = f64s[i]!;
          if (Number.isNaN(x)) expect(a).toBe('');
          else expect(Object.is(Math.fround(Number(a)), x)).toBe(true);
          if (Number.isNaN(y)) expect(b).toBe('');
          else expect(Object.is(Number(b), y)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('reads any text back as written, apart from the formula guard', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', '=', '-', ' ', 'é', '\t') }), { minLength: 1, maxLength: 20 }), async (texts) => {
        const records = parseRfc4180(await columnsCsv([{ name: 'text', values: texts }]));
        expect(records.slice(1).map((r) => r[0])).toEqual(texts.map(escapeText));
      }),
      { numRuns: 200 },
    );
  });

  it('honours explicit kinds and checks them', async () => {
    const text = await columnsCsv([
      { name: 'asFloat32', values: [0.1, 0.2], kind: 'float32' },
      { name: 'asText', values: [-1, 2], kind: 'text' },
      { name: 'label', values: Uint16Array.of(7, 65535) },
    ]);
    expect(parseRfc4180(text)).toEqual([
      ['asFloat32', 'asText', 'label'],
      ['0.1', "'-1", '7'],
      ['0.2', '2', '65535'],
    ]);
    await expect(columnsCsv([{ name: 'n', values: [1.5], kind: 'int' }])).rejects.toThrow('column "n" row 0 is 1.5, not a whole number');
  });

  it('refuses mismatched or repeated columns before writing anything', async () => {
    const out = new Collect();
    await expect(writeColumnsCsv(out, [{ name: 'a', values: [1, 2] }, { name: 'b', values: [1] }])).rejects.toThrow('column "b" has 1 values, column "a" has 2');
    await expect(writeColumnsCsv(out, [{ name: 'a', values: [1] }, { name: 'a', values: [1] }])).rejects.toThrow('column "a" appears twice');
    expect(out.text).toBe('');
  });

  it('streams a large table into a file, with a BOM when asked', async () => {
    const file = path.join(tmp, 'samples.csv');
    const n = 20_000;
    const score = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    await writeColumnsCsv(fs.createWriteStream(file), [{ name: 'sample', values: Int32Array.from({ length: n }, (_, i) => i) }, { name: 'score', values: score }], { bom: true });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseRfc4180(bytes.subarray(3).toString('utf8'));
    expect(records).toHaveLength(n + 1);
    const wrong = records.slice(1).filter(([i, s], k) => Number(i) !== k || Math.fround(Number(s)) !== score[k]);
    expect(wrong).toEqual([]);
  });

  it('leaves the stream open when end is false', async () => {
    const out = new Collect();
    await writeColumnsCsv(out, [{ name: 'a', values: [1] }], { end: false });
    expect(out.writableEnded).toBe(false);
    out.end();
  });
});

describe('study exports', () => {
  it('writes the studies table with flattened config, summary metrics and progress', async () => {
    const store = openStore({ dataDir: path.join(tmp, 'store') });
    try {
      const a = createStudy(store, { config: studyConfig({ name: '=cmd|calc', tags: ['a,b'] }), modelSeeds: [1, 2], createdAt: '2024-01-01T00:00:00.000Z' }).study;
      createStudy(store, {
        config: studyConfig({ name: 'dp', method: { update: { kind: 'dp-sgd', noiseMultiplier: 1.1, clipNorm: 1 } } }),
        modelSeeds: [3],
        createdAt: '2024-02-01T00:00:00.000Z',
      });
      await recordModelResult(store, a.id, 0, fakeResult(5, 1, 1));
      store.studies.setSummary(a.id, { naturalAccuracy: { mean: 0.8125, std: 0.01 }, tprAtFpr: [0.05, 0.01] });
      store.studies.setNotes(a.id, 'first\r\nsecond');
      const out = new Collect();
      await writeStudiesCsv(out, store.studies.list());
      const [header, dp, first] = parseRfc4180(out.text) as [string[], string[], string[]];
      const cell = (row: string[], column: string) => {
        expect(header).toContain(column);
        return row[header.indexOf(column)];
      };
      expect(header.slice(0, 5)).toEqual(['id', 'name', 'status', 'error', 'tags']);
      expect(header).not.toContain('config.name');
      expect(cell(first, 'name')).toBe("'=cmd|calc");
      expect(cell(first, 'tags')).toBe('["a,b"]');
      expect(cell(first, 'notes')).toBe('first\r\nsecond');
      expect(cell(first, 'archived')).toBe('false');
      expect(cell(first, 'createdAt')).toBe('2024-01-01T00:00:00.000Z');
      expect(cell(first, 'modelsTotal')).toBe('2');
      expect(cell(first, 'modelsDone')).toBe('1');
      expect(cell(first, 'summary.naturalAccuracy.mean')).toBe('0.8125');
      expect(cell(first, 'summary.tprAtFpr')).toBe('[0.05,0.01]');
      expect(cell(first, 'method.objective.kind')).toBe('erm');
      expect(cell(first, 'training.optimizer.lr')).toBe('0.1');
      expect(cell(first, 'attacks.fprs')).toBe('[0.01,0.001,0.00001]');
      expect(cell(first, 'dataset.options')).toBe('{}');
      expect(cell(first, 'method.update.noiseMultiplier')).toBe('');
      expect(cell(dp, 'method.update.kind')).toBe('dp-sgd');
      expect(cell(dp, 'method.update.noiseMultiplier')).toBe('1.1');
      expect(cell(dp, 'summary.naturalAccuracy.mean')).toBe('');

      const models = new Collect();
      await writeModelsCsv(models, store.models.list(a.id));
      const [mHeader, m0, m1] = parseRfc4180(models.text) as [string[], string[], string[]];
      expect(mHeader).toEqual(expect.arrayContaining(['idx', 'seed', 'status', 'metrics.naturalAccuracy', 'metrics.queryNames', 'timings.trainSeconds', 'weightsBytes']));
      expect(m0[mHeader.indexOf('metrics.queryNames')]).toBe('["identity"]');
      expect(m0[mHeader.indexOf('timings.trainSeconds')]).toBe('1.5');
      expect(m1[mHeader.indexOf('status')]).toBe('pending');
      expect(m1[mHeader.indexOf('metrics.naturalAccuracy')]).toBe('');

      const epochs = new Collect();
      const history = store.epochs.listForStudy(a.id);
      history[1] = { ...history[1]!, loss: NaN, epsilon: 2.5 };
      await writeEpochsCsv(epochs, history);
      expect(parseRfc4180(epochs.text).slice(0, 3)).toEqual([
        ['model', 'epoch', 'loss', 'accuracy', 'lr', 'seconds', 'samples', 'epsilon', 'clippedFraction'],
        ['0', '1', '2', '0.3', '0.1', '0.5', '3', '', ''],
        ['0', '2', '', '0.6', '0.1', '0.5', '3', '2.5', ''],
      ]);
    } finally {
      store.close();
    }
  });

  it('writes ROC points with the origin at threshold Infinity', async () => {
    const out = new Collect();
    await writeRocCsv(out, [
      { attack: 'lira', target: 0, fpr: Float64Array.of(0, 0, 1), tpr: Float64Array.of(0, 0.5, 1), thresholds: Float64Array.of(Infinity, 2.5, -1) },
      { attack: 'lira', target: 'pooled', fpr: [0, 1], tpr: [0, 1], thresholds: [Infinity, 0.1] },
    ]);
    expect(parseRfc4180(out.text)).toEqual([
      ['attack', 'target', 'fpr', 'tpr', 'threshold'],
      ['lira', '0', '0', '0', 'Infinity'],
      ['lira', '0', '0', '0.5', '2.5'],
      ['lira', '0', '1', '1', '-1'],
      ['lira', 'pooled', '0', '0', 'Infinity'],
      ['lira', 'pooled', '1', '1', '0.1'],
    ]);
    await expect(writeRocCsv(new Collect(), [{ target: 3, fpr: [0], tpr: [0, 1], thresholds: [0] }])).rejects.toThrow('ROC curve of target 3 has 1 FPRs, 2 TPRs and 1 thresholds');
  });
});

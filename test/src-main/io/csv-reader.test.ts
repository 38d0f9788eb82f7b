import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsv, sniffDelimiter } from '../../../src-main/io/csv-reader';
import { readLines } from '../../../src-main/io/lines';

async function parse(text: string, chunk = 3, delimiter?: string): Promise<Array<[number, string[]]>> {
  const bytes = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  const rows: Array<[number, string[]]> = [];
  for await (const row of readCsv(Readable.from(parts), delimiter === undefined ? {} : { delimiter })) rows.push([row.line, row.cells]);
  return rows;
}

describe('readCsv (RFC 4180)', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes', async () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,,3\n';
    expect(await parse(text)).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['x, y', 'say "hi"', 'two\nlines']],
      [4, ['1', '', '3']],
    ]);
  });

  it('skips blank lines, keeps a quoted empty cell, reads a last line without ending, drops a BOM', async () => {
    expect(await parse('\uFEFFh\n\n""\n\nlast')).toEqual([
      [1, ['h']],
      [3, ['']],
      [5, ['last']],
    ]);
  });

  it('accepts CR-only line endings and other delimiters', async () => {
    expect(await parse('a;b\r1;2\r', 1)).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
    expect(await parse('a\tb\n1\t2', 2)).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
    ]);
  });

  it('gives the same rows for every chunking (multi-byte characters included)', async () => {
    const text = 'name,city\n"Zoë ""Z""",Zürich\n"日本, 東京",ok\r\n';
    const expected = await parse(text, 1000);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), async (chunk) => {
        expect(await parse(text, chunk)).toEqual(expected);
      }),
      { numRuns: 30 },
    );
    expect(expected[1]).toEqual([2, ['Zoë "Z"', 'Zürich']]);
  });

  it('errors name the line', async () => {
    await expect(parse('a,b\n1,"open\n2,3\n')).rejects.toThrow(/^line 2: expected a closing quote for the quoted field that starts on this line, found the end of the file$/);
    await expect(parse('a,b\n1,x"y\n')).rejects.toThrow(/^line 2: expected a quote only at the start of a field/);
    await expect(parse('a,b\n"1"x,2\n')).rejects.toThrow(/^line 2: expected a delimiter or line end after a closing quote, found x$/);
  });

  it('sniffs the delimiter from the first line', () => {
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('"a;b",c')).toBe(',');
    expect(sniffDelimiter('a\tb')).toBe('\t');
    expect(sniffDelimiter('abc')).toBe(',');
  });
});

describe('readLines', () => {
  it('splits on LF and CRLF across chunk borders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.stringMatching(/^[a-z,0-9]{0,12}$/), { maxLength: 12 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), async (lines, chunk, crlf) => {
        const text = lines.map((l) => `${l}${crlf ? '\r\n' : '\n'}`).join('');
        const bytes = Buffer.from(text);
        const parts: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
        const out: string[] = [];
        for await (const line of readLines(Readable.from(parts))) out.push(line.toString());
        expect(out).toEqual(lines);
      }),
      { numRuns: 100 },
    );
  });
});

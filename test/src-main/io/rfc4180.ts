/**
 * A strict RFC 4180 reader for the CSV export tests: CRLF between records, fields quoted when they
 * need to be, quotes doubled inside. Anything else (a bare LF or a quote inside an unquoted field,
 * an unterminated quote) throws, so the tests see every deviation.
 */
export function parseRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  if (text.length === 0) return records;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`unquoted field holds ${JSON.stringify(text[i])} at offset ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (i >= text.length) throw new Error('the last record has no CRLF');
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] !== '\r' || text[i + 1] !== '\n') throw new Error(`expected CRLF at offset ${i}`);
    i += 2;
    records.push(record);
    record = [];
    if (i === text.length) return records;
  }
}

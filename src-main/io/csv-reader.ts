/**
 * A streaming CSV reader following RFC 4180: fields may be quoted with '"', quotes inside a quoted
 * field are doubled, and quoted fields may hold delimiters and line breaks. Lines end with LF, CRLF
 * or CR; a UTF-8 byte-order mark is dropped; blank lines are skipped. A quote inside an unquoted field,
 * text after a closing quote and an unterminated quoted field are errors naming the line.
 */
import { FormatError } from './format-error';

export interface CsvRow {
  cells: string[];
  /** 1-based line number where the row starts. */
  line: number;
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/**
 * Guesses the delimiter from the first line: the candidate (',', ';', tab, '|') that occurs most
 * often outside quotes; ',' when none occurs.
 */
export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === candidate) count++;
    }
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** The incremental parser behind readCsv; `feed` text in pieces, then `end`. */
class CsvParser {
  private readonly delimiter: string;
  private readonly special: RegExp;
  private field = '';
  private row: string[] = [];
  private inQuotes = false;
  private quotePending = false; // inside quotes, just saw '"': a doubled quote or the closing one
  private afterClosingQuote = false;
  private fieldQuoted = false;
  private rowQuoted = false;
  private skipLf = false;
  private line = 1;
  private rowLine = 1;
  private started = false;
  private readonly rows: CsvRow[] = [];

  constructor(delimiter: string) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
      throw new RangeError(`CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`);
    }
    this.delimiter = delimiter;
    this.special = new RegExp(`[${delimiter.replace(/[\\\]^-]/g, '\\$&')}\\r\\n"]`, 'g');
  }

  private endField(): void {
    this.row.push(this.field);
    this.field = '';
    this.fieldQuoted = false;
    this.afterClosingQuote = false;
  }

  private endRow(): void {
    this.endField();
    // a line with nothing on it is skipped; a line holding "" is a row with one empty cell
    const blank = this.row.length === 1 && this.row[0] === '' && !this.rowQuoted;
    if (!blank) this.rows.push({ cells: this.row, line: this.rowLine });
    this.row = [];
    this.rowQuoted = false;
  }

  /** Parses more text; returns the rows completed by it. */
  feed(text: string): CsvRow[] {
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const n = text.length;
    while (i < n) {
      if (this.skipLf) {
        this.skipLf = false;
        if (text.charCodeAt(i) === 10) {
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (text[i] === '"') {
            this.field += '"';
            i++;
            continue;
          }
          this.inQuotes = false;
          this.afterClosingQuote = true;
          continue;
        }
        const quote = text.indexOf('"', i);
        const end = quote === -1 ? n : quote;
        const piece = text.slice(i, end);
        for (let k = piece.indexOf('\n'); k !== -1; k = piece.indexOf('\n', k + 1)) this.line++;
        this.field += piece;
        if (quote === -1) return this.drain();
        this.quotePending = true;
        i = quote + 1;
        continue;
      }
      this.special.lastIndex = i;
      const match = this.special.exec(text);
      const at = match ? match.index : n;
      if (at > i) {
        if (this.afterClosingQuote) this.fail('a delimiter or line end after a closing quote', text.slice(i, Math.min(at, i + 10)));
        this.field += text.slice(i, at);
      }
      if (!match) return this.drain();
      const ch = text[at];
      i = at + 1;
      if (ch === this.delimiter) {
        this.endField();
      } else if (ch === '\n' || ch === '\r') {
        this.endRow();
        this.line++;
        this.rowLine = this.line;
        this.skipLf = ch === '\r';
      } else if (this.field === '' && !this.fieldQuoted && !this.afterClosingQuote) {
        this.inQuotes = true;
        this.fieldQuoted = true;
        this.rowQuoted = true;
      } else {
        this.fail('a quote only at the start of a field (RFC 4180: quote the field and double inner quotes)', `"${this.field.slice(-10)}"`);
      }
    }
    return this.drain();
  }

  /** Finishes the input; returns the last row if any. */
  end(): CsvRow[] {
    if (this.inQuotes && !this.quotePending) {
      throw new FormatError({
        line: this.rowLine,
        expected: 'a closing quote for the quoted field that starts on this line',
        found: 'the end of the file',
      });
    }
    if (this.field !== '' || this.row.length > 0 || this.rowQuoted) this.endRow();
    return this.drain();
  }

  private drain(): CsvRow[] {
    return this.rows.splice(0, this.rows.length);
  }

  private fail(expected: string, found: string): never {
    throw new FormatError({ line: this.line, expected, found });
  }
}

/**
 * Reads CSV rows from a byte stream (UTF-8).
 * Args: `delimiter` (default: sniffed from the first line, see sniffDelimiter).
 * Returns rows with their starting line numbers; cells are raw strings (quotes removed, no trimming).
 * Throws: FormatError naming the line of a malformed quote.
 */
export async function* readCsv(source: AsyncIterable<Uint8Array>, options: { delimiter?: string } = {}): AsyncGenerator<CsvRow> {
  const decoder = new TextDecoder('utf-8');
  let parser = options.delimiter === undefined ? undefined : new CsvParser(options.delimiter);
  let head = ''; // text held back until the first line is complete, to sniff the delimiter
  for await (const chunk of source) {
    let text = decoder.decode(chunk, { stream: true });
    if (!parser) {
      head += text;
      const newline = head.search(/[\r\n]/);
      if (newline === -1) continue;
      parser = new CsvParser(sniffDelimiter(head.slice(0, newline)));
      text = head;
      head = '';
    }
    yield* parser.feed(text);
  }
  const rest = head + decoder.decode();
  parser ??= new CsvParser(sniffDelimiter(rest));
  yield* parser.feed(rest);
  yield* parser.end();
}

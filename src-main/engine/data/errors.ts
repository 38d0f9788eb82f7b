/** Errors of dataset loading: each names the file and where in it (byte offset or row/column), and what was expected. */
import { FormatError } from '../../io/format-error';

export interface DatasetErrorDetails {
  /** The file or folder (absolute path), or the archive member as 'archive.tgz:member'. */
  file: string;
  /** Byte offset (0-based) in the (decompressed) file. */
  offset?: number;
  /** 1-based line (row) number in a text file. */
  row?: number;
  /** 1-based column number in a text table. */
  column?: number;
  /** The column's name when the table has a header. */
  columnName?: string;
  /** What the loader expected there. */
  expected: string;
  /** What it found instead, when short enough to quote. */
  found?: string;
}

export class DatasetError extends Error {
  readonly file: string;
  readonly offset: number | undefined;
  readonly row: number | undefined;
  readonly column: number | undefined;
  readonly columnName: string | undefined;
  readonly expected: string;
  readonly found: string | undefined;

  constructor(details: DatasetErrorDetails) {
    const where: string[] = [details.file];
    if (details.offset !== undefined) where.push(`byte ${details.offset}`);
    if (details.row !== undefined) where.push(`row ${details.row}`);
    if (details.column !== undefined) where.push(`column ${details.column}${details.columnName ? ` ("${details.columnName}")` : ''}`);
    super(`${where.join(', ')}: expected ${details.expected}${details.found === undefined ? '' : `, found ${details.found}`}`);
    this.name = 'DatasetError';
    this.file = details.file;
    this.offset = details.offset;
    this.row = details.row;
    this.column = details.column;
    this.columnName = details.columnName;
    this.expected = details.expected;
    this.found = details.found;
  }
}

/** A bad `spec.options` entry (not a problem with the data). */
export class DatasetOptionError extends Error {
  constructor(
    readonly dataset: string,
    readonly option: string,
    readonly expected: string,
  ) {
    super(`dataset '${dataset}': option ${option}: ${expected}`);
    this.name = 'DatasetOptionError';
  }
}

/**
 * Runs `body` and re-throws low-level failures as DatasetErrors naming `file`: FormatErrors keep their
 * offset/line and expectation; other errors (gunzip, fs) keep their message.
 */
export async function attributeErrors<T>(file: string, what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DatasetError || error instanceof DatasetOptionError) throw error;
    if (error instanceof FormatError) {
      throw new DatasetError({
        file: error.file ?? file,
        offset: error.offset,
        row: error.line,
        expected: error.expected,
        found: error.found,
      });
    }
    throw new DatasetError({ file, expected: what, found: (error as Error).message });
  }
}

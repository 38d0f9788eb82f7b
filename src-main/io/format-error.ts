/**
 * The error every reader in `src-main/io` throws when bytes do not have the expected format. It
 * carries where the problem is (the file when known, the byte offset) and what was expected, so
 * callers can show "file.npz, byte 128: expected …" without parsing the message.
 */
export interface FormatErrorDetails {
  /** The file, or a label such as 'features.npy in data.npz'; absent when reading anonymous bytes. */
  file?: string;
  /** Byte offset (0-based) in the (decompressed) stream where the problem was found. */
  offset?: number;
  /** 1-based line number, for text formats. */
  line?: number;
  /** What the reader expected to find there. */
  expected: string;
  /** What it found instead, when that is short enough to quote. */
  found?: string;
}

export class FormatError extends Error {
  readonly file: string | undefined;
  readonly offset: number | undefined;
  readonly line: number | undefined;
  readonly expected: string;
  readonly found: string | undefined;

  constructor(details: FormatErrorDetails) {
    const where = [
      details.file,
      details.offset === undefined ? undefined : `byte ${details.offset}`,
      details.line === undefined ? undefined : `line ${details.line}`,
    ]
      .filter((part) => part !== undefined)
      .join(', ');
    const found = details.found === undefined ? '' : `, found ${details.found}`;
    super(`${where ? `${where}: ` : ''}expected ${details.expected}${found}`);
    this.name = 'FormatError';
    this.file = details.file;
    this.offset = details.offset;
    this.line = details.line;
    this.expected = details.expected;
    this.found = details.found;
  }

  /** The same error attributed to `file` (readers of in-memory bytes do not know the file name). */
  withFile(file: string): FormatError {
    if (this.file !== undefined) return this;
    return new FormatError({ file, offset: this.offset, line: this.line, expected: this.expected, found: this.found });
  }
}

/**
 * The envelope every IPC handler returns, on both transports. Only `code` and `message` cross the
 * boundary for an error, so nothing internal (stacks, paths of other users) leaks to the renderer.
 */

/** Stable, machine-readable error codes. The message is for people; the code is for code. */
export type ErrorCode =
  | 'invalid-request'
  | 'unknown-channel'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unavailable'
  | 'internal';

/** One field that failed validation: a dotted path into the payload and what was wrong with it. */
export interface FieldError {
  path: string;
  message: string;
}

export interface IpcError {
  code: ErrorCode;
  message: string;
  /** Present for `invalid-request`: every wrong field at once. */
  fields?: FieldError[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Wraps a value as a successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Wraps an error as a failed result. */
export function fail(code: ErrorCode, message: string, fields?: FieldError[]): Result<never> {
  return { ok: false, error: fields ? { code, message, fields } : { code, message } };
}

/**
 * An error a handler throws on purpose: its code and message are shown to the user as they are.
 * Any other thrown error becomes `internal` with a generic message.
 */
export class MnemoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = 'MnemoError';
  }
}

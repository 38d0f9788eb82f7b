/** One step of the schema: applied once, in its own transaction, then recorded in `PRAGMA user_version`. */
export interface Migration {
  /** 1, 2, 3…: the user_version the database has after this step. */
  version: number;
  /** What the step does, for logs and error messages. */
  description: string;
  /** SQL run with `exec` (several statements). */
  sql: string;
}

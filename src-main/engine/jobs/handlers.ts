/** The jobs an engine worker can run, by kind. */
export interface JobContext {
  signal: AbortSignal;
  progress(progress: unknown): void;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<unknown>;

/** Wraps a typed handler for the registry (the payload's type is the job kind's contract). */
export function defineJob<P, R>(handler: (payload: P, context: JobContext) => Promise<R>): JobHandler {
  return handler as JobHandler;
}

/**
 * The one entry point both transports call: validate the payload against the contract, run the
 * handler, and wrap whatever happens in a `Result`. Nothing else in main touches raw payloads.
 */
import { contract, type ParsedRequestOf, type ResponseOf } from '../../src-shared/contract';
import { CHANNELS, type ChannelName } from '../../src-shared/channels';
import { fail, MnemoError, ok, type Result } from '../../src-shared/result';
import { fieldErrors } from '../../src-shared/validation';

/** A handler receives a request that already passed its schema. */
export type Handler<C extends ChannelName> = (
  request: ParsedRequestOf<C>,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type Handlers = { [C in ChannelName]: Handler<C> };

/** True when `name` is a channel of the contract (payloads from outside are untrusted). */
export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

/**
 * Builds the dispatcher for a set of handlers (the app passes every channel's; a missing one answers 'unavailable').
 * @param onInternalError called with unexpected errors (logged, never sent to the renderer).
 */
export function createDispatch(handlers: Partial<Handlers>, onInternalError: (channel: string, error: unknown) => void): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) return fail('unknown-channel', `Unknown channel "${String(channel)}".`);
    const parsed = contract[channel].request.safeParse(payload ?? {});
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      return fail('invalid-request', `Invalid request for ${channel}: ${fields.map((f) => f.path).join(', ')}.`, fields);
    }
    const handler = handlers[channel] as ((request: unknown) => unknown) | undefined;
    if (!handler) return fail('unavailable', `${channel} is not available here.`);
    try {
      return ok(await handler(parsed.data));
    } catch (error) {
      if (error instanceof MnemoError) return fail(error.code, error.message, error.fields);
      onInternalError(channel, error);
      return fail('internal', `The ${channel} request failed unexpectedly; see the log for details.`);
    }
  };
}

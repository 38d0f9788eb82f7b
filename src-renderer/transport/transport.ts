/** What the UI needs from a transport: typed calls and typed push events. */
import type { ChannelName, EventName } from '../../src-shared/channels';
import type { EventPayload, RequestOf, ResponseOf } from '../../src-shared/contract';
import type { Result } from '../../src-shared/result';

export interface Transport {
  kind: 'electron' | 'browser';
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  on<E extends EventName>(event: E, callback: (payload: EventPayload<E>) => void): () => void;
}

/** The object the Electron preload exposes as `window.mnemo`. */
export interface PreloadApi {
  invoke: Record<ChannelName, (request: unknown) => Promise<Result<unknown>>>;
  on: Record<EventName, (callback: (payload: unknown) => void) => () => void>;
}

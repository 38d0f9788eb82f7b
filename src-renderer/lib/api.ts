/**
 * Typed calls for views: the value on success, an ApiError (with field errors) on failure, so a
 * view can `await api.call(...)` and show the message.
 */
import type { ChannelName } from '../../src-shared/channels';
import type { RequestOf, ResponseOf } from '../../src-shared/contract';
import type { FieldError, IpcError } from '../../src-shared/result';
import type { Transport } from '../transport';

export class ApiError extends Error {
  readonly code: IpcError['code'];
  readonly fields: FieldError[];
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.fields = error.fields ?? [];
  }
}

export interface Api {
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  transport: Transport;
}

export function createApi(transport: Transport): Api {
  return {
    transport,
    async call(channel, request) {
      const result = await transport.call(channel, request);
      if (!result.ok) throw new ApiError(result.error);
      return result.value;
    },
  };
}

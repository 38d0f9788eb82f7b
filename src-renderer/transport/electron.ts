/** The Electron transport: the preload's narrow functions, typed by the contract. */
import type { Transport, PreloadApi } from './transport';

export function electronTransport(api: PreloadApi): Transport {
  return {
    kind: 'electron',
    call: (channel, request) => api.invoke[channel](request) as never,
    on: (event, callback) => api.on[event](callback as (payload: unknown) => void),
  };
}

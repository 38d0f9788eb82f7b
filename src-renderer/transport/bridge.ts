/**
 * The browser transport: `POST /api/<channel>` with the access token in a header, and push events
 * over the `/events` WebSocket, reconnecting with back-off when the connection drops.
 */
import type { EventName } from '../../src-shared/channels';
import type { Result } from '../../src-shared/result';
import type { Transport } from './transport';

const TOKEN_KEY = 'mnemo.token';

/**
 * Takes the token from the URL the server printed (`?token=…`), keeps it for this tab, and removes
 * it from the address bar so it is not bookmarked or shared by accident.
 */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

export function bridgeTransport(token: string, origin: string = window.location.origin): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retryMs = 500;

  const connect = () => {
    const url = new URL('/events', origin);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    socket = new WebSocket(url);
    socket.onopen = () => (retryMs = 500);
    socket.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: EventName; payload: unknown };
      for (const callback of listeners.get(event) ?? []) callback(payload);
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    };
  };
  connect();

  return {
    kind: 'browser',
    async call(channel, request) {
      try {
        const response = await fetch(new URL(`/api/${channel}`, origin), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Mnemo-Token': token },
          body: JSON.stringify(request ?? {}),
        });
        return (await response.json()) as Result<never>;
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `The workbench server did not answer: ${(error as Error).message}` } };
      }
    },
    on(event, callback) {
      const set = listeners.get(event) ?? new Set();
      set.add(callback as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(callback as (payload: unknown) => void);
    },
  };
}

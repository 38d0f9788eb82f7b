/** Picks the transport that exists: Electron's preload API, else the loopback bridge. */
import { bridgeTransport, takeToken } from './bridge';
import { electronTransport } from './electron';
import type { PreloadApi, Transport } from './transport';

export type { Transport } from './transport';

declare global {
  interface Window {
    mnemo?: PreloadApi;
  }
}

/** The transport of this page, or null when neither Electron nor a bridge token is available. */
export function detectTransport(): Transport | null {
  if (window.mnemo) return electronTransport(window.mnemo);
  const token = takeToken(window.location, window.sessionStorage, window.history);
  return token ? bridgeTransport(token) : null;
}

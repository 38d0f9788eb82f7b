/** The transport is handed to views through Svelte context, set once by App. */
import { getContext } from 'svelte';
import type { Transport } from './transport';

export const TRANSPORT_KEY = Symbol('transport');

/** The page's transport; views are only mounted once one exists. */
export function useTransport(): Transport {
  const transport = getContext<Transport | null>(TRANSPORT_KEY);
  if (!transport) throw new Error('No transport: views need a connection to the workbench.');
  return transport;
}

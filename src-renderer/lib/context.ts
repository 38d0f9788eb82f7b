/** The API handed to every view through Svelte context, set once at mount. */
import { getContext } from 'svelte';
import type { Api } from './api';

export const API_KEY = Symbol('api');

/** The page's API; views are only mounted once a transport exists. */
export function useApi(): Api {
  const api = getContext<Api | null>(API_KEY);
  if (!api) throw new Error('No API: views need a connection to the workbench.');
  return api;
}

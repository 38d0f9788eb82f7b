import { mount } from 'svelte';
import App from './App.svelte';
import { createApi } from './lib/api';
import { API_KEY } from './lib/context';
import { live } from './stores/live.svelte';
import './styles/app.css';
import { detectTransport } from './transport';
import { TRANSPORT_KEY } from './transport/context';

const transport = detectTransport();
const api = transport ? createApi(transport) : null;
if (transport) live.connect(transport);
mount(App, {
  target: document.getElementById('app')!,
  props: { connected: transport !== null },
  context: new Map<symbol, unknown>([
    [TRANSPORT_KEY, transport],
    [API_KEY, api],
  ]),
});

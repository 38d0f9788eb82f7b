import { mount } from 'svelte';
import App from './App.svelte';
import './styles/app.css';
import { detectTransport } from './transport';
import { TRANSPORT_KEY } from './transport/context';

const transport = detectTransport();
mount(App, { target: document.getElementById('app')!, props: { connected: transport !== null }, context: new Map([[TRANSPORT_KEY, transport]]) });

/**
 * The sandboxed preload: one narrow function per channel and one subscription function per push
 * event, exposed through contextBridge. Nothing generic (no `send(channel, …)`) reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, eventChannel } from '../../src-shared/channels';

const invoke = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
);

const on = Object.fromEntries(
  EVENTS.map((event) => [
    event,
    (callback: (payload: unknown) => void) => {
      const listener = (_event: IpcRendererEvent, payload: unknown) => callback(payload);
      ipcRenderer.on(eventChannel(event), listener);
      return () => {
        ipcRenderer.removeListener(eventChannel(event), listener);
      };
    },
  ]),
);

contextBridge.exposeInMainWorld('mnemo', { invoke, on });

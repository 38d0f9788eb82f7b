/**
 * The Electron transport: one `ipcMain.handle` per channel of the contract, each checking the
 * sender (checklist item 17) before the payload reaches the dispatcher; push events go to every
 * window showing an app page.
 */
import { ipcMain, webContents } from 'electron';
import { CHANNELS, eventChannel } from '../../src-shared/channels';
import { fail } from '../../src-shared/result';
import type { Dispatch } from '../ipc/dispatch';
import type { EventHub } from '../ipc/event-hub';
import type { AppModule } from './app-module';
import { isAppUrl } from './security/app-origin';
import { isTrustedSender } from './security/sender-check';

export function ipcTransport(dispatch: Dispatch, events: EventHub): AppModule {
  return {
    enable() {
      for (const channel of CHANNELS) {
        ipcMain.handle(channel, (event, payload: unknown) =>
          isTrustedSender(event) ? dispatch(channel, payload) : fail('forbidden', 'IPC from an untrusted frame was refused.'),
        );
      }
      events.subscribe((event, payload) => {
        for (const contents of webContents.getAllWebContents()) {
          if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(eventChannel(event), payload);
        }
      });
    },
  };
}

/**
 * Electron security checklist, item 17: "Validate the sender of all IPC messages".
 * Only frames showing the app's own pages may call handlers; an iframe or a page that navigated
 * elsewhere is refused before its payload is even parsed.
 */
import { isAppUrl } from './app-origin';

/** The parts of an IPC event the check needs (Electron's `IpcMainInvokeEvent` fits). */
export interface SenderLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** True when the message comes from the top frame of one of the app's pages. */
export function isTrustedSender(event: SenderLike): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

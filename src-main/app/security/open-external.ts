/**
 * Electron security checklist, item 15: "Do not use shell.openExternal with untrusted content".
 * Only allow-listed https URLs are handed to the operating system.
 */
import { shell } from 'electron';
import { isAllowedExternalUrl } from './external-urls';

/** Opens `url` in the user's browser when it is allowed; returns whether it did. */
export async function openExternalIfAllowed(url: string): Promise<boolean> {
  if (!isAllowedExternalUrl(url)) return false;
  await shell.openExternal(url);
  return true;
}

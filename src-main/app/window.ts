/** The workbench window: secure preferences, the app's entry page, shown once painted. */
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security/app-origin';
import { secureWebPreferences } from './security/web-preferences';

export async function createMainWindow(preloadPath: string): Promise<BrowserWindow> {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Mnemo',
    // The window and taskbar icon on Linux and Windows (macOS takes the bundle's).
    icon: path.join(app.getAppPath(), 'resources', 'icon.png'),
    backgroundColor: '#111418',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
  return window;
}

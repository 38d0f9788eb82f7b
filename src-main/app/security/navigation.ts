/**
 * Electron security checklist, item 13: "Disable or limit navigation".
 * A window may only move between the app's own pages.
 */
import type { AppModule } from '../app-module';
import { isAppUrl } from './app-origin';

export const limitNavigation: AppModule = {
  enable({ app }) {
    app.on('web-contents-created', (_event, contents) => {
      contents.on('will-navigate', (event, url) => {
        if (!isAppUrl(url)) event.preventDefault();
      });
      contents.on('will-redirect', (event, url) => {
        if (!isAppUrl(url)) event.preventDefault();
      });
    });
  },
};

/**
 * Electron security checklist, item 14: "Disable or limit creation of new windows".
 * No page may open a window; links to allowed sites open in the user's browser instead (item 15).
 */
import type { AppModule } from '../app-module';
import { openExternalIfAllowed } from './open-external';

export const denyNewWindows: AppModule = {
  enable({ app }) {
    app.on('web-contents-created', (_event, contents) => {
      contents.setWindowOpenHandler(({ url }) => {
        void openExternalIfAllowed(url);
        return { action: 'deny' };
      });
    });
  },
};

/**
 * Electron security checklist, item 12: "Verify WebView options before creation".
 * The app uses no <webview>, so any attempt to attach one is refused.
 */
import type { AppModule } from '../app-module';

export const refuseWebviews: AppModule = {
  enable({ app }) {
    app.on('web-contents-created', (_event, contents) => {
      contents.on('will-attach-webview', (event) => event.preventDefault());
    });
  },
};

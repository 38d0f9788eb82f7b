/**
 * Electron security checklist, item 18: "Avoid usage of the file:// protocol and prefer usage of
 * custom protocols". The renderer is served from `mnemo://app/`, limited to the built renderer
 * folder, with the app's Content Security Policy on every response.
 */
import { protocol } from 'electron';
import path from 'node:path';
import { readStaticFile } from '../../bridge/static-files';
import type { AppModule } from '../app-module';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './csp';

/** Must run before the app is ready: makes the scheme standard, secure and fetch-capable. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function customProtocol(rendererDir: string): AppModule {
  return {
    enable() {
      protocol.handle(APP_SCHEME, (request) => {
        const url = new URL(request.url);
        const file = url.host === APP_HOST ? readStaticFile(path.resolve(rendererDir), url.pathname) : null;
        if (!file) return new Response('Not found', { status: 404 });
        return new Response(new Uint8Array(file.body), {
          headers: {
            'Content-Type': file.contentType,
            'Content-Security-Policy': CONTENT_SECURITY_POLICY,
            'X-Content-Type-Options': 'nosniff',
          },
        });
      });
    },
  };
}

/**
 * Electron security checklist, item 5: "Handle session permission requests from remote content".
 * The workbench needs no camera, microphone, notifications or geolocation: every request is denied.
 */
import { session } from 'electron';
import type { AppModule } from '../app-module';

export const denyPermissions: AppModule = {
  enable() {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  },
};

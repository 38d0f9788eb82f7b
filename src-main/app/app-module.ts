/** A small piece of the Electron app with one concern, enabled once at start-up. */
import type { App } from 'electron';

export interface AppModuleContext {
  app: App;
}

export interface AppModule {
  enable(context: AppModuleContext): void | Promise<void>;
}

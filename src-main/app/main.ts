/** Electron entry point: composes the app from small modules, each with one concern. */
import { app } from 'electron';
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../system/data-dir';
import { engineChoice, loadSettings } from '../system/settings';
import { openWorkbench } from '../workbench';
import { createElectronEngine } from './engine-processes';
import type { AppModule } from './app-module';
import { ipcTransport } from './ipc-transport';
import { customProtocol, registerAppScheme } from './security/custom-protocol';
import { limitNavigation } from './security/navigation';
import { denyNewWindows } from './security/new-windows';
import { denyPermissions } from './security/permissions';
import { refuseWebviews } from './security/webviews';
import { createMainWindow } from './window';

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

function flagValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  if (index >= 0) return process.argv[index + 1];
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  await app.whenReady();
  const dataDir = resolveDataDir({ flag: flagValue('--data-dir') });
  const workbench = await openWorkbench({
    dataDir,
    transport: 'electron',
    engine: createElectronEngine(engineChoice(loadSettings(dataDir.path)), (message) => console.error(`[engine] ${message}`)),
    quickStudyIfEmpty: process.argv.includes('--quick-study-if-empty'),
  });
  const modules: AppModule[] = [
    customProtocol(rendererDir),
    limitNavigation,
    denyNewWindows,
    refuseWebviews,
    denyPermissions,
    ipcTransport(workbench.dispatch, workbench.context.events),
  ];
  for (const module of modules) await module.enable({ app });
  let window = await createMainWindow(preloadPath);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', async () => {
    if (window.isDestroyed()) window = await createMainWindow(preloadPath);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void workbench.close());
}

start().catch((error) => {
  console.error('Mnemo failed to start:', error);
  app.exit(1);
});

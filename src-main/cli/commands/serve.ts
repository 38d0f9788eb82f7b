/** `mnemo serve`: the workbench in a browser, over the loopback bridge. */
import fs from 'node:fs';
import path from 'node:path';
import { startBridge } from '../../bridge/server';
import { createNodeEngine } from '../../engine/host/node-engine';
import { resolveDataDir } from '../../system/data-dir';
import { engineChoice, loadSettings } from '../../system/settings';
import { projectRoot } from '../../system/project-root';
import { openWorkbench } from '../../workbench';
import { parseCommandArgs, UsageError } from '../args';

export const SERVE_HELP = `mnemo serve [--host HOST] [--port PORT] [--data-dir DIR]

Serves the workbench UI and its API on http://127.0.0.1 and prints the URL with its access token.
  --host HOST   listen on another address (prints a warning: the workbench is then reachable from the network)
  --port PORT   port to listen on (default: a free port)
  --quick-study-if-empty   start the quick study when the data directory has no studies (what npm start does)`;

/** Runs the bridge until SIGINT or SIGTERM. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { host: { type: 'string' }, port: { type: 'string' }, 'quick-study-if-empty': { type: 'boolean', default: false } });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0–65535, got "${values.port}"`);
  const staticDir = path.join(projectRoot(), 'out', 'renderer');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new UsageError(`The UI is not built (no ${path.join(staticDir, 'index.html')}). Run \`npm run build\` first.`);
  }
  const dataDir = resolveDataDir({ flag: values['data-dir'] });
  const workbench = await openWorkbench({
    dataDir,
    transport: 'browser',
    engine: createNodeEngine({ ...engineChoice(loadSettings(dataDir.path)), log: (message) => console.error(`[engine] ${message}`) }),
    quickStudyIfEmpty: values['quick-study-if-empty'],
  });
  const bridge = await startBridge({
    dispatch: workbench.dispatch,
    events: workbench.context.events,
    staticDir,
    host: values.host,
    explicitHost: values.host !== undefined,
    port,
  });
  if (bridge.warning) console.warn(bridge.warning);
  if (values.json) console.log(JSON.stringify({ url: bridge.url, openUrl: bridge.openUrl, token: bridge.token }));
  else {
    console.log(`Mnemo is serving its workbench at ${bridge.url}`);
    console.log(`Open this URL (it carries the access token): ${bridge.openUrl}`);
    console.log(`Data directory: ${workbench.context.dataDir.path}`);
    console.log('Press Ctrl+C to stop.');
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  await workbench.close();
  return 0;
}

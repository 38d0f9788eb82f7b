/** Shared pieces of the end-to-end suites: the real CLI's bridge, Debian's chromium, screenshots. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ChannelName } from '../../src-shared/channels';
import type { ResponseOf } from '../../src-shared/contract';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test-results', 'e2e');
export const CHROMIUM = process.env.MNEMO_CHROMIUM ?? '/usr/bin/chromium';

export interface Served {
  openUrl: string;
  url: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A fresh, empty data directory. */
export function tempDataDir(prefix = 'mnemo-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts `mnemo serve --json` as a user would, and waits for the URL it prints. */
export async function serve(dataDir = tempDataDir(), extraArgs: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mnemo.mjs'), 'serve', '--json', '--data-dir', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const started = await new Promise<{ url: string; openUrl: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`mnemo serve exited with ${code}: ${stderr}`)));
  });
  return {
    ...started,
    dataDir,
    process: child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Closes the browser, stops the server and removes its data directory (each when it was started). */
export async function shutdown(browser: Browser | undefined, served: Served | undefined): Promise<void> {
  await browser?.close();
  await served?.stop();
  if (served) fs.rmSync(served.dataDir, { recursive: true, force: true });
}

/** Debian's chromium, headless, with the flags a closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Where a screenshot of this name is kept as a test artifact. */
export function artifactPath(name: string): string {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** The Electron binary, when its download happened; null otherwise. */
export function electronBinary(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Calls a channel over HTTP with the session's token, as the page does; throws the API's error. */
export async function callApi<C extends ChannelName>(served: Served, channel: C, request: unknown): Promise<ResponseOf<C>> {
  const token = new URL(served.openUrl).searchParams.get('token')!;
  const response = await fetch(new URL(`/api/${channel}`, served.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Mnemo-Token': token },
    body: JSON.stringify(request),
  });
  const result = (await response.json()) as { ok: true; value: ResponseOf<C> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

/** Collects the page's uncaught errors and console errors, each with the route it happened on. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  const where = () => new URL(page.url()).hash || '#/studies';
  page.on('pageerror', (e) => errors.push(`${where()}: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`${where()}: ${m.text()}`));
  return errors;
}

import fs from 'node:fs';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ensureElectronSqlite } from '../../scripts/electron-native.mjs';
import { artifactPath, electronBinary, ROOT, tempDataDir } from './harness';

const binary = electronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const why = !binary
  ? 'the Electron binary is not installed here (npm ci skips its download; `npm start` fetches it where the network allows)'
  : 'there is no display (run under xvfb-run to include it)';

if (!binary || !display) console.warn(`[e2e] Electron launch test SKIPPED: ${why}.`);

describe('the workbench in Electron', () => {
  it.skipIf(!binary || !display)('opens a secure window whose About panel is filled over IPC', async () => {
    // The main process needs better-sqlite3 built for Electron's ABI, as `npm start` arranges.
    const sqlite = ensureElectronSqlite(ROOT);
    expect(sqlite.error).toBeNull();
    const dataDir = tempDataDir();
    const app = await electron.launch({
      executablePath: binary!,
      args: [ROOT, '--data-dir', dataDir],
      cwd: ROOT,
      env: { ...process.env, MNEMO_SQLITE_BINDING: sqlite.path! } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('mnemo://app/index.html');
      // The page sees the narrow preload API and no Node.js.
      expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => Object.keys((globalThis as unknown as { mnemo: { invoke: object } }).mnemo.invoke))).toContain('system.about');
      await page.click('[data-nav="about"]');
      await page.locator('[data-field="selected-backend"]').waitFor();
      expect(await page.locator('[data-field="transport"]').textContent()).toBe('Electron IPC');
      expect(await page.locator('[data-field="data-dir"]').textContent()).toBe(dataDir);
      expect(await page.locator('[data-field="electron-version"]').textContent()).toMatch(/^\d+\.\d+\.\d+/);
      await page.screenshot({ path: artifactPath('about-electron.png') });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

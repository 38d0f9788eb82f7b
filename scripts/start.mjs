#!/usr/bin/env node
/**
 * `npm start`: build the app, then open it in Electron when an Electron binary can be had, and
 * otherwise serve the same UI to a browser on 127.0.0.1. Never fails just because Electron is absent.
 *   npm start [-- --browser] [-- --data-dir DIR] [-- --host HOST --port PORT]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser') || process.env.MNEMO_BROWSER === '1';
// The main job: a fresh data directory starts the quick study, which the workbench then shows.
const passThrough = [...args.filter((arg) => arg !== '--browser'), '--quick-study-if-empty'];

function run(command, commandArgs, options = {}) {
  return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
}

/** The Electron binary's path, or null when its download never happened. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Fetches the Electron binary (skipped by `npm ci` through allowScripts); false when offline. */
function installElectron() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return false;
  console.log('Mnemo: fetching the Electron binary (once)…');
  const result = run(process.execPath, [installer], { timeout: 180_000, stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status !== 0) {
    const lines = String(result.stderr ?? '').split('\n');
    const reason = result.error?.message ?? lines.find((line) => /error/i.test(line))?.trim() ?? 'unknown error';
    console.log(`Mnemo: Electron could not be downloaded (${reason}).`);
    return false;
  }
  return electronBinary() !== null;
}

function whyNoDisplay() {
  if (process.platform !== 'linux') return null;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY ? null : 'no graphical display (DISPLAY is unset)';
}

function serveInBrowser(reason) {
  if (reason) console.log(`Mnemo: opening the workbench in your browser instead of a window: ${reason}.`);
  const child = spawn(process.execPath, [path.join(root, 'bin', 'mnemo.mjs'), 'serve', ...passThrough], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const build = run(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('Mnemo: the build failed; see the errors above.');
  process.exit(1);
}

if (forceBrowser) serveInBrowser(null);
else {
  const display = whyNoDisplay();
  const binary = display ? null : (electronBinary() ?? (installElectron() ? electronBinary() : null));
  if (display) serveInBrowser(display);
  else if (!binary) serveInBrowser('Electron is not installed and could not be downloaded');
  else {
    const sqlite = ensureElectronSqlite(root);
    if (!sqlite.path) serveInBrowser(`better-sqlite3 could not be built for Electron (${sqlite.error})`);
    else launchElectron(binary, sqlite.path);
  }
}

/** Opens the window; a crash in the first seconds means Electron cannot run here (missing system libraries…). */
function launchElectron(binary, sqliteBinding) {
  const started = Date.now();
  const child = spawn(binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env: { ...process.env, MNEMO_SQLITE_BINDING: sqliteBinding } });
  child.on('error', (error) => serveInBrowser(`Electron failed to start (${error.message})`));
  child.on('exit', (code) => {
    if (code !== 0 && Date.now() - started < 10_000) serveInBrowser(`Electron exited with code ${code} on start-up`);
    else process.exit(code ?? 0);
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decideBind, isLoopback } from '../../../src-main/bridge/bind-address';
import { startBridge, TOKEN_COOKIE, TOKEN_HEADER, type Bridge } from '../../../src-main/bridge/server';
import { tokenMatches } from '../../../src-main/bridge/token';
import { createDispatch } from '../../../src-main/ipc/dispatch';
import { EventHub } from '../../../src-main/ipc/event-hub';
import type { AboutInfo } from '../../../src-shared/system';

const TOKEN = 'test-token-0123456789';
let bridge: Bridge;
let staticDir: string;
const events = new EventHub();

beforeAll(async () => {
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-bridge-'));
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Mnemo</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(os.tmpdir(), 'mnemo-secret.txt'), 'secret');
  const dispatch = createDispatch({ 'system.about': () => ({ appVersion: '9.9.9' }) as AboutInfo }, () => {});
  bridge = await startBridge({ dispatch, events, staticDir, token: TOKEN });
});

afterAll(async () => {
  await bridge.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

const api = (headers: Record<string, string>, body = '{}') =>
  fetch(`${bridge.url}api/system.about`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('bridge: API token', () => {
  it('listens on loopback by default and prints a URL with the token', () => {
    expect(bridge.host).toBe('127.0.0.1');
    expect(bridge.openUrl).toBe(`${bridge.url}?token=${TOKEN}`);
    expect(bridge.warning).toBeNull();
  });

  it('refuses API calls without a token or with a wrong one', async () => {
    const attempts: Array<Record<string, string>> = [{}, { [TOKEN_HEADER]: 'wrong' }, { [TOKEN_HEADER]: `${TOKEN}x` }];
    for (const headers of attempts) {
      const response = await api(headers);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
  });

  it('answers API calls that carry the token in the header, through the contract', async () => {
    const response = await api({ [TOKEN_HEADER]: TOKEN });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: { appVersion: '9.9.9' } });
    const invalid = (await (await api({ [TOKEN_HEADER]: TOKEN }, '{"nope":1}')).json()) as { error: { code: string } };
    expect(invalid.error.code).toBe('invalid-request');
    const broken = await api({ [TOKEN_HEADER]: TOKEN }, '{not json');
    expect(broken.status).toBe(400);
  });

  it('does not accept the cookie alone for API calls', async () => {
    const response = await api({ cookie: `${TOKEN_COOKIE}=${TOKEN}` });
    expect(response.status).toBe(401);
  });
});

describe('bridge: static files', () => {
  it('needs the token: from the query once (which sets a strict cookie), then from the cookie', async () => {
    expect((await fetch(bridge.url)).status).toBe(401);
    expect((await fetch(`${bridge.url}?token=wrong`)).status).toBe(401);
    const first = await fetch(bridge.openUrl);
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('<title>Mnemo</title>');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toContain(`${TOKEN_COOKIE}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(first.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = await fetch(`${bridge.url}assets/app.js`, { headers: { cookie: `${TOKEN_COOKIE}=${TOKEN}` } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves files outside the renderer folder', async () => {
    const response = await fetch(`${bridge.url}..%2fmnemo-secret.txt?token=${TOKEN}`);
    expect(await response.text()).not.toContain('secret');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: bridge.port, path: `/?token=${TOKEN}`, headers: { host: `evil.example:${bridge.port}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

describe('bridge: events socket', () => {
  const wsUrl = () => `ws://127.0.0.1:${bridge.port}/events`;

  it('refuses a socket without the token', async () => {
    const socket = new WebSocket(wsUrl());
    const outcome = await new Promise<string>((resolve) => {
      socket.on('open', () => resolve('open'));
      socket.on('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('delivers push events to a socket with the token', async () => {
    const socket = new WebSocket(`${wsUrl()}?token=${TOKEN}`);
    await new Promise((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    const received = new Promise<unknown>((resolve) => socket.on('message', (data) => resolve(JSON.parse(String(data)))));
    events.emit('system.log', { level: 'info', message: 'hello', at: '2026-01-01T00:00:00Z' });
    expect(await received).toEqual({ event: 'system.log', payload: { level: 'info', message: 'hello', at: '2026-01-01T00:00:00Z' } });
    socket.close();
  });
});

describe('bind address', () => {
  it('treats 127.0.0.0/8, ::1 and localhost as loopback', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.8.9.1')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('localhost')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('192.168.1.4')).toBe(false);
    expect(isLoopback('::')).toBe(false);
  });

  it('needs the explicit --host flag for a non-loopback bind, and warns with it', () => {
    expect(decideBind(undefined, false)).toEqual({ host: '127.0.0.1', loopback: true, warning: null });
    expect(() => decideBind('0.0.0.0', false)).toThrow(/--host 0\.0\.0\.0/);
    const explicit = decideBind('0.0.0.0', true);
    expect(explicit.loopback).toBe(false);
    expect(explicit.warning).toMatch(/WARNING/);
  });

  it('refuses to start a bridge on a non-loopback host without the flag', async () => {
    const dispatch = createDispatch({ 'system.about': () => ({}) as AboutInfo }, () => {});
    await expect(startBridge({ dispatch, events, staticDir, host: '0.0.0.0' })).rejects.toThrow(/only loopback/);
  });
});

describe('tokenMatches', () => {
  it('compares exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'ab')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
  });
});

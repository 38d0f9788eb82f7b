/**
 * The browser transport: a loopback HTTP + WebSocket server that serves the built renderer and the
 * same IPC contract as Electron. Every request needs the per-launch token:
 * - the page is opened once as `/?token=…`, which sets an HttpOnly, SameSite=Strict cookie for
 *   the static files (the renderer keeps the token for API calls);
 * - `POST /api/<channel>` needs the `X-Mnemo-Token` header (a custom header also stops
 *   cross-site form posts);
 * - the `/events` WebSocket needs `?token=`.
 * On loopback the Host header must name this server, which defeats DNS rebinding.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../app/security/csp';
import type { Dispatch } from '../ipc/dispatch';
import type { EventHub } from '../ipc/event-hub';
import { decideBind } from './bind-address';
import { readStaticFile } from './static-files';
import { createToken, tokenMatches } from './token';

export const TOKEN_HEADER = 'x-mnemo-token';
export const TOKEN_COOKIE = 'mnemo_token';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface BridgeOptions {
  dispatch: Dispatch;
  events: EventHub;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  host?: string;
  /** Whether `host` came from an explicit `--host` flag. */
  explicitHost?: boolean;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests; a random one otherwise. */
  token?: string;
}

export interface Bridge {
  url: string;
  /** The URL to open, token included. */
  openUrl: string;
  token: string;
  host: string;
  port: number;
  warning: string | null;
  close(): Promise<void>;
}

function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

function securityHeaders(res: http.ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the bridge; resolves once it listens. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const bind = decideBind(options.host, options.explicitHost ?? false);
  const token = options.token ?? createToken();
  let allowedHosts: Set<string> = new Set();

  const hostAllowed = (hostHeader: string | undefined): boolean =>
    !bind.loopback || (hostHeader !== undefined && allowedHosts.has(hostHeader.toLowerCase()));

  const server = http.createServer(async (req, res) => {
    securityHeaders(res);
    if (!hostAllowed(req.headers.host)) return sendText(res, 421, 'Misdirected request: unexpected Host header.');
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendText(res, 405, 'Use POST for API calls.');
      if (!tokenMatches(token, req.headers[TOKEN_HEADER] as string | undefined)) {
        return sendJson(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong access token.' } });
      }
      let payload: unknown;
      try {
        const body = await readBody(req);
        payload = body ? JSON.parse(body) : {};
      } catch (error) {
        return sendJson(res, 400, {
          ok: false,
          error: { code: 'invalid-request', message: `Request body is not valid JSON: ${(error as Error).message}` },
        });
      }
      const result = await options.dispatch(decodeURIComponent(url.pathname.slice('/api/'.length)), payload);
      return sendJson(res, 200, result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
    const queryToken = url.searchParams.get('token');
    const authorised = tokenMatches(token, queryToken) || tokenMatches(token, cookieToken(req.headers.cookie));
    if (!authorised) {
      return sendText(res, 401, 'Mnemo: open the URL printed by `mnemo serve`; it carries the access token.');
    }
    if (tokenMatches(token, queryToken)) {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const file = readStaticFile(options.staticDir, url.pathname) ?? readStaticFile(options.staticDir, '/');
    if (!file) return sendText(res, 404, `The renderer is not built (no index.html in ${options.staticDir}); run npm run build.`);
    res.writeHead(200, { 'Content-Type': file.contentType, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  const sockets = new WebSocketServer({ noServer: true });
  const unsubscribe = options.events.subscribe((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    const origin = req.headers.origin;
    const originOk = origin === undefined || allowedHosts.has(origin.replace(/^https?:\/\//, '').toLowerCase()) || !bind.loopback;
    if (url.pathname !== '/events' || !hostAllowed(req.headers.host) || !originOk || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => sockets.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, bind.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${bind.host}:${port}`]);
  const shownHost = bind.host.includes(':') ? `[${bind.host}]` : bind.host;
  const url = `http://${shownHost}:${port}/`;

  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    host: bind.host,
    port,
    warning: bind.warning,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Browser mode: the api router over loopback HTTP + WebSocket.
 *
 * Security model (see DESIGN.md "Browser mode security"):
 * - listens on 127.0.0.1 only;
 * - a per-launch secret that is never printed nor put on a command line: the start URL carries a
 *   one-time launch token (`/?t=…`, valid `launchTtlMs`, spent at first use) that is exchanged for the
 *   secret in an HttpOnly SameSite=Strict cookie; non-browser clients in-process send the secret as
 *   `X-Pos-Token`;
 * - at most `maxSockets` event sockets at once;
 * - Host must be 127.0.0.1:PORT or localhost:PORT (DNS rebinding), a present Origin must be ours;
 * - strict CSP and friends on every response.
 */
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ApiRouter } from '../router.js';
import { handleApiCall } from './api-calls.js';
import { createEventSockets } from './event-socket.js';
import { TOKEN_COOKIE, checkRequest, hasTokenCookie, hostIsAllowed, originStatus, tokenEquals } from './guards.js';
import { hostSecurityHeaders } from '../transport-shared/security-headers.js';
import { serveStatic } from './static-files.js';

export interface HostOptions {
  router: ApiRouter;
  /** the Vite build of the renderer: index.html + assets/ */
  staticDir: string;
  /** 0 (default) picks a free port */
  port?: number;
  /** default: 32 random bytes as hex, new for every launch */
  token?: string;
  /** WebSocket ping period; tests shorten it */
  pingIntervalMs?: number;
  /** how long a launch URL's one-time token stays valid (default 60 s) */
  launchTtlMs?: number;
  /** event sockets open at once (default 8: the renderer needs one, a reload briefly two) */
  maxSockets?: number;
}

export interface RunningHost {
  /** http://127.0.0.1:PORT/?t=LAUNCH — the URL to open: its token works once, for launchTtlMs */
  url: string;
  /** another one-time launch URL (the first expired, or a second window) */
  newLaunchUrl(): string;
  origin: string;
  port: number;
  /** the long-lived secret (the cookie's value, X-Pos-Token): for in-process callers only, never printed */
  token: string;
  close(): Promise<void>;
}

const HostOptionsSchema = z.object({
  staticDir: z.string().min(1, 'staticDir is required'),
  port: z.number().int().min(0).max(65535).default(0),
  // the token travels in a URL and a cookie: keep it to URL- and cookie-safe characters
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'token: 16 to 256 characters of A-Z a-z 0-9 _ -')
    .optional(),
  pingIntervalMs: z.number().int().positive().default(20_000),
  launchTtlMs: z.number().int().positive().default(60_000),
  maxSockets: z.number().int().min(1).max(1000).default(8),
});

const UNAUTHORIZED_PAGE =
  '未授权：请打开终端启动时显示的地址（含 ?t= 令牌，一次有效）；已过期时在终端窗口按回车获取新地址。\n' +
  'Unauthorized: open the URL printed when the terminal started (its ?t= token works once); if it expired, press Enter in the terminal window for a new one.\n';

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const parsed = HostOptionsSchema.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`startHost: ${issue.path.join('.') || 'options'}: ${issue.message}`);
  }
  const { staticDir, pingIntervalMs, launchTtlMs, maxSockets } = parsed.data;
  const token = parsed.data.token ?? randomBytes(32).toString('hex');
  // one-time launch tokens → when they expire; a spent or expired one is gone from the map
  const launches = new Map<string, number>();
  const mintLaunch = () => {
    const now = Date.now();
    for (const [t, exp] of launches) if (exp <= now) launches.delete(t);
    const t = randomBytes(24).toString('base64url');
    launches.set(t, now + launchTtlMs);
    return t;
  };
  /** the launch token is valid now: spend it (constant-time compare against each open one) */
  const spendLaunch = (given: string | null): boolean => {
    const now = Date.now();
    for (const [t, exp] of launches) {
      if (tokenEquals(given, t)) {
        launches.delete(t);
        return exp > now;
      }
    }
    return false;
  };
  const router = opts.router;
  let port = 0; // known once listening; every check reads it
  let headers: Record<string, string> = {};

  const sockets = createEventSockets(router, pingIntervalMs);

  const sendText = (res: ServerResponse, status: number, body: string) => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1'); // base only for parsing; Host is checked below
    const pathname = url.pathname;

    // the start URL: trade the token in the query for the cookie, and drop it from the address bar
    if ((pathname === '/' || pathname === '/index.html') && url.searchParams.has('t') && req.method === 'GET') {
      if (!hostIsAllowed(req, port)) return sendText(res, 403, 'forbidden host\n');
      if (originStatus(req, port) === 'foreign') return sendText(res, 403, 'forbidden origin\n');
      if (spendLaunch(url.searchParams.get('t'))) {
        res.statusCode = 302;
        res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
        res.setHeader('Location', '/');
        res.setHeader('Cache-Control', 'no-store');
        return void res.end();
      }
      if (!hasTokenCookie(req, token)) return sendText(res, 401, UNAUTHORIZED_PAGE);
    }

    const isApi = pathname.startsWith('/api/');
    const verdict = checkRequest(req, port, token, isApi && req.method !== 'GET' && req.method !== 'HEAD');
    if (!verdict.ok) return sendText(res, verdict.status, verdict.status === 401 ? UNAUTHORIZED_PAGE : `${verdict.reason}\n`);

    if (pathname.startsWith('/api/call/')) return handleApiCall(req, res, router, pathname.slice('/api/call/'.length));
    if (isApi) return sendText(res, 404, 'not found\n');
    return serveStatic(req, res, staticDir, pathname, (status, body) => sendText(res, status, body + '\n'));
  }

  function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
    const text = http.STATUS_CODES[status] ?? 'Error';
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'internal error\n');
      else res.destroy();
    });
  });
  server.requestTimeout = 60_000;
  server.headersTimeout = 15_000;

  let upgrading = 0;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname !== '/api/events') return refuseUpgrade(socket, 404, 'not found');
    // browsers always send Origin on a WebSocket; a missing one is accepted only with X-Pos-Token
    const verdict = checkRequest(req, port, token, true);
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, verdict.reason);
    // a page (or a script with the secret) cannot open sockets without end
    if (sockets.wss.clients.size + upgrading >= maxSockets) return refuseUpgrade(socket, 503, 'too many event sockets');
    upgrading += 1;
    sockets.wss.handleUpgrade(req, socket, head, (ws) => {
      upgrading -= 1;
      sockets.wss.emit('connection', ws, req);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(parsed.data.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  headers = hostSecurityHeaders(port);
  const origin = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  const launchUrl = () => `${origin}/?t=${mintLaunch()}`;
  return {
    url: launchUrl(),
    newLaunchUrl: launchUrl,
    origin,
    port,
    token,
    close() {
      closing ??= (async () => {
        await sockets.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { startHost, type RunningHost } from '../../../src/main/host/index.js';
import type { EventListener } from '../../../src/main/event-bus.js';
import type { ApiRouter } from '../../../src/main/router.js';
import { tokenEquals } from '../../../src/main/host/guards.js';

// a tiny fake router: echoes the call back and lets the test emit events
function fakeRouter() {
  const listeners = new Set<EventListener>();
  const calls: Array<{ name: unknown; input: unknown }> = [];
  const router: ApiRouter = {
    async call(name, input) {
      calls.push({ name, input });
      if (name === 'app.info') return { ok: true, data: { echo: input } };
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call: ${String(name)}`, field: null } };
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (name: string, payload: unknown) => {
    for (const l of listeners) (l as (n: string, p: unknown) => void)(name, payload);
  };
  return { router, calls, emit, listeners };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(host: RunningHost, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: { Host: `127.0.0.1:${host.port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Opens a WebSocket; resolves with the open socket or rejects with the refusal status. */
function openSocket(host: RunningHost, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let dir: string;
let host: RunningHost;
let fake: ReturnType<typeof fakeRouter>;
let cookie: string;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pos-host-'));
  const staticDir = path.join(dir, 'www');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>医保结算终端</title><div id="root"></div>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  fake = fakeRouter();
  host = await startHost({ router: fake.router, staticDir, pingIntervalMs: 200 });
  cookie = `pos_t=${host.token}`;
  origin = `http://127.0.0.1:${host.port}`;
});

afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser-mode host: startup and token handover', () => {
  it('binds 127.0.0.1 only; the URL to open carries a one-time launch token, never the secret', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?t=[A-Za-z0-9_-]{32}$`));
    expect(host.url).not.toContain(host.token);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('is not reachable on another local address', async () => {
    // 127.0.0.2 is loopback too, but the server is bound to 127.0.0.1 exactly
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      const req = http.get({ host: '127.0.0.2', port: host.port, path: '/' }, () => resolve(null));
      req.on('error', (e) => resolve(e as NodeJS.ErrnoException));
    });
    // on Linux 127.0.0.2 routes to lo: a refusal proves the bind is not 0.0.0.0
    expect(err?.code).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
  });

  it('refuses a request without a token with 401 and a page that says what to open', async () => {
    const r = await request(host, { path: '/' });
    expect(r.status).toBe(401);
    expect(r.body).toContain('?t=');
    expect(r.headers['content-security-policy']).toBeDefined();
  });

  it('refuses a wrong token in the start URL with 401 and sets no cookie', async () => {
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('0') ? '1' : '0');
    const r = await request(host, { path: `/?t=${wrong}` });
    expect(r.status).toBe(401);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('trades the launch token for the secret in an HttpOnly SameSite=Strict cookie and redirects to /', async () => {
    const r = await request(host, { path: `/?t=${new URL(host.newLaunchUrl()).searchParams.get('t')}` });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const set = r.headers['set-cookie']?.[0] ?? '';
    expect(set).toContain(`pos_t=${host.token}`);
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Path=\//);
  });
});

describe('browser-mode host: static files', () => {
  it('serves index.html with the cookie, not cached, with strict security headers', async () => {
    const r = await request(host, { path: '/', headers: { Cookie: cookie } });
    expect(r.status).toBe(200);
    expect(r.body).toContain('医保结算终端');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('accepts the X-Pos-Token header instead of the cookie', async () => {
    const r = await request(host, { path: '/index.html', headers: { 'X-Pos-Token': host.token } });
    expect(r.status).toBe(200);
  });

  it('serves assets with their content types', async () => {
    const js = await request(host, { path: '/assets/app.js', headers: { Cookie: cookie } });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const css = await request(host, { path: '/assets/app.css', headers: { Cookie: cookie } });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('needs the token for assets too', async () => {
    const r = await request(host, { path: '/assets/app.js' });
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('console.log');
  });

  it.each(['/..%2f..%2fetc/passwd', '/assets/../../x', '/assets/..%2f..%2fsecret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%5c..%5csecret.txt', '/%00index.html'])(
    'does not traverse out of the static dir: %s',
    async (p) => {
      const r = await request(host, { path: p, headers: { Cookie: cookie } });
      expect([403, 404]).toContain(r.status);
      expect(r.body).not.toContain('TOP-SECRET');
      expect(r.body).not.toContain('root:');
    },
  );

  it('answers an unknown file with 404 and a directory with 404', async () => {
    expect((await request(host, { path: '/nope.js', headers: { Cookie: cookie } })).status).toBe(404);
    expect((await request(host, { path: '/assets', headers: { Cookie: cookie } })).status).toBe(404);
  });
});

describe('browser-mode host: Host and Origin checks', () => {
  it('refuses a foreign Host header with 403 even with the token (DNS rebinding)', async () => {
    const r = await request(host, { path: '/', headers: { Cookie: cookie, Host: `evil.example:${host.port}` } });
    expect(r.status).toBe(403);
    const r2 = await request(host, { path: new URL(host.newLaunchUrl()).search.replace(/^/, '/'), headers: { Host: `evil.example:${host.port}` } });
    expect(r2.status).toBe(403);
    expect(r2.headers['set-cookie']).toBeUndefined();
    const r3 = await request(host, { path: '/', headers: { Cookie: cookie, Host: `127.0.0.1:${host.port + 1}` } });
    expect(r3.status).toBe(403);
  });

  it('accepts localhost:PORT as Host', async () => {
    const r = await request(host, { path: '/', headers: { Cookie: cookie, Host: `localhost:${host.port}` } });
    expect(r.status).toBe(200);
  });

  it('refuses a foreign Origin on an API POST without calling the router', async () => {
    const before = fake.calls.length;
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Cookie: cookie, Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(403);
    expect(fake.calls.length).toBe(before);
  });

  it('refuses an API POST with only the cookie and no Origin (a browser always sends Origin on POST)', async () => {
    const r = await request(host, { method: 'POST', path: '/api/call/app.info', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('refuses an API POST with a foreign Origin even with the token header', async () => {
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { 'X-Pos-Token': host.token, Origin: `http://localhost:${host.port + 1}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(r.status).toBe(403);
  });
});

describe('browser-mode host: API calls', () => {
  it('round-trips a call through the router and returns its ApiResult exactly', async () => {
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ a: 1, s: '昭通' }),
    });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(r.body)).toEqual({ ok: true, data: { echo: { a: 1, s: '昭通' } } });
    expect(fake.calls.at(-1)).toEqual({ name: 'app.info', input: { a: 1, s: '昭通' } });
  });

  it('works for a non-browser client with the token header and no Origin', async () => {
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/nope.call',
      headers: { 'X-Pos-Token': host.token, 'Content-Type': 'application/json; charset=utf-8' },
      body: '{}',
    });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(fake.calls.at(-1)?.name).toBe('nope.call');
  });

  it('turns a malformed JSON body into a VALIDATION result without calling the router', async () => {
    const before = fake.calls.length;
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: '{"a":',
    });
    expect(r.status).toBe(200);
    const res = JSON.parse(r.body);
    expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: null } });
    expect(typeof res.error.message).toBe('string');
    expect(fake.calls.length).toBe(before);
  });

  it('requires content-type application/json', async () => {
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(r.status).toBe(415);
  });

  it('refuses a body over 2 MB', async () => {
    const big = JSON.stringify({ content: 'x'.repeat(2 * 1024 * 1024 + 10) });
    const r = await request(host, {
      method: 'POST',
      path: '/api/call/app.info',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: big,
    });
    expect(r.status).toBe(413);
  });

  it('answers other methods with 405', async () => {
    const r = await request(host, { method: 'GET', path: '/api/call/app.info', headers: { Cookie: cookie } });
    expect(r.status).toBe(405);
    const r2 = await request(host, { method: 'PUT', path: '/api/call/app.info', headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' }, body: '{}' });
    expect(r2.status).toBe(405);
  });

  it('refuses an API call without the token', async () => {
    const before = fake.calls.length;
    const r = await request(host, { method: 'POST', path: '/api/call/app.info', headers: { Origin: origin, 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(401);
    const r2 = await request(host, { method: 'POST', path: '/api/call/app.info', headers: { Cookie: 'pos_t=' + 'a'.repeat(64), Origin: origin, 'Content-Type': 'application/json' }, body: '{}' });
    expect(r2.status).toBe(401);
    expect(fake.calls.length).toBe(before);
  });
});

describe('browser-mode host: event socket', () => {
  it('refuses a socket without the token', async () => {
    await expect(openSocket(host, { Origin: origin })).rejects.toThrow(/refused 401/);
  });

  it('refuses a socket with a foreign Origin even with the cookie', async () => {
    await expect(openSocket(host, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow(/refused 403/);
  });

  it('refuses a socket with a foreign Host', async () => {
    await expect(openSocket(host, { Origin: origin, Cookie: cookie, Host: `evil.example:${host.port}` })).rejects.toThrow(/refused 403/);
  });

  it('refuses a socket with only the cookie and no Origin', async () => {
    // ws sends no Origin unless told to
    await expect(openSocket(host, { Cookie: cookie })).rejects.toThrow(/refused 403/);
  });

  it('accepts a socket with the cookie and our Origin and delivers every router event to it', async () => {
    const ws = await openSocket(host, { Origin: origin, Cookie: cookie });
    const ws2 = await openSocket(host, { 'X-Pos-Token': host.token });
    const got = (s: WebSocket) => new Promise<unknown>((resolve) => s.once('message', (d) => resolve(JSON.parse(String(d)))));
    const p1 = got(ws);
    const p2 = got(ws2);
    ws.send('ignored: calls go over HTTP');
    fake.emit('device.error', { deviceId: 'qr-1', reason: '断开' });
    expect(await p1).toEqual({ event: 'device.error', payload: { deviceId: 'qr-1', reason: '断开' } });
    expect(await p2).toEqual({ event: 'device.error', payload: { deviceId: 'qr-1', reason: '断开' } });
    ws.close();
    ws2.close();
  });

  it('pings connected sockets', async () => {
    const ws = await openSocket(host, { Origin: origin, Cookie: cookie });
    await new Promise<void>((resolve) => ws.once('ping', () => resolve()));
    ws.close();
  });
});

describe('token compare', () => {
  it('accepts only the exact token', () => {
    const t = 'ab'.repeat(32);
    expect(tokenEquals(t, t)).toBe(true);
    expect(tokenEquals(t.slice(1), t)).toBe(false);
    expect(tokenEquals(t + 'a', t)).toBe(false);
    expect(tokenEquals('', t)).toBe(false);
    expect(tokenEquals(undefined, t)).toBe(false);
    expect(tokenEquals(t.toUpperCase(), t)).toBe(false);
  });
});

describe('startHost lifecycle', () => {
  it('uses a given token and port 0, generates a new token per launch, and closes', async () => {
    const a = await startHost({ router: fakeRouter().router, staticDir: dir, token: 'fixed-token-1234567890' });
    const b = await startHost({ router: fakeRouter().router, staticDir: dir });
    const c = await startHost({ router: fakeRouter().router, staticDir: dir });
    expect(a.token).toBe('fixed-token-1234567890');
    expect(b.token).not.toBe(c.token);
    expect(b.port).not.toBe(c.port);
    await Promise.all([a.close(), b.close(), c.close()]);
    await expect(request(b, { path: '/' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('rejects a token with characters unsafe in a cookie', async () => {
    await expect(startHost({ router: fakeRouter().router, staticDir: dir, token: 'short' })).rejects.toThrow(/token/);
    await expect(startHost({ router: fakeRouter().router, staticDir: dir, token: 'a;b=c'.repeat(5) })).rejects.toThrow(/token/);
  });

  it('unsubscribes from the router on close', async () => {
    const f = fakeRouter();
    const h = await startHost({ router: f.router, staticDir: dir });
    expect(f.listeners.size).toBe(1);
    await h.close();
    expect(f.listeners.size).toBe(0);
  });
});

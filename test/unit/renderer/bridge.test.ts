/** The browser-mode host client against a real loopback HTTP server and WebSocket server. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createHostClient, getBridge, type HostClient } from '../../../src/renderer/bridge.js';
import type { PosBridge } from '../../../src/shared/api.js';

let server: Server;
let wss: WebSocketServer;
let base: string;
let seen: { url: string; method: string; contentType: string; body: unknown }[];
let client: HostClient | null;

beforeEach(async () => {
  seen = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : null;
      seen.push({ url: req.url ?? '', method: req.method ?? '', contentType: req.headers['content-type'] ?? '', body });
      if (req.url === '/api/call/app.info') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, data: { shell: 'browser' } }));
      } else if (req.url === '/api/call/person.identify') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'bad certno', field: 'certno' } }));
      } else {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>bad gateway</html>');
      }
    });
  });
  wss = new WebSocketServer({ server, path: '/api/events' });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = null;
});

afterEach(async () => {
  client?.close();
  for (const ws of wss.clients) ws.terminate();
  await new Promise((r) => wss.close(r));
  await new Promise((r) => server.close(r));
});

function connect(): HostClient {
  client = createHostClient({
    baseUrl: base,
    eventsUrl: `${base.replace('http', 'ws')}/api/events`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    backoffMs: 20,
    maxBackoffMs: 100,
  });
  return client;
}

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('host client calls', () => {
  it('POSTs JSON to /api/call/<name> and returns the ApiResult', async () => {
    const c = connect();
    const r = await c.call('app.info', {});
    expect(r).toEqual({ ok: true, data: { shell: 'browser' } });
    expect(seen[0]).toMatchObject({ url: '/api/call/app.info', method: 'POST', contentType: 'application/json', body: {} });
  });

  it('passes an error result through, whatever the HTTP status', async () => {
    const r = await connect().call('person.identify', { mdtrt_cert_type: '02', certno: '1' });
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'bad certno', field: 'certno' } });
    expect(seen[0].body).toEqual({ mdtrt_cert_type: '02', certno: '1' });
  });

  it('a reply that is not JSON becomes INTERNAL', async () => {
    const r = await connect().call('status.get', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
  });

  it('a network failure becomes INTERNAL, never a throw', async () => {
    const dead = createHostClient({ baseUrl: 'http://127.0.0.1:1', WebSocket: undefined as unknown as typeof globalThis.WebSocket });
    const r = await dead.call('app.info', {});
    dead.close();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).toContain('app.info');
    }
  });
});

describe('host client events', () => {
  it('delivers {event, payload} messages to listeners, ignores garbage, unsubscribes', async () => {
    const c = connect();
    const got: unknown[] = [];
    const off = c.on('status.changed', (p) => got.push(p));
    await until(() => wss.clients.size === 1);
    const [ws] = [...wss.clients];
    ws.send('not json');
    ws.send(JSON.stringify({ event: 'session.changed', payload: { x: 1 } }));
    ws.send(JSON.stringify({ event: 'status.changed', payload: { n: 1 } }));
    await until(() => got.length === 1);
    expect(got).toEqual([{ n: 1 }]);
    off();
    ws.send(JSON.stringify({ event: 'status.changed', payload: { n: 2 } }));
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([{ n: 1 }]);
  });

  it('reconnects after the socket drops and keeps the listeners', async () => {
    const c = connect();
    const got: unknown[] = [];
    c.on('settlement.updated', (p) => got.push(p));
    await until(() => wss.clients.size === 1);
    const first = [...wss.clients][0];
    first.terminate();
    await until(() => [...wss.clients].some((w) => w !== first && w.readyState === WebSocket.OPEN));
    const second = [...wss.clients].find((w) => w !== first)!;
    second.send(JSON.stringify({ event: 'settlement.updated', payload: { id: 'S1' } }));
    await until(() => got.length === 1);
    expect(got).toEqual([{ id: 'S1' }]);
  });
});

describe('getBridge', () => {
  it('uses window.pos when a shell put it there', () => {
    const g = globalThis as unknown as { pos?: PosBridge };
    const stub: PosBridge = { call: async () => ({ ok: true, data: null as never }), on: () => () => {} };
    g.pos = stub;
    try {
      expect(getBridge()).toBe(stub);
    } finally {
      delete g.pos;
    }
  });
});

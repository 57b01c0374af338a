/**
 * The browser-mode launch: the long-lived secret is never printed nor on Chromium's command line; the
 * start URL's token works once and only for a short time; event sockets are capped.
 */
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../../src/main/host/index.js';
import type { ApiRouter } from '../../../src/main/router.js';

const router: ApiRouter = { call: async () => ({ ok: true, data: null }), subscribe: () => () => undefined };
let dir: string;
let host: RunningHost;

function get(p: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: host.port, path: p, headers: { Host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] }));
      })
      .on('error', reject);
  });
}
const launchPath = (url: string) => `/${new URL(url).search}`;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pos-launch-'));
  mkdirSync(path.join(dir, 'www'));
  writeFileSync(path.join(dir, 'www', 'index.html'), '<!doctype html><title>t</title>');
  host = await startHost({ router, staticDir: path.join(dir, 'www'), launchTtlMs: 300, maxSockets: 3 });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the launch URL', () => {
  it('works once: the second use of the same URL gets no cookie', async () => {
    const first = await get(launchPath(host.url));
    expect(first.status).toBe(302);
    expect(first.cookie).toContain(`pos_t=${host.token}`);
    const again = await get(launchPath(host.url));
    expect(again.status).toBe(401);
    expect(again.cookie).toBeUndefined();
  });

  it('expires: a URL not used within launchTtlMs gets no cookie', async () => {
    const url = host.newLaunchUrl();
    await new Promise((r) => setTimeout(r, 400));
    const late = await get(launchPath(url));
    expect(late.status).toBe(401);
    expect(late.cookie).toBeUndefined();
  });

  it('the long-lived secret in a URL is not accepted (it must never travel on a command line)', async () => {
    const r = await get(`/?t=${host.token}`);
    expect(r.status).toBe(401);
    expect(r.cookie).toBeUndefined();
  });

  it('each new launch URL is different, and each works once', async () => {
    const a = host.newLaunchUrl();
    const b = host.newLaunchUrl();
    expect(a).not.toBe(b);
    expect((await get(launchPath(b))).status).toBe(302);
    expect((await get(launchPath(a))).status).toBe(302);
  });
});

describe('event sockets', () => {
  it('are capped: beyond maxSockets a socket with the secret is refused 503', async () => {
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: { 'X-Pos-Token': host.token } });
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_q, res) => reject(new Error(`refused ${res.statusCode}`)));
        ws.once('error', reject);
      });
    const sockets = await Promise.all([open(), open(), open()]);
    await expect(open()).rejects.toThrow(/refused 503/);
    sockets[0]!.close();
    await new Promise((r) => setTimeout(r, 100));
    const again = await open();
    for (const s of [...sockets, again]) s.close();
  });
});

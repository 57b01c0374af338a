import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));
const { createAppProtocolHandler } = await import('../../../src/main/electron/app-protocol.js');

let dir: string;
let handle: (r: Request) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pos-app-'));
  const www = path.join(dir, 'renderer');
  mkdirSync(path.join(www, 'assets'), { recursive: true });
  writeFileSync(path.join(www, 'index.html'), '<!doctype html><title>医保结算终端</title>');
  writeFileSync(path.join(www, 'assets', 'a.js'), 'export {}');
  writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  handle = createAppProtocolHandler(www, 'pos');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves index.html with the strict CSP', async () => {
    const r = await handle(new Request('app://pos/index.html'));
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('医保结算终端');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves / as index.html and assets with their types', async () => {
    expect((await handle(new Request('app://pos/'))).status).toBe(200);
    const js = await handle(new Request('app://pos/assets/a.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each(['app://pos/..%2fsecret.txt', 'app://pos/assets/..%2f..%2fsecret.txt', 'app://pos/%2e%2e/secret.txt', 'app://pos/assets/..%5c..%5csecret.txt'])(
    'does not leave the renderer dir: %s',
    async (url) => {
      const r = await handle(new Request(url));
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain('TOP-SECRET');
    },
  );

  it('answers another host with 404 and a POST with 405', async () => {
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request('app://pos/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

/**
 * `npm run institution-demo` as a person runs it: PostgreSQL, the simulator and three windows start,
 * the three printed addresses answer (one-time launch token → cookie → the page), every window has
 * pulled the institution's demo cashiers (the supervisor logs in at each), the first window's overview lists the
 * three, and SIGINT (Ctrl+C) stops everything and removes the temp
 * directory, PostgreSQL's included.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';

const root = path.resolve(import.meta.dirname, '../../..');
const t = tempDir('pos-demo-test-');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist/renderer/index.html'))) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
}, 120_000);
afterAll(() => t.cleanup());

describe('npm run institution-demo', () => {
  it('starts three windows whose addresses answer, and Ctrl+C stops it all', async () => {
    const dir = path.join(t.dir, 'demo');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/institution-demo/main.ts', '--port', '0', '--dir', dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the demo did not say ready:\n${out}`)), 60_000);
        const check = () => {
          if (out.includes('[demo] ready')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', check);
        void exited.then(() => reject(new Error(`the demo exited:\n${out}`)));
      });
      const urls = [...out.matchAll(/(W0[123]) [^\n]*?: (http:\/\/127\.0\.0\.1:\d+\/\?t=[A-Za-z0-9_-]+)/g)].map((m) => [m[1], m[2]] as const);
      expect(urls.map(([w]) => w)).toEqual(['W01', 'W02', 'W03']);
      expect(new Set(urls.map(([, u]) => new URL(u).port)).size).toBe(3);
      expect(out).toMatch(/9001 \/ PIN 9999/);
      for (const [w, url] of urls) {
        const first = await fetch(url, { redirect: 'manual' });
        expect(first.status).toBe(302);
        const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
        const page = await fetch(new URL('/', url), { headers: { cookie } });
        expect(page.status).toBe(200);
        expect(await page.text()).toMatch(/<html/i);
        const api = async (name: string, input: unknown = {}) => {
          const r = await fetch(new URL(`/api/call/${name}`, url), { method: 'POST', headers: { cookie, origin: new URL(url).origin, 'content-type': 'application/json' }, body: JSON.stringify(input) });
          return (await r.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } };
        };
        // the window pulled the institution's demo cashiers: the supervisor logs in at each
        let login = await api('session.login', { cashierNo: '9001', pin: '9999' });
        for (let i = 0; !login.ok && i < 50; i++) {
          await new Promise((r) => setTimeout(r, 200));
          login = await api('session.login', { cashierNo: '9001', pin: '9999' });
        }
        expect(login.ok, `${w}: ${JSON.stringify(login.error)}`).toBe(true);
        if (w === 'W01') {
          // the first window has the finance connection: the overview lists the three (no rows of status before the replication runs)
          const o = await api('institution.windows');
          expect(o.ok, JSON.stringify(o.error)).toBe(true);
          expect(o.data.windows.map((x: { terminalId: string }) => x.terminalId)).toEqual(['W01', 'W02', 'W03']);
        }
      }
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('[demo] stopped');
    expect(fs.existsSync(dir)).toBe(false);
  }, 120_000);
});

/**
 * `npm start` as a person runs it: Electron where its binary exists, browser mode where it does not.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp.js';

const root = path.resolve(import.meta.dirname, '../../..');
const start = path.join(root, 'scripts/start.mjs');

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist/.built'))) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
}, 120_000);

let t: ReturnType<typeof tempDir>;
afterEach(() => t?.cleanup());

describe('npm start', () => {
  it('without an Electron binary starts browser mode on 127.0.0.1 and prints a working URL', async () => {
    t = tempDir('pos-start-');
    const child = spawn(process.execPath, [start, '--no-open'], {
      cwd: t.dir,
      env: { ...process.env, POS_DATA_DIR: t.dir, ELECTRON_OVERRIDE_DIST_PATH: path.join(t.dir, 'no-electron-here') },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 20_000);
      child.stdout.on('data', () => {
        const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?t=[A-Za-z0-9_-]+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    try {
      expect(out).toContain('browser mode');
      const first = await fetch(url, { redirect: 'manual' });
      expect(first.status).toBe(302);
      const cookie = first.headers.get('set-cookie')!.split(';')[0];
      const page = await fetch(new URL('/', url), { headers: { cookie } });
      expect(page.status).toBe(200);
      // what was printed is a one-time launch token, not the secret: it does not work twice
      expect(out).not.toContain(cookie.split('=')[1]);
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(401);
      expect(await page.text()).toContain('<div id="root">');
      expect(fs.existsSync(path.join(t.dir, 'terminal.db'))).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.on('exit', r));
    }
  });

  it('with an Electron binary launches it with the bundled main process', async () => {
    t = tempDir('pos-start-');
    const fakeDist = path.join(t.dir, 'electron-dist');
    fs.mkdirSync(fakeDist);
    const record = path.join(t.dir, 'args.txt');
    const fake = path.join(fakeDist, 'electron');
    fs.writeFileSync(fake, `#!/bin/sh\necho "$@" > ${JSON.stringify(record)}\n`, { mode: 0o755 });
    const r = spawnSync(process.execPath, [start], { cwd: t.dir, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: fakeDist }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(record, 'utf8')).toContain(path.join(root, 'dist/electron/main.cjs'));
  });
});

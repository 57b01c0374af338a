#!/usr/bin/env node
// `npm start`: the Electron window where the Electron binary exists, else browser mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/**
 * Where the Electron binary is, or null. Read the package's path.txt rather than require('electron'):
 * from Electron 45 on, require() tries to download a missing binary, which hangs or fails offline.
 */
function electronBinary() {
  if (process.env.POS_FORCE_BROWSER === '1' || args.includes('--browser')) return null;
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const p = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
      return fs.existsSync(p) ? p : null;
    }
    const pathTxt = path.join(dir, 'path.txt');
    if (!fs.existsSync(pathTxt)) return null;
    const p = path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
    return fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

if (!fs.existsSync(path.join(root, 'dist/.built'))) {
  console.error('[start] the app is not built: run `npm run setup` first.');
  process.exit(1);
}

const bin = electronBinary();
const child = bin
  ? spawn(bin, [path.join(root, 'dist/electron/main.cjs'), ...args], { stdio: 'inherit', cwd: process.cwd() })
  : spawn(process.execPath, [path.join(root, 'dist/main/browser.mjs'), ...args.filter((a) => a !== '--browser')], { stdio: 'inherit', cwd: process.cwd() });
if (!bin) console.log('[start] Electron binary not found: starting browser mode.');
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));

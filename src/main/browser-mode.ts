/**
 * Browser mode: the same main-process services behind the loopback host, the same renderer in
 * Chromium. Used where the Electron binary is absent (this machine, CI) and by the e2e tests.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type BuildOptions, type PosApp } from './app.js';
import { startHost } from './host/index.js';

export interface BrowserModeHandle {
  app: PosApp;
  /** a one-time launch URL (its token works once, for a minute) */
  url: string;
  newLaunchUrl(): string;
  origin: string;
  close(): Promise<void>;
}

export async function startBrowserMode(opts: Omit<BuildOptions, 'shell'> & { staticDir: string; port?: number }): Promise<BrowserModeHandle> {
  const app = await buildApp({ ...opts, shell: 'browser' });
  try {
    const host = await startHost({ router: app.router, staticDir: opts.staticDir, port: opts.port ?? 0 });
    return {
      app,
      url: host.url,
      newLaunchUrl: host.newLaunchUrl,
      origin: host.origin,
      async close() {
        await host.close();
        await app.close();
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(): string | null {
  if (process.env.POS_CHROMIUM) return fs.existsSync(process.env.POS_CHROMIUM) ? process.env.POS_CHROMIUM : null;
  return CHROMIUM_CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

/** Open the renderer in Chromium's app mode (a window without browser chrome), when there is a display. */
export function openInChromium(url: string, dataDir: string): { opened: boolean; reason: string } {
  const exe = findChromium();
  if (!exe) return { opened: false, reason: 'Chromium is not installed' };
  if (os.platform() === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { opened: false, reason: 'no display (DISPLAY is not set)' };
  }
  const profile = path.join(dataDir, 'chromium-profile');
  fs.mkdirSync(profile, { recursive: true });
  const args = [`--app=${url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN'];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const child = spawn(exe, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
  return { opened: true, reason: exe };
}

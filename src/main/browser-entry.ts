/** `npm start` where there is no Electron binary: browser mode on 127.0.0.1. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openInChromium, startBrowserMode } from './browser-mode.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const arg = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

// the last line of defence: a stray rejection is logged, it never takes the cashier's terminal down
process.on('unhandledRejection', (e) => console.error(`[pos] unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));

async function main() {
  const staticDir = process.env.POS_RENDERER_DIR ?? path.resolve(here, '../renderer');
  const handle = await startBrowserMode({ configPath: arg('--config'), staticDir, port: arg('--port') ? Number(arg('--port')) : 0 });
  const open = argv.includes('--no-open') || process.env.POS_NO_OPEN === '1' ? { opened: false, reason: '--no-open' } : openInChromium(handle.url, handle.app.config.dataDir);
  console.log('');
  console.log('  医保结算终端 (browser mode)');
  console.log(`  Open: ${handle.url}`);
  console.log(open.opened ? `  Opened in Chromium app mode (${open.reason}).` : `  Not opened automatically: ${open.reason}. Open the URL above in Chromium or Chrome.`);
  if (handle.app.info.embedded) console.log('  Demo cashier: 1001 / PIN 1234 (supervisor 9001 / 9999, administrator 9901 / 2468). F12 opens the developer panel.');
  console.log('  The address works once, within a minute. Press Enter here for a new one; Ctrl+C stops the terminal.');
  if (process.stdin.isTTY) {
    process.stdin.on('data', () => console.log(`  Open: ${handle.newLaunchUrl()}`));
    process.stdin.unref?.();
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(`[pos] could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

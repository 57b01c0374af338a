#!/usr/bin/env node
// Builds everything `npm start` runs: the renderer (Vite), the browser-mode entry, the CLI and the
// standalone simulator (esbuild, node_modules left external), and the Electron main + preload.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const t0 = Date.now();
const vite = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (vite.status !== 0) process.exit(vite.status ?? 1);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
};
await build({ ...common, entryPoints: { 'main/browser': 'src/main/browser-entry.ts', 'main/cli': 'src/main/cli.ts', 'center-sim/main': 'src/center-sim/main.ts' }, outdir: 'dist', outExtension: { '.js': '.mjs' } });

if (fs.existsSync('scripts/build-electron.mjs')) {
  const el = spawnSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  if (el.status !== 0) process.exit(el.status ?? 1);
}
// the vendor card library's host process (plain CommonJS, run as it is) next to each bundle that starts it
for (const dir of ['dist/main', 'dist/electron']) if (fs.existsSync(dir)) fs.copyFileSync('src/devices/vendor-library/host.cjs', path.join(dir, 'vendor-card-host.cjs'));
fs.writeFileSync('dist/.built', new Date().toISOString());
console.log(`[build] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

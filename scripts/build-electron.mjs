#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/electron/.
// main.cjs: the whole Node side, native modules and electron left external.
// preload.cjs: one CJS file; a sandboxed preload may only require('electron').
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist', 'electron');
const target = 'node22'; // Electron 45 ships Node 22

const nativeExternals = ['electron', 'better-sqlite3', 'node-hid', 'serialport', '@serialport/*', 'bufferutil', 'utf-8-validate'];

if (!existsSync(path.join(root, 'src/main/app.ts'))) {
  console.error('build-electron: src/main/app.ts (the composition root) does not exist yet');
  process.exit(1);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target,
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

// esbuild has already printed the errors; exit without a second stack trace
const fail = () => process.exit(1);

await build({
  ...common,
  entryPoints: ['src/main/electron/entry.ts'],
  outfile: path.join(outdir, 'main.cjs'),
  external: nativeExternals,
  // ESM sources may use import.meta.url; in a CJS bundle it is derived from __filename
  define: { 'import.meta.url': '__pos_import_meta_url' },
  banner: { js: "const __pos_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
}).catch(fail);

const preload = await build({
  ...common,
  entryPoints: ['src/main/electron/preload.ts'],
  outfile: path.join(outdir, 'preload.cjs'),
  external: ['electron'],
  metafile: true,
}).catch(fail);

// guard the sandbox rule: the preload bundle may import nothing but electron
for (const [file, out] of Object.entries(preload.metafile.outputs)) {
  const bad = out.imports.filter((i) => i.external && i.path !== 'electron');
  if (bad.length) {
    console.error(`build-electron: ${file} requires ${bad.map((i) => i.path).join(', ')}; a sandboxed preload may only require electron`);
    process.exit(1);
  }
}

console.log(`build-electron: wrote ${path.relative(root, outdir)}/main.cjs and preload.cjs`);

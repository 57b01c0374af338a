import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The cashier's renderer: built once, loaded by Electron (app://) and by the browser-mode host (http).
// base './' keeps every asset URL relative so both work; no plugins: Vite 8 (oxc) compiles TSX itself.
const projectRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./src/renderer', import.meta.url)),
  base: './',
  publicDir: false,
  oxc: {
    jsx: { runtime: 'automatic' },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // no inline scripts or data: URLs for the CSP (script-src 'self')
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    fs: { allow: [projectRoot] },
  },
});

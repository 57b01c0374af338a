/** Electron entry (bundled to dist/electron/main.cjs): the composition root plus the shell. */
import path from 'node:path';
import { app, safeStorage } from 'electron';
import { buildApp } from '../app.js';
import { setDefaultKeyProtector } from '../store/keys.js';
import { safeStorageProtector } from './key-protector.js';
import { startElectron } from './main.js';
import { rendererDirFor } from './renderer-dir.js';
import { deliverPdfInElectron } from './print-pdf.js';

// a stray rejection is logged; it never takes the cashier's terminal down
process.on('unhandledRejection', (e) => console.error('[electron] unhandled rejection:', e instanceof Error ? e.message : String(e)));

void startElectron({
  createRouter: () => {
    // after 'ready' (safeStorage needs it), before anything opens the store
    setDefaultKeyProtector(safeStorageProtector(safeStorage));
    return buildApp({ shell: 'electron', configPath: process.env.POS_CONFIG, deliverPdf: deliverPdfInElectron });
  },
  // dist/electron/main.cjs -> dist/renderer; another folder only in a development build
  rendererDir: rendererDirFor({ packaged: app.isPackaged, env: process.env, builtIn: path.resolve(__dirname, '../renderer'), log: (l) => console.warn(l) }),
  preloadPath: path.join(__dirname, 'preload.cjs'),
}).catch((err) => {
  console.error('[electron] start failed:', err);
  process.exit(1);
});

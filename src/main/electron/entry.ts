/** Electron entry (bundled to dist/electron/main.cjs): the composition root plus the shell. */
import path from 'node:path';
import { buildApp } from '../app.js';
import { startElectron } from './main.js';
import { deliverPdfInElectron } from './print-pdf.js';

void startElectron({
  createRouter: () => buildApp({ shell: 'electron', configPath: process.env.POS_CONFIG, deliverPdf: deliverPdfInElectron }),
  // dist/electron/main.cjs -> dist/renderer
  rendererDir: process.env.POS_RENDERER_DIR ?? path.resolve(__dirname, '../renderer'),
  preloadPath: path.join(__dirname, 'preload.cjs'),
}).catch((err) => {
  console.error('[electron] start failed:', err);
  process.exit(1);
});

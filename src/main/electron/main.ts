/**
 * The Electron shell: lifecycle, the app:// protocol, one hardened window, IPC. It holds no business
 * logic: the router comes from the composition root through `createRouter`.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, session, type WebContents } from 'electron';
import { electronConfig } from '../../../electron.config.js';
import type { ApiRouter } from '../router.js';
import { createAppProtocolHandler } from './app-protocol.js';
import { registerIpc } from './ipc.js';
import { hardenSession, hardenWebContents } from './security.js';
import { mainWindowOptions } from './window-options.js';

export interface ElectronBackend {
  router: ApiRouter;
  close(): Promise<void>;
}

export interface StartElectronOptions {
  createRouter: () => Promise<ElectronBackend>;
  /** the Vite build of the renderer (index.html + assets/) */
  rendererDir: string;
  /** the bundled preload; default: preload.cjs next to the bundled main */
  preloadPath?: string;
}

const { appScheme, appHost } = electronConfig;
export const APP_ORIGIN = `${appScheme}://${appHost}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Starts the shell. Resolves with the main window once it is loading, or null when another instance
 * already runs (this one then quits).
 */
export async function startElectron(opts: StartElectronOptions): Promise<BrowserWindow | null> {
  // must happen before 'ready'
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.enableSandbox();

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let mainWindow: BrowserWindow | null = null;
  let backend: ElectronBackend | null = null;
  let disposeIpc: (() => void) | null = null;
  let closed = false;

  // every web contents, including any the page manages to create, gets the same guards
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, APP_ORIGIN));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());

  // close the router (SQLite, devices, sync worker) before the process goes
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    disposeIpc?.();
    const closing = backend ? backend.close() : Promise.resolve();
    closing
      .catch((err) => console.error('[electron] closing the router failed:', err))
      .finally(() => app.quit());
  });

  await app.whenReady();
  Menu.setApplicationMenu(null);
  hardenSession(session.defaultSession);
  protocol.handle(appScheme, createAppProtocolHandler(opts.rendererDir, appHost));

  try {
    backend = await opts.createRouter();
  } catch (err) {
    console.error('[electron] the terminal could not start:', err);
    closed = true;
    app.exit(1);
    return null;
  }

  const preloadPath = opts.preloadPath ?? path.join(__dirname, 'preload.cjs');
  const win = new BrowserWindow(mainWindowOptions(preloadPath, electronConfig.window));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });

  disposeIpc = registerIpc(
    ipcMain,
    backend.router,
    (): WebContents | null => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
    `${APP_ORIGIN}/`,
  );
  await win.loadURL(APP_INDEX_URL);
  return win;
}

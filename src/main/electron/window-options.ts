/** BrowserWindow options. Pure functions so the hardening values are unit-tested. */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { electronConfig, type ElectronWindowConfig } from '../../../electron.config.js';

/** The renderer gets no Node, a sandboxed process, an isolated world and only the preload's `window.pos`. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    preload: preloadPath,
  };
}

export function mainWindowOptions(preloadPath: string, win: ElectronWindowConfig = electronConfig.window): BrowserWindowConstructorOptions {
  return {
    width: win.width,
    height: win.height,
    minWidth: win.minWidth,
    minHeight: win.minHeight,
    title: win.title,
    backgroundColor: win.backgroundColor,
    // shown on 'ready-to-show' so the cashier never sees a blank white window
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

import { describe, expect, it } from 'vitest';
import { mainWindowOptions, secureWebPreferences } from '../../../src/main/electron/window-options.js';
import { electronConfig } from '../../../electron.config.js';

describe('secureWebPreferences', () => {
  it('turns on every isolation and turns off every Node and legacy door', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/preload.cjs',
    });
  });
});

describe('mainWindowOptions', () => {
  it('takes the window size and title from electron.config.ts and keeps the secure preferences', () => {
    const o = mainWindowOptions('/p.cjs');
    expect(o.width).toBe(1280);
    expect(o.height).toBe(800);
    expect(o.minWidth).toBe(electronConfig.window.minWidth);
    expect(o.minWidth).toBeLessThanOrEqual(1280);
    expect(o.title).toBe('医保结算终端');
    expect(o.show).toBe(false);
    expect(o.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });

  it('uses a given window config', () => {
    const o = mainWindowOptions('/p.cjs', { ...electronConfig.window, width: 1600, height: 900 });
    expect([o.width, o.height]).toEqual([1600, 900]);
  });
});

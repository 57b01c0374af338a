/**
 * The Electron hardening the binary cannot show here, through the fakes: subframe navigation, device
 * pickers and permissions, the fuses of the packaged app, the CSP without inline styles, the renderer
 * folder override only in development, safeStorage as the key protector.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeSession, FakeWebContents, fakeEvent } from './fakes.js';
import { electronConfig } from '../../../electron.config.js';
import { rendererDirFor } from '../../../src/main/electron/renderer-dir.js';
import { safeStorageProtector } from '../../../src/main/electron/key-protector.js';
import { openKeyring } from '../../../src/main/store/keys.js';
import { tempDir } from '../../helpers/tmp.js';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => undefined) } }));
const { ELECTRON_CSP, hardenSession, hardenWebContents } = await import('../../../src/main/electron/security.js');

describe('will-frame-navigate', () => {
  it('no frame (an iframe included) navigates away from the app', () => {
    const wc = new FakeWebContents();
    hardenWebContents(wc as unknown as WebContents, 'app://pos', []);
    const away = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    wc.emit('will-frame-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();
    const home = fakeEvent({ url: 'app://pos/index.html', isMainFrame: false });
    wc.emit('will-frame-navigate', home);
    expect(home.preventDefault).not.toHaveBeenCalled();
  });
});

describe('devices are the main process’s', () => {
  it('the page gets no device permission and every device picker is answered with none', () => {
    const s = new FakeSession();
    hardenSession(s as unknown as Session);
    expect(s.devicePermission!({ deviceType: 'hid', origin: 'app://pos' })).toBe(false);
    expect(s.devicePermission!({ deviceType: 'serial', origin: 'app://pos' })).toBe(false);
    for (const [name, args] of [
      ['select-hid-device', [{ deviceList: [{ deviceId: 'x' }] }]],
      ['select-usb-device', [{ deviceList: [{ deviceId: 'x' }] }]],
    ] as const) {
      const e = fakeEvent();
      const cb = vi.fn();
      s.events.get(name)!(e, ...args, cb);
      expect(e.preventDefault, name).toHaveBeenCalled();
      expect(cb.mock.calls[0]?.[0] ?? '', name).toBe('');
    }
    const e = fakeEvent();
    const cb = vi.fn();
    s.events.get('select-serial-port')!(e, [{ portId: 'p' }], {}, cb);
    expect(cb).toHaveBeenCalledWith('');
  });
});

describe('the packaged app', () => {
  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspect; asar only, with integrity', () => {
    expect(electronConfig.build.asar).toBe(true);
    expect(electronConfig.build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(electronConfig.externalAllowlist).toEqual([]);
  });

  it('the CSP allows no inline style (nor inline script)', () => {
    expect(ELECTRON_CSP).toContain("style-src 'self';");
    expect(ELECTRON_CSP).not.toContain('unsafe-inline');
    expect(ELECTRON_CSP).not.toContain('unsafe-eval');
  });

  it('POS_RENDERER_DIR is honoured only in a development build', () => {
    const log = vi.fn();
    expect(rendererDirFor({ packaged: true, env: { POS_RENDERER_DIR: '/tmp/evil' }, builtIn: '/app/renderer', log })).toBe('/app/renderer');
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/ignored/));
    expect(rendererDirFor({ packaged: false, env: { POS_RENDERER_DIR: '/src/dist' }, builtIn: '/app/renderer' })).toBe('/src/dist');
    expect(rendererDirFor({ packaged: true, env: {}, builtIn: '/app/renderer' })).toBe('/app/renderer');
  });
});

describe('safeStorage as the key protector', () => {
  const fakeSafeStorage = (backend = 'gnome_libsecret') => {
    const wrap = (s: string) => Buffer.from(`W:${Buffer.from(s).toString('hex')}`);
    return {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => backend,
      encryptString: vi.fn(wrap),
      decryptString: vi.fn((b: Buffer) => Buffer.from(b.toString().slice(2), 'hex').toString()),
    };
  };

  it('wraps the data key; a plain process (the CLI) cannot unwrap it, the integrity key stays usable', () => {
    const t = tempDir('pos-keys-');
    try {
      const ss = fakeSafeStorage();
      const app = openKeyring(`${t.dir}/keys`, safeStorageProtector(ss, 'linux'));
      expect(app.dataProtection()).toBe('os-keystore');
      const key = app.dataKey();
      expect(ss.encryptString).toHaveBeenCalledTimes(1);
      const again = openKeyring(`${t.dir}/keys`, safeStorageProtector(ss, 'linux'));
      expect(again.dataKey().equals(key)).toBe(true);
      const cli = openKeyring(`${t.dir}/keys`, null);
      expect(cli.dataKeyAvailable()).toBe(false);
      expect(() => cli.dataKey()).toThrow(/OS key store of the terminal app/);
      expect(cli.integrityKey().equals(app.integrityKey())).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it("Linux's basic_text backend does not count: the 0600 key file is used", () => {
    const t = tempDir('pos-keys-');
    try {
      const k = openKeyring(`${t.dir}/keys`, safeStorageProtector(fakeSafeStorage('basic_text'), 'linux'));
      expect(k.dataProtection()).toBe('key-file');
    } finally {
      t.cleanup();
    }
  });
});

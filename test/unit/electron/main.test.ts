import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeIpcMain, FakeSession, FakeWebContents, fakeEvent, type Handler } from './fakes.js';

const m = vi.hoisted(() => {
  const state = {
    appHandlers: new Map<string, Handler[]>(),
    lock: true,
    windows: [] as any[],
    ipcMain: null as any,
    session: null as any,
    WebContents: null as any,
  };
  class FakeBrowserWindow {
    options: any;
    webContents: any;
    loaded: string[] = [];
    handlers = new Map<string, Handler>();
    constructor(options: any) {
      this.options = options;
      this.webContents = new state.WebContents();
      state.windows.push(this);
      // Electron fires web-contents-created for the window's own contents
      for (const h of state.appHandlers.get('web-contents-created') ?? []) h({}, this.webContents);
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    once(name: string, fn: Handler) {
      this.handlers.set(name, fn);
    }
    on(name: string, fn: Handler) {
      this.handlers.set(name, fn);
    }
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => false;
    isDestroyed = () => false;
  }
  const app = {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(async () => undefined),
    on: vi.fn((name: string, fn: Handler) => {
      state.appHandlers.set(name, [...(state.appHandlers.get(name) ?? []), fn]);
    }),
  };
  const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
  return { state, app, protocol, FakeBrowserWindow };
});

vi.mock('electron', () => ({
  app: m.app,
  protocol: m.protocol,
  BrowserWindow: m.FakeBrowserWindow,
  Menu: { setApplicationMenu: vi.fn() },
  get ipcMain() {
    return m.state.ipcMain;
  },
  session: {
    get defaultSession() {
      return m.state.session;
    },
  },
  shell: { openExternal: vi.fn(async () => undefined) },
}));

const { startElectron, APP_INDEX_URL } = await import('../../../src/main/electron/main.js');

function backend() {
  return {
    router: { call: vi.fn(async () => ({ ok: true as const, data: 1 })), subscribe: vi.fn(() => () => undefined) },
    close: vi.fn(async () => undefined),
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  m.state.appHandlers.clear();
  m.state.windows.length = 0;
  m.state.lock = true;
  m.state.ipcMain = new FakeIpcMain();
  m.state.session = new FakeSession();
  m.state.WebContents = FakeWebContents;
});

describe('startElectron', () => {
  it('registers app:// as privileged before ready, sandboxes everything, and loads app://pos/index.html in a hardened window', async () => {
    const b = backend();
    const win: any = await startElectron({ createRouter: async () => b, rendererDir: '/r', preloadPath: '/p/preload.cjs' });
    expect(m.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(m.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(m.app.whenReady.mock.invocationCallOrder[0]!);
    expect(m.app.enableSandbox).toHaveBeenCalled();
    expect(m.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(m.state.windows).toHaveLength(1);
    expect(win.options.width).toBe(1280);
    expect(win.options.height).toBe(800);
    expect(win.options.title).toBe('医保结算终端');
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/p/preload.cjs' });
    expect(win.loaded).toEqual([APP_INDEX_URL]);
    expect(APP_INDEX_URL).toBe('app://pos/index.html');
    // the session is hardened
    expect(m.state.session.permissionRequest).not.toBeNull();
    expect(m.state.session.headersReceived).not.toBeNull();
    // the window's contents got the navigation guards
    const wc = win.webContents as FakeWebContents;
    const e = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-navigate', e, 'https://evil.example/');
    expect(e.preventDefault).toHaveBeenCalled();
    expect(wc.windowOpenHandler!({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    // IPC reaches the router from the window's own page
    const res = await m.state.ipcMain.handlers.get('pos:call')({ sender: wc, senderFrame: { url: 'app://pos/index.html' } }, 'app.info', {});
    expect(res).toEqual({ ok: true, data: 1 });
    expect(b.router.call).toHaveBeenCalledWith('app.info', {});
  });

  it('closes the router before quitting, once', async () => {
    const b = backend();
    await startElectron({ createRouter: async () => b, rendererDir: '/r', preloadPath: '/p.cjs' });
    const beforeQuit = m.state.appHandlers.get('before-quit')![0]!;
    const e = fakeEvent();
    beforeQuit(e);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(b.close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(m.app.quit).toHaveBeenCalled());
    expect(m.state.ipcMain.handlers.has('pos:call')).toBe(false);
    // the second before-quit (from app.quit) lets the app go
    const e2 = fakeEvent();
    beforeQuit(e2);
    expect(e2.preventDefault).not.toHaveBeenCalled();
    expect(b.close).toHaveBeenCalledTimes(1);
  });

  it('quits without building anything when another instance holds the lock', async () => {
    m.state.lock = false;
    const create = vi.fn(async () => backend());
    const win = await startElectron({ createRouter: create, rendererDir: '/r', preloadPath: '/p.cjs' });
    expect(win).toBeNull();
    expect(m.app.quit).toHaveBeenCalled();
    expect(create).not.toHaveBeenCalled();
    expect(m.state.windows).toHaveLength(0);
  });

  it('exits with code 1 when the router cannot be built', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const win = await startElectron({ createRouter: async () => Promise.reject(new Error('db locked')), rendererDir: '/r', preloadPath: '/p.cjs' });
    expect(win).toBeNull();
    expect(m.app.exit).toHaveBeenCalledWith(1);
    expect(m.state.windows).toHaveLength(0);
    err.mockRestore();
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { FakeSession, FakeWebContents, fakeEvent } from './fakes.js';

const shell = vi.hoisted(() => ({ openExternal: vi.fn(async (_url: string) => undefined) }));
vi.mock('electron', () => ({ shell }));

const { ELECTRON_CSP, hardenSession, hardenWebContents, isTrustedSender, originOf } = await import('../../../src/main/electron/security.js');

const ORIGIN = 'app://pos';

/** the shipped allowlist is empty; these tests use one origin to see that only it leaves */
const ALLOW = ['https://www.nhsa.gov.cn'];
function hardened(allow: readonly string[] = ALLOW) {
  const wc = new FakeWebContents();
  hardenWebContents(wc as unknown as WebContents, ORIGIN, allow);
  return wc;
}

beforeEach(() => shell.openExternal.mockClear());

describe('originOf', () => {
  it('gives scheme://host also for the custom scheme', () => {
    expect(originOf('app://pos/index.html#/settle')).toBe('app://pos');
    expect(originOf('https://example.com/a')).toBe('https://example.com');
    expect(originOf('not a url')).toBeNull();
  });
});

describe('will-navigate', () => {
  it.each(['https://evil.example/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://evil/index.html', 'app://pos.evil/index.html', 'javascript:alert(1)'])(
    'is prevented for a foreign URL: %s',
    (url) => {
      const wc = hardened();
      const e = fakeEvent({ url });
      wc.emit('will-navigate', e, url);
      expect(e.preventDefault).toHaveBeenCalled();
    },
  );

  it('is allowed within the app origin', () => {
    const wc = hardened();
    const e = fakeEvent({ url: 'app://pos/index.html#/day' });
    wc.emit('will-navigate', e, 'app://pos/index.html#/day');
    expect(e.preventDefault).not.toHaveBeenCalled();
  });

  it('reads the URL from the event (Electron 45) before the deprecated argument', () => {
    const wc = hardened();
    const e = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-navigate', e, 'app://pos/index.html');
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('sends an allowlisted https link to the OS browser, but no other https, http or file link', () => {
    const wc = hardened();
    for (const url of ['https://www.nhsa.gov.cn/a', 'https://nhsa.gov.cn/', 'https://evil.example/', 'http://www.nhsa.gov.cn/', 'file:///etc/passwd', 'https://x@www.nhsa.gov.cn/']) {
      wc.emit('will-navigate', fakeEvent({ url }), url);
    }
    expect(shell.openExternal.mock.calls).toEqual([['https://www.nhsa.gov.cn/a']]);
  });

  it('with the shipped (empty) allowlist nothing is opened outside', () => {
    const wc = new FakeWebContents();
    hardenWebContents(wc as unknown as WebContents, ORIGIN);
    wc.emit('will-navigate', fakeEvent({ url: 'https://www.nhsa.gov.cn/' }), 'https://www.nhsa.gov.cn/');
    expect(wc.windowOpenHandler!({ url: 'https://www.nhsa.gov.cn/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('will-redirect', () => {
  it('a redirect cannot replace the app page, and nothing is opened outside', () => {
    const wc = hardened();
    const e = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-redirect', e, 'https://evil.example/');
    expect(e.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
    const ok = fakeEvent({ url: 'app://pos/index.html' });
    wc.emit('will-redirect', ok, 'app://pos/index.html');
    expect(ok.preventDefault).not.toHaveBeenCalled();
  });
});

describe('window.open', () => {
  it('is always denied; an allowlisted https origin opens in the OS browser', () => {
    const wc = hardened();
    expect(wc.windowOpenHandler).not.toBeNull();
    expect(wc.windowOpenHandler!({ url: 'https://www.nhsa.gov.cn/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.nhsa.gov.cn/');
  });

  it.each(['https://example.com/', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://pos/index.html', 'ms-settings:'])(
    'denies and does not open %s outside',
    (url) => {
      const wc = hardened();
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );
});

describe('will-attach-webview', () => {
  it('is prevented', () => {
    const wc = hardened();
    const e = fakeEvent();
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.preventDefault).toHaveBeenCalled();
  });
});

describe('hardenSession', () => {
  function setup() {
    const s = new FakeSession();
    hardenSession(s as unknown as Session);
    return s;
  }

  it.each(['media', 'notifications', 'geolocation', 'hid', 'serial', 'clipboard-read', 'openExternal'])('denies the permission request %s', (perm) => {
    const s = setup();
    const cb = vi.fn();
    s.permissionRequest!({}, perm, cb, {});
    expect(cb).toHaveBeenCalledWith(false);
    expect(s.permissionCheck!({}, perm, 'app://pos', {})).toBe(false);
  });

  it('injects the strict CSP on app:// and file:// responses, replacing a weaker one', () => {
    const s = setup();
    for (const url of ['app://pos/index.html', 'file:///opt/pos/index.html']) {
      const cb = vi.fn();
      s.headersReceived!({ url, responseHeaders: { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] } }, cb);
      const headers = cb.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
      expect(headers['Content-Security-Policy']).toEqual([ELECTRON_CSP]);
      expect(headers['content-security-policy']).toBeUndefined();
      expect(headers['Content-Type']).toEqual(['text/html']);
    }
    expect(ELECTRON_CSP).toContain("default-src 'self'");
    expect(ELECTRON_CSP).toContain("script-src 'self';");
    expect(ELECTRON_CSP).toContain("object-src 'none'");
    expect(ELECTRON_CSP).toContain("frame-ancestors 'none'");
    expect(ELECTRON_CSP).toContain("connect-src 'self';");
  });

  it('leaves other responses alone', () => {
    const s = setup();
    const cb = vi.fn();
    s.headersReceived!({ url: 'https://example.com/', responseHeaders: {} }, cb);
    expect(cb).toHaveBeenCalledWith({});
  });
});

describe('isTrustedSender', () => {
  it('trusts only a live frame on the app page', () => {
    expect(isTrustedSender({ senderFrame: { url: 'app://pos/index.html' } } as never, 'app://pos/')).toBe(true);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/app://pos/' } } as never, 'app://pos/')).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'app://pos.evil/index.html' } } as never, 'app://pos/')).toBe(false);
    expect(isTrustedSender({ senderFrame: null } as never, 'app://pos/')).toBe(false);
  });
});

/**
 * Hardening of the Electron session and of every web contents: CSP, no permissions and no device
 * access from the page (the card readers and scanners are the main process's), no navigation away from
 * the app (top frame or any subframe), no new windows, no <webview>, links out only to an allowlist,
 * and a sender check for IPC.
 */
import { shell, type Event as ElectronEvent, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { electronConfig } from '../../../electron.config.js';
import { contentSecurityPolicy } from '../transport-shared/security-headers.js';

/** The renderer talks over IPC only, so connect-src is just 'self'. */
export const ELECTRON_CSP = contentSecurityPolicy();

/** `scheme://host` of a URL, also for custom schemes (where URL.origin is "null"); null if unparsable. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

export function isAppPage(url: string): boolean {
  return url.startsWith('app://') || url.startsWith('file://');
}

export function hardenSession(session: Session): void {
  // app:// responses carry the CSP themselves (main.ts); this covers file:// and anything else local
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppPage(details.url)) return callback({});
    const responseHeaders = { ...(details.responseHeaders ?? {}) };
    for (const k of Object.keys(responseHeaders)) {
      if (k.toLowerCase() === 'content-security-policy') delete responseHeaders[k];
    }
    responseHeaders['Content-Security-Policy'] = [ELECTRON_CSP];
    callback({ responseHeaders });
  });
  // a settlement terminal needs no camera, microphone, notifications, geolocation, HID from the page …
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  // … nor WebHID / Web Serial / WebUSB: the devices are the main process's; the page never picks one
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-serial-port', (event, _ports, _wc, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/** A link leaves the app only to an allowlisted https origin, and only through the OS browser. */
export function openExternalIfAllowed(url: string, allowlist: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' || u.username || u.password || !allowlist.includes(u.origin)) return false;
  void shell.openExternal(u.href).catch(() => undefined);
  return true;
}

export function hardenWebContents(contents: WebContents, allowedOrigin: string, externalAllowlist: readonly string[] = electronConfig.externalAllowlist): void {
  const openExternalIfHttps = (url: string) => openExternalIfAllowed(url, externalAllowlist);
  const navigationGuard = (event: ElectronEvent, url: string, openOutside: boolean) => {
    if (originOf(url) === allowedOrigin) return;
    event.preventDefault();
    if (openOutside) openExternalIfHttps(url);
  };
  // Electron 45 passes the url on the event (details.url) and, deprecated, as the second argument
  contents.on('will-navigate', (event, url) => navigationGuard(event, (event as { url?: string }).url ?? url, true));
  // a server redirect must not replace the app's page either; nothing is opened outside for it
  contents.on('will-redirect', (event, url) => navigationGuard(event, (event as { url?: string }).url ?? url, false));
  // any frame, not only the top one: an iframe the page made cannot be navigated away either
  contents.on('will-frame-navigate', (event) => navigationGuard(event, (event as unknown as { url: string }).url, false));
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfHttps(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The IPC event came from a live frame whose URL is the app's own page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, expectedFrameUrlPrefix: string): boolean {
  const frame = event.senderFrame;
  if (!frame) return false; // the frame navigated away or was destroyed
  const url = frame.url;
  return typeof url === 'string' && url.startsWith(expectedFrameUrlPrefix);
}

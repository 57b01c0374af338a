/** Small stand-ins for Electron objects: just enough surface for the shell code under test. */
import { vi } from 'vitest';

export type Handler = (...args: any[]) => unknown;

export function fakeEvent(extra: Record<string, unknown> = {}) {
  return { preventDefault: vi.fn(), defaultPrevented: false, ...extra };
}

export class FakeWebContents {
  handlers = new Map<string, Handler[]>();
  windowOpenHandler: Handler | null = null;
  sent: unknown[][] = [];
  url = 'app://pos/index.html';
  destroyed = false;
  on(name: string, fn: Handler) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), fn]);
    return this;
  }
  setWindowOpenHandler(fn: Handler) {
    this.windowOpenHandler = fn;
  }
  emit(name: string, ...args: unknown[]) {
    for (const h of this.handlers.get(name) ?? []) h(...args);
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

export class FakeSession {
  permissionRequest: Handler | null = null;
  permissionCheck: Handler | null = null;
  headersReceived: Handler | null = null;
  webRequest = {
    onHeadersReceived: (fn: Handler) => {
      this.headersReceived = fn;
    },
  };
  setPermissionRequestHandler(fn: Handler) {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: Handler) {
    this.permissionCheck = fn;
  }
  devicePermission: Handler | null = null;
  setDevicePermissionHandler(fn: Handler) {
    this.devicePermission = fn;
  }
  events = new Map<string, Handler>();
  on(name: string, fn: Handler) {
    this.events.set(name, fn);
    return this;
  }
}

export class FakeIpcMain {
  handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import type { EventListener } from '../../../src/main/event-bus.js';
import type { ApiRouter } from '../../../src/main/router.js';
import { FakeIpcMain, FakeWebContents } from './fakes.js';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn() } }));
const { registerIpc } = await import('../../../src/main/electron/ipc.js');

function setup() {
  const listeners = new Set<EventListener>();
  const router = {
    call: vi.fn(async (name: unknown, input: unknown) => ({ ok: true as const, data: { name, input } })),
    subscribe: vi.fn((l: EventListener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    }),
  } satisfies ApiRouter;
  const ipc = new FakeIpcMain();
  const wc = new FakeWebContents();
  let current: FakeWebContents | null = wc;
  const dispose = registerIpc(ipc as unknown as IpcMain, router, () => current as unknown as WebContents | null, 'app://pos/');
  const invoke = (event: unknown, name: unknown, input: unknown) => ipc.handlers.get('pos:call')!(event, name, input) as Promise<unknown>;
  const emit = (name: string, payload: unknown) => {
    for (const l of listeners) (l as (n: string, p: unknown) => void)(name, payload);
  };
  return { router, ipc, wc, invoke, emit, dispose, listeners, setCurrent: (w: FakeWebContents | null) => (current = w) };
}

describe('registerIpc: pos:call', () => {
  it('passes a call from the app page straight to the router and returns its result', async () => {
    const t = setup();
    const res = await t.invoke({ sender: t.wc, senderFrame: { url: 'app://pos/index.html' } }, 'settle.list', { date: '2026-11-26' });
    expect(res).toEqual({ ok: true, data: { name: 'settle.list', input: { date: '2026-11-26' } } });
    expect(t.router.call).toHaveBeenCalledWith('settle.list', { date: '2026-11-26' });
  });

  it.each([
    ['a foreign frame URL', { url: 'https://evil.example/' }],
    ['a look-alike host', { url: 'app://pos.evil/index.html' }],
    ['a destroyed frame', null],
  ])('refuses %s with AUTH without calling the router', async (_label, frame) => {
    const t = setup();
    const res = await t.invoke({ sender: t.wc, senderFrame: frame }, 'settle.list', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'AUTH', field: null } });
    expect(t.router.call).not.toHaveBeenCalled();
  });

  it('refuses a trusted-looking frame that belongs to another web contents', async () => {
    const t = setup();
    const other = new FakeWebContents();
    const res = await t.invoke({ sender: other, senderFrame: { url: 'app://pos/index.html' } }, 'app.info', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'AUTH' } });
    expect(t.router.call).not.toHaveBeenCalled();
  });

  it('turns a router that throws into an INTERNAL result that carries nothing raw', async () => {
    const t = setup();
    t.router.call.mockRejectedValueOnce(new Error('boom at /opt/pos/resources/app.asar/main.cjs:12'));
    const res = await t.invoke({ sender: t.wc, senderFrame: { url: 'app://pos/index.html' } }, 'app.info', {});
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error', field: null } });
  });
});

describe('registerIpc: events', () => {
  it('forwards every router event to the main window on pos:event', () => {
    const t = setup();
    t.emit('device.error', { deviceId: 'r1', reason: 'x' });
    t.emit('session.changed', { cashier: null, locked: true, idleLockSeconds: 300, signNo: null });
    expect(t.wc.sent).toEqual([
      ['pos:event', 'device.error', { deviceId: 'r1', reason: 'x' }],
      ['pos:event', 'session.changed', { cashier: null, locked: true, idleLockSeconds: 300, signNo: null }],
    ]);
  });

  it('sends nothing to a destroyed window, to no window, or to a page that is not the app', () => {
    const t = setup();
    t.wc.destroyed = true;
    t.emit('device.error', { deviceId: 'r1', reason: 'x' });
    t.wc.destroyed = false;
    t.wc.url = 'https://evil.example/';
    t.emit('device.error', { deviceId: 'r1', reason: 'x' });
    t.setCurrent(null);
    expect(() => t.emit('device.error', { deviceId: 'r1', reason: 'x' })).not.toThrow();
    expect(t.wc.sent).toEqual([]);
  });

  it('dispose removes the handler and the subscription', () => {
    const t = setup();
    expect(t.ipc.handlers.has('pos:call')).toBe(true);
    expect(t.listeners.size).toBe(1);
    t.dispose();
    expect(t.ipc.handlers.has('pos:call')).toBe(false);
    expect(t.listeners.size).toBe(0);
  });
});

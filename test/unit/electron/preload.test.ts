import { beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const handlers: Array<(...a: unknown[]) => void> = [];
  return {
    handlers,
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: 'x' })),
      on: vi.fn((_ch: string, h: (...a: unknown[]) => void) => handlers.push(h)),
      removeListener: vi.fn((_ch: string, h: (...a: unknown[]) => void) => {
        const i = handlers.indexOf(h);
        if (i >= 0) handlers.splice(i, 1);
      }),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

let exposed: Record<string, any>;

beforeAll(async () => {
  await import('../../../src/main/electron/preload.js');
  exposed = electron.contextBridge.exposeInMainWorld.mock.calls[0]![1];
});

describe('preload', () => {
  it('exposes exactly one global, pos, with exactly call and on', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('pos');
    expect(Object.keys(exposed).sort()).toEqual(['call', 'on']);
    expect(typeof exposed.call).toBe('function');
    expect(typeof exposed.on).toBe('function');
  });

  it('call invokes pos:call with the name and input and returns the result', async () => {
    const res = await exposed.call('app.info', {});
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('pos:call', 'app.info', {});
    expect(res).toEqual({ ok: true, data: 'x' });
  });

  it('on delivers only the named event, without the IPC event object, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = exposed.on('device.error', (p: unknown) => got.push(p));
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith('pos:event', expect.any(Function));
    const fakeIpcEvent = { sender: 'must not leak' };
    for (const h of [...electron.handlers]) {
      h(fakeIpcEvent, 'status.changed', { a: 1 });
      h(fakeIpcEvent, 'device.error', { deviceId: 'r1', reason: 'x' });
    }
    expect(got).toEqual([{ deviceId: 'r1', reason: 'x' }]);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('pos:event', expect.any(Function));
    expect(electron.handlers).toHaveLength(0);
  });
});

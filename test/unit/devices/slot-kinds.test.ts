/** The registry covers every device list of the config, and one Slot runs any kind. */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DevicesConfig } from '../../../src/devices/config.js';
import type { TickContext } from '../../../src/devices/enumeration.js';
import { SLOT_KINDS } from '../../../src/devices/kinds/registry.js';
import { Slot, type SlotHost } from '../../../src/devices/slots/slot.js';
import { attached, type Connection } from '../../../src/devices/slots/slot-kind.js';

describe('slot kinds registry', () => {
  it('every device list in DevicesConfig is read by exactly one kind', () => {
    const c = DevicesConfig.parse({});
    const lists = Object.entries(c).filter(([, v]) => Array.isArray(v));
    expect(lists.length).toBeGreaterThanOrEqual(5);
    for (const [name, list] of lists) {
      expect(SLOT_KINDS.filter((k) => k.configured(c) === list), name).toHaveLength(1);
    }
  });

  it('the virtual kinds give a slot each only with virtual: true', () => {
    const on = SLOT_KINDS.flatMap((k) => k.configured(DevicesConfig.parse({})).map((d) => d.id));
    const off = SLOT_KINDS.flatMap((k) => k.configured(DevicesConfig.parse({ virtual: false })));
    expect(on).toEqual(['virtual-card', 'virtual-qr']);
    expect(off).toEqual([]);
  });
});

describe('Slot runs any kind', () => {
  const ctx = (now: number) => ({ now }) as TickContext;
  function host() {
    const seen: string[] = [];
    const h: SlotHost = {
      identity: (id) => seen.push(`identity ${id.deviceId}`),
      scan: (s) => seen.push(`scan ${s.text}`),
      error: (e) => seen.push(`error ${e.reason}`),
      changed: () => seen.push('changed'),
      log: () => undefined,
    };
    return { h, seen };
  }

  it('not found, backoff, connected, events routed, closed by the device, stopped', async () => {
    const driver = new EventEmitter();
    let disposed = 0;
    const outcomes: Connection[] = [
      { state: 'unavailable', reason: 'library missing', backoff: true },
      { driver: attached(driver, { dispose: async () => void disposed++, requestRead: async () => true }), where: 'lib0' },
    ];
    const { h, seen } = host();
    const slot = new Slot({ id: 'x', kind: 'card_reader', transport: 'serial', label: 'X', connect: async () => outcomes.shift()! }, h);
    expect(slot.status()).toMatchObject({ state: 'disconnected', reason: 'not opened yet' });

    await slot.tick(ctx(0));
    expect(slot.status()).toMatchObject({ state: 'unavailable', reason: 'library missing' });
    await slot.tick(ctx(500)); // inside the 1 s backoff: not asked again
    expect(outcomes).toHaveLength(1);
    await slot.tick(ctx(1000));
    expect(slot.status()).toMatchObject({ state: 'connected', reason: null });
    expect(await slot.requestRead()).toBe(true);

    driver.emit('scan', { deviceId: 'x', text: 'abc' });
    driver.emit('close');
    expect(slot.status()).toMatchObject({ state: 'disconnected', reason: 'lib0 closed' });
    expect(disposed).toBe(1);
    expect(seen).toEqual(['changed', 'changed', 'scan abc', 'changed']);

    await slot.close();
    expect(slot.status()).toMatchObject({ state: 'disconnected', reason: 'stopped' });
  });

  it('a throwing connect is disconnected with its message', async () => {
    const { h } = host();
    const slot = new Slot({ id: 'y', kind: 'qr_scanner', transport: 'hid', label: 'Y', connect: async () => Promise.reject(new Error('boom')) }, h);
    await slot.tick(ctx(0));
    expect(slot.status()).toMatchObject({ state: 'disconnected', reason: 'boom' });
  });
});

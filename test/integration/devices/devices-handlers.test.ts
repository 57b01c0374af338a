/**
 * The devices calls through the real router of a whole in-process terminal (SQLite, embedded
 * simulator over loopback HTTP, virtual devices): list, select (kept across restarts), wedge scans,
 * and item-barcode scans forwarded as 'devices.scan'.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { DEVICE_SELECTION_KEY } from '../../../src/main/services/devices-handlers.js';
import type { DeviceListing } from '../../../src/shared/api-devices.js';
import { until } from './until.js';

const apps: AppUnderTest[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function start(overrides: Record<string, unknown> = {}) {
  const a = await startApp(overrides);
  apps.push(a);
  return a;
}

function recordEvents(a: AppUnderTest) {
  const seen: Array<{ name: string; payload: any }> = [];
  a.app.router.subscribe((name, payload) => seen.push({ name, payload }));
  return seen;
}

const BARCODE = '6901234000375';

describe('devices calls', () => {
  it('devices.list needs a cashier; lists the virtual devices, the selection, enumeration results and the wedge timing', async () => {
    const a = await start();
    expect((await a.call('devices.list')).error.code).toBe('AUTH');
    await a.login();
    const r = await a.call<DeviceListing>('devices.list');
    expect(r.ok).toBe(true);
    expect(r.data.devices.map((d) => [d.id, d.kind, d.transport, d.state, d.active])).toEqual([
      ['virtual-card', 'card_reader', 'virtual', 'connected', true],
      ['virtual-qr', 'qr_scanner', 'virtual', 'connected', true],
    ]);
    expect(r.data.selection).toEqual({ card_reader: null, qr_scanner: null });
    // enumeration either ran or says why not
    for (const e of [r.data.serialPorts, r.data.hidDevices]) {
      if (e.available) expect(e.reason).toBeNull();
      else expect(e.reason).toMatch(/\S/);
    }
    expect(r.data.wedge).toEqual({ enabled: true, maxGapMs: 50, burstGapMs: 100, burstKeys: 3, minLength: 6 });
  });

  it('devices.readCard asks the readers in use; none in use (all deselected to a missing one) means not requested', async () => {
    const a = await start({ devices: { serialCardReaders: [{ id: 'reader1', path: '/dev/ttyPOS-NOT-THERE' }] } });
    expect((await a.call('devices.readCard')).error.code).toBe('AUTH');
    await a.login();
    const r = await a.call('devices.readCard');
    expect(r.data).toEqual({ requested: true }); // the virtual reader took the command
    expect(a.app.devices.virtual!.card.recording.length).toBeGreaterThan(0);
    await a.call('devices.select', { kind: 'card_reader', deviceId: 'reader1' });
    expect((await a.call('devices.readCard')).data).toEqual({ requested: false }); // reader1 is not connected
  });

  it('devices.wedgeSettings answers before login (the wedge must guard the PIN field too) and follows the config', async () => {
    const a = await start({ devices: { keyboardWedge: { maxGapMs: 25, minLength: 8 } } });
    const r = await a.call('devices.wedgeSettings');
    expect(r.ok).toBe(true);
    expect(r.data).toEqual({ enabled: true, maxGapMs: 25, burstGapMs: 100, burstKeys: 3, minLength: 8 });
  });

  it('devices.select refuses unknown devices and devices of the other kind, naming the field', async () => {
    const a = await start();
    await a.login();
    const unknown = await a.call('devices.select', { kind: 'card_reader', deviceId: 'nope' });
    expect(unknown.ok).toBe(false);
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', field: 'deviceId' });
    const wrongKind = await a.call('devices.select', { kind: 'card_reader', deviceId: 'virtual-qr' });
    expect(wrongKind.error).toMatchObject({ code: 'NOT_FOUND', field: 'deviceId' });
    expect(wrongKind.error.message).toContain('qr_scanner');
    const bad = await a.call('devices.select', { kind: 'printer', deviceId: null });
    expect(bad.error).toMatchObject({ code: 'VALIDATION', field: 'kind' });
  });

  it('selecting a real reader drops identities from the virtual one, the status bar shows only the reader in use, and the choice survives a restart', async () => {
    const overrides = { devices: { serialCardReaders: [{ id: 'reader1', path: '/dev/ttyPOS-NOT-THERE' }] } };
    const a = await start(overrides);
    await a.login();
    const seen = recordEvents(a);
    const zhang = a.app.sim!.people().find((p) => p.card)!;

    const sel = await a.call<DeviceListing>('devices.select', { kind: 'card_reader', deviceId: 'reader1' });
    expect(sel.ok).toBe(true);
    expect(sel.data.selection).toEqual({ card_reader: 'reader1', qr_scanner: null });
    expect(sel.data.devices.find((d) => d.id === 'virtual-card')!.active).toBe(false);
    expect(sel.data.devices.find((d) => d.id === 'reader1')).toMatchObject({ active: true, state: 'disconnected', transport: 'serial' });
    expect(JSON.parse(a.app.store.kv.get(DEVICE_SELECTION_KEY)!)).toEqual({ card_reader: 'reader1', qr_scanner: null });

    // the status snapshot (status bar) lists the reader in use, not the unselected virtual one
    const st = await a.call<{ devices: Array<{ id: string }> }>('status.get');
    expect(st.data.devices.map((d) => d.id)).toEqual(['virtual-qr', 'reader1']);
    // status events are throttled (at most 4 a second): wait for the one after the selection
    await until(() => seen.some((e) => e.name === 'status.changed' && !e.payload.devices.some((d: { id: string }) => d.id === 'virtual-card')));

    a.app.devices.virtual!.card.present(zhang.card!.basicInfo);
    await new Promise((r) => setTimeout(r, 150));
    expect(seen.filter((e) => e.name === 'identity.presented')).toHaveLength(0);

    // restart on the same data directory: the selection is back
    await a.app.close();
    apps.splice(apps.indexOf(a), 1);
    const b = await startApp({ ...overrides, dataDir: a.dir });
    try {
      await b.login();
      const list = await b.call<DeviceListing>('devices.list');
      expect(list.data.selection).toEqual({ card_reader: 'reader1', qr_scanner: null });
      expect(b.app.devices.accepts('virtual-card')).toBe(false);
      // back to all readers: the virtual card is used again
      const back = await b.call<DeviceListing>('devices.select', { kind: 'card_reader', deviceId: null });
      expect(back.data.devices.every((d) => d.active)).toBe(true);
      const seenB = recordEvents(b);
      b.app.devices.virtual!.card.present(zhang.card!.basicInfo);
      await until(() => seenB.some((e) => e.name === 'identity.presented'));
    } finally {
      await b.close();
      fs.rmSync(a.dir, { recursive: true, force: true });
    }
  });

  it('a saved selection naming a device that is no longer configured falls back to all devices', async () => {
    const a = await start();
    a.app.store.kv.set(DEVICE_SELECTION_KEY, JSON.stringify({ card_reader: 'gone', qr_scanner: null }));
    await a.app.close();
    apps.splice(apps.indexOf(a), 1);
    const b = await startApp({ dataDir: a.dir });
    try {
      await b.login();
      expect((await b.call<DeviceListing>('devices.list')).data.selection).toEqual({ card_reader: null, qr_scanner: null });
    } finally {
      await b.close();
      fs.rmSync(a.dir, { recursive: true, force: true });
    }
  });

  it('devices.wedgeScan: an e-voucher becomes identity.presented (type 01) and identifies; an item barcode comes back as a barcode', async () => {
    const a = await start();
    await a.login();
    const seen = recordEvents(a);
    const person = a.app.sim!.people().find((p) => p.qr)!;
    const r = await a.call('devices.wedgeScan', { text: person.qr });
    expect(r.ok).toBe(true);
    expect(r.data.kind).toBe('identity');
    const presented = seen.find((e) => e.name === 'identity.presented')!.payload;
    expect(presented).toMatchObject({ ref: r.data.ref, source: 'qr', mdtrt_cert_type: '01', deviceId: 'keyboard-wedge' });
    const who = await a.call('person.identify', { ref: r.data.ref });
    expect(who.ok).toBe(true);
    expect(who.data.psn_no).toBe(person.psn_no);
    expect(who.data.mdtrt_cert_type).toBe('01');

    const b = await a.call('devices.wedgeScan', { text: BARCODE });
    expect(b.data).toEqual({ kind: 'barcode', text: BARCODE });
    expect(seen.filter((e) => e.name === 'identity.presented')).toHaveLength(1);
    expect((await a.call('devices.wedgeScan', { text: '' })).error.field).toBe('text');
  });

  it('scans from a HID scanner: an item barcode is forwarded as devices.scan; an e-voucher is an identity and NOT also an item', async () => {
    const a = await start();
    await a.login();
    const seen = recordEvents(a);
    const person = a.app.sim!.people().find((p) => p.qr)!;
    a.app.devices.virtual!.qr.present(BARCODE);
    a.app.devices.virtual!.qr.present(person.qr!);
    await until(() => seen.some((e) => e.name === 'identity.presented'));
    expect(seen.filter((e) => e.name === 'devices.scan').map((e) => e.payload)).toEqual([{ text: BARCODE, deviceId: 'virtual-qr' }]);
    expect(seen.find((e) => e.name === 'identity.presented')!.payload).toMatchObject({ source: 'qr', mdtrt_cert_type: '01', deviceId: 'virtual-qr' });
  });

  it('an unselected QR scanner is ignored for barcodes and e-vouchers alike', async () => {
    const a = await start({ devices: { serialQrScanners: [{ id: 'qr-serial', path: '/dev/ttyQR-NOT-THERE' }] } });
    await a.login();
    expect((await a.call('devices.select', { kind: 'qr_scanner', deviceId: 'qr-serial' })).ok).toBe(true);
    const seen = recordEvents(a);
    const person = a.app.sim!.people().find((p) => p.qr)!;
    a.app.devices.virtual!.qr.present(BARCODE);
    a.app.devices.virtual!.qr.present(person.qr!);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.filter((e) => e.name === 'devices.scan' || e.name === 'identity.presented')).toEqual([]);
  });
});

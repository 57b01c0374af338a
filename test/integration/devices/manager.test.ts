import { afterEach, describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { MockBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import iconv from 'iconv-lite';
import { createDeviceManager, type DeviceManager, type HidModuleLike } from '../../../src/devices/manager.js';
import { demoCardBasicInfo } from '../../../src/devices/virtual/demo-card.js';
import { makeIdNumber } from '../../../src/devices/card/id-number.js';
import { encodeFrame } from '../../../src/devices/card/frame-codec.js';
import { DEFAULT_FRAME_PROFILE, DevicesConfig, hexToBytes } from '../../../src/devices/config.js';
import { encodeHidPosReports } from '../../../src/devices/qr/hid-pos-scanner.js';
import type { DeviceStatus } from '../../../src/shared/api.js';
import type { Identity } from '../../../src/shared/domain.js';
import { until } from './until.js';

const today = () => '2025-06-01';
const certno = makeIdNumber('530602', '19800101', 123);
const managers: DeviceManager[] = [];

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});

function track(m: DeviceManager): DeviceManager {
  managers.push(m);
  return m;
}

const byId = (st: DeviceStatus[], id: string) => st.find((s) => s.id === id);

describe('device manager, virtual devices (embedded default)', () => {
  it('DevicesConfig.parse({}) starts both virtual devices, connected', async () => {
    const m = track(createDeviceManager(DevicesConfig.parse({}), { today }));
    const statuses: DeviceStatus[][] = [];
    m.on('status', (s) => statuses.push(s));
    expect(m.virtual).toBeNull();
    await m.start();
    expect(m.virtual).not.toBeNull();
    expect(m.status()).toEqual([
      { id: 'virtual-card', kind: 'card_reader', label: 'Virtual card reader', transport: 'virtual', state: 'connected', reason: null },
      { id: 'virtual-qr', kind: 'qr_scanner', label: 'Virtual QR scanner (HID POS)', transport: 'virtual', state: 'connected', reason: null },
    ]);
    expect(statuses.at(-1)).toEqual(m.status());
  });

  it('emits identity for a presented card and for an e-voucher scan; item barcodes are scans only', async () => {
    const m = track(createDeviceManager({}, { today }));
    await m.start();
    const ids: Identity[] = [];
    const scans: string[] = [];
    m.on('identity', (i) => ids.push(i));
    m.on('scan', (s) => scans.push(s.text));
    m.virtual!.card.present(demoCardBasicInfo({ certno, psn_name: '张三' }));
    await until(() => ids.length === 1);
    expect(ids[0]).toMatchObject({ source: 'card', mdtrt_cert_type: '03', certno, psn_name: '张三', deviceId: 'virtual-card' });

    const ecToken = 'ECQR5306' + '0123456789ABCDEF'.repeat(4);
    m.virtual!.qr.present(ecToken);
    m.virtual!.qr.present('6901234567892');
    expect(scans).toEqual([ecToken, '6901234567892']);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toEqual({ source: 'qr', mdtrt_cert_type: '01', mdtrt_cert_no: ecToken, deviceId: 'virtual-qr' });
  });

  it('garbage from a device becomes device-error, not a throw', async () => {
    const m = track(createDeviceManager({}, { today }));
    await m.start();
    const errs: string[] = [];
    m.on('device-error', (e) => errs.push(`${e.deviceId}: ${e.reason}`));
    m.virtual!.card.present('not|a|card|');
    m.virtual!.qr.injectReport(Buffer.from([9]));
    await until(() => errs.length === 2);
    expect(errs.some((e) => e.startsWith('virtual-card: payload'))).toBe(true);
    expect(errs.some((e) => e.startsWith('virtual-qr: truncated report'))).toBe(true);
  });

  it('requestCardRead writes the read command to the virtual reader', async () => {
    const m = track(createDeviceManager({}, { today }));
    await m.start();
    expect(await m.requestCardRead()).toBe(true);
    await until(() => m.virtual!.card.recording.length > 0);
    expect(m.virtual!.card.recording).toEqual(hexToBytes(DEFAULT_FRAME_PROFILE.readCommand));
  });

  it('stop() closes the virtual devices and reports them disconnected', async () => {
    const m = track(createDeviceManager({}, { today }));
    await m.start();
    const card = m.virtual!.card;
    await m.stop();
    expect(m.virtual).toBeNull();
    expect(card.isOpen).toBe(false);
    expect(m.status().every((s) => s.state === 'disconnected')).toBe(true);
  });
});

describe('device manager, real devices behind fakes', () => {
  it('a loadHid that throws makes every HID device unavailable with the reason; virtual devices keep working', async () => {
    const m = track(
      createDeviceManager(
        { hidQrScanners: [{ id: 'qr1', vendorId: '0c2e', productId: '0b61' }], hidCardReaders: [{ id: 'card1', vendorId: 0x1234, productId: 0x5678 }] },
        { today, loadHid: () => Promise.reject(new Error('libusb-1.0.so.0: cannot open shared object file')) },
      ),
    );
    await m.start();
    for (const id of ['qr1', 'card1']) {
      const s = byId(m.status(), id)!;
      expect(s.state).toBe('unavailable');
      expect(s.transport).toBe('hid');
      expect(s.reason).toMatch(/libusb-1\.0\.so\.0/);
    }
    const ids: Identity[] = [];
    m.on('identity', (i) => ids.push(i));
    m.virtual!.card.present(demoCardBasicInfo({ certno, psn_name: '张三' }));
    await until(() => ids.length === 1);
  });

  it('SerialPort.list() rejecting shows its reason on VID/PID-matched serial readers', async () => {
    const m = track(
      createDeviceManager(
        { virtual: false, serialCardReaders: [{ id: 'sc1', vendorId: '1a86', productId: '7523' }] },
        { today, listSerial: () => Promise.reject(new Error('spawn udevadm ENOENT')) },
      ),
    );
    await m.start();
    const s = byId(m.status(), 'sc1')!;
    expect(s).toMatchObject({ state: 'unavailable', transport: 'serial', kind: 'card_reader' });
    expect(s.reason).toMatch(/udevadm ENOENT/);
  });

  it('HID POS scanner: hot-plug found by enumeration, scans become identity, unplug -> disconnected, replug -> connected', async () => {
    const present: { path: string; vendorId: number; productId: number; usagePage: number }[] = [];
    const handles: FakeHid[] = [];
    class FakeHid extends EventEmitter {
      closed = false;
      constructor(readonly path: string) {
        super();
        handles.push(this);
      }
      close() {
        this.closed = true;
      }
      write() {
        return 0;
      }
    }
    const hid: HidModuleLike = { devicesAsync: async () => present.slice(), HID: FakeHid as unknown as HidModuleLike['HID'] };
    const m = track(
      createDeviceManager(
        { virtual: false, pollMs: 100, hidQrScanners: [{ id: 'qr1', vendorId: 0x0c2e }] },
        { today, loadHid: async () => hid },
      ),
    );
    await m.start();
    expect(byId(m.status(), 'qr1')).toMatchObject({ state: 'disconnected' });
    // a device on another usage page (its keyboard interface) must not be taken
    present.push({ path: 'hid-kbd', vendorId: 0x0c2e, productId: 1, usagePage: 0x01 });
    present.push({ path: 'hid-pos', vendorId: 0x0c2e, productId: 1, usagePage: 0x8c });
    await m.poll();
    expect(byId(m.status(), 'qr1')).toMatchObject({ state: 'connected', reason: null });
    expect(handles.map((h) => h.path)).toEqual(['hid-pos']);

    const ids: Identity[] = [];
    m.on('identity', (i) => ids.push(i));
    const token = 'ECQR' + 'Z'.repeat(70);
    for (const r of encodeHidPosReports(Buffer.from(token), 64)) handles[0]!.emit('data', r);
    expect(ids).toEqual([{ source: 'qr', mdtrt_cert_type: '01', mdtrt_cert_no: token, deviceId: 'qr1' }]);

    present.length = 0;
    handles[0]!.emit('error', new Error('could not read from HID device'));
    expect(byId(m.status(), 'qr1')).toMatchObject({ state: 'disconnected' });
    expect(handles[0]!.closed).toBe(true);

    present.push({ path: 'hid-pos-2', vendorId: 0x0c2e, productId: 1, usagePage: 0x8c });
    await until(() => byId(m.status(), 'qr1')!.state === 'connected', 4000); // after the reopen backoff
    expect(handles.at(-1)!.path).toBe('hid-pos-2');
  });

  it('a HID device that enumerates but will not open is no_permission', async () => {
    const hid: HidModuleLike = {
      devicesAsync: async () => [{ path: '/dev/hidraw3', vendorId: 0x1234, productId: 0x5678 }],
      HID: class {
        constructor() {
          throw new Error('cannot open device with path /dev/hidraw3');
        }
      } as unknown as HidModuleLike['HID'],
    };
    const m = track(createDeviceManager({ virtual: false, hidCardReaders: [{ id: 'hc', vendorId: 0x1234, productId: 0x5678 }] }, { today, loadHid: async () => hid }));
    await m.start();
    expect(byId(m.status(), 'hc')).toMatchObject({ state: 'no_permission' });
    expect(byId(m.status(), 'hc')!.reason).toMatch(/hidraw3/);
  });

  it('serial card reader over binding-mock: opened by VID/PID, reads a card, reconnects after the port closes', async () => {
    const path = `/dev/MGR-CARD-${process.pid}`;
    MockBinding.createPort(path, { echo: false, record: true, vendorId: '1a86', productId: '7523' });
    const opened: SerialPortStream[] = [];
    const m = track(
      createDeviceManager(
        { virtual: false, pollMs: 100, serialCardReaders: [{ id: 'sc1', vendorId: '1a86', productId: '7523' }] },
        {
          today,
          listSerial: () => MockBinding.list(),
          openSerial: async ({ path: p, baudRate }) => {
            const port = new SerialPortStream({ binding: MockBinding, path: p, baudRate, autoOpen: false });
            await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
            opened.push(port);
            return port;
          },
        },
      ),
    );
    const statuses: DeviceStatus[][] = [];
    m.on('status', (s) => statuses.push(s));
    await m.start();
    expect(byId(m.status(), 'sc1')).toMatchObject({ state: 'connected', transport: 'serial' });
    const ids: Identity[] = [];
    m.on('identity', (i) => ids.push(i));
    opened[0]!.port!.emitData(encodeFrame(DEFAULT_FRAME_PROFILE, iconv.encode(demoCardBasicInfo({ certno, psn_name: '张三' }), 'gbk')));
    await until(() => ids.length === 1);
    expect(ids[0]).toMatchObject({ deviceId: 'sc1', certno });
    await until(() => opened[0]!.port!.recording.length > 0);
    expect(opened[0]!.port!.recording).toEqual(hexToBytes(DEFAULT_FRAME_PROFILE.beepCommand));

    // the device goes away: the port closes under the driver
    await new Promise<void>((res) => opened[0]!.close(() => res()));
    expect(byId(m.status(), 'sc1')!.state).toBe('disconnected');
    await until(() => byId(m.status(), 'sc1')!.state === 'connected' && opened.length === 2, 4000);
    expect(statuses.map((s) => byId(s, 'sc1')!.state)).toEqual(['disconnected', 'connected', 'disconnected', 'connected']);
  });
});

describe('device manager with the real default loaders', () => {
  it('a configured serial path that does not exist is disconnected with the path in the reason', async () => {
    const m = track(createDeviceManager({ virtual: false, serialQrScanners: [{ id: 'sq', path: '/dev/ttyDOES-NOT-EXIST' }] }, { today }));
    await m.start();
    expect(byId(m.status(), 'sq')).toEqual({
      id: 'sq',
      kind: 'qr_scanner',
      label: 'Serial QR scanner /dev/ttyDOES-NOT-EXIST',
      transport: 'serial',
      state: 'disconnected',
      reason: '/dev/ttyDOES-NOT-EXIST not present',
    });
  });

  it('real node-hid (or its absence) gives a HID scanner that is not there a state with a reason, never a throw', async () => {
    const m = track(createDeviceManager({ virtual: true, hidQrScanners: [{ id: 'hq', vendorId: 0xfffe, productId: 0xfffd }] }, { today }));
    await m.start();
    const s = byId(m.status(), 'hq')!;
    expect(['disconnected', 'unavailable']).toContain(s.state);
    expect(s.reason).toMatch(/no HID device fffe:fffd|node-hid unavailable/);
    expect(byId(m.status(), 'virtual-card')!.state).toBe('connected');
  });
});

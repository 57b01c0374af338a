/** Device selection, enumeration for the device list, and hot-plug timing at the default poll period. */
import { EventEmitter } from 'node:events';
import { MockBinding } from '@serialport/binding-mock';
import { SerialPortStream } from '@serialport/stream';
import { DEFAULT_FRAME_PROFILE, hexToBytes } from '../../../src/devices/config.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeviceManager, type DeviceManager, type HidModuleLike } from '../../../src/devices/manager.js';
import { demoCardBasicInfo } from '../../../src/devices/virtual/demo-card.js';
import { makeIdNumber } from '../../../src/devices/card/id-number.js';
import type { Identity } from '../../../src/shared/domain.js';

const today = () => '2025-06-01';
const managers: DeviceManager[] = [];
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});
const track = (m: DeviceManager) => (managers.push(m), m);

class FakeHid extends EventEmitter {
  constructor(readonly path: string) {
    super();
  }
  close() {}
  write() {
    return 0;
  }
}

describe('device selection', () => {
  it('select() checks the id and kind; unselected devices drop identities and scans; status() shows the devices in use', async () => {
    const m = track(createDeviceManager({ serialCardReaders: [{ id: 'r1', path: '/dev/ttyNONE-1' }] }, { today, serialPathExists: () => false }));
    await m.start();
    expect(() => m.select('card_reader', 'virtual-qr')).toThrow(/qr_scanner/);
    expect(() => m.select('qr_scanner', 'missing')).toThrow(/no device/);
    expect(m.status().map((d) => d.id)).toEqual(['virtual-card', 'virtual-qr', 'r1']);

    const ids: Identity[] = [];
    const scans: string[] = [];
    m.on('identity', (i) => ids.push(i));
    m.on('scan', (s) => scans.push(s.text));
    m.select('card_reader', 'r1');
    expect(m.selection()).toEqual({ card_reader: 'r1', qr_scanner: null });
    expect(m.status().map((d) => d.id)).toEqual(['virtual-qr', 'r1']);
    expect(m.allStatus().map((d) => d.id)).toEqual(['virtual-card', 'virtual-qr', 'r1']);
    m.virtual!.card.present(demoCardBasicInfo({ certno: makeIdNumber('530602', '19800101', 5), psn_name: '张三' }));
    m.virtual!.qr.present('6901234000375');
    await new Promise((r) => setTimeout(r, 100));
    expect(ids).toEqual([]);
    expect(scans).toEqual(['6901234000375']);

    m.select('qr_scanner', 'virtual-qr');
    m.select('card_reader', null);
    m.virtual!.card.present(demoCardBasicInfo({ certno: makeIdNumber('530602', '19800101', 5), psn_name: '张三' }));
    const end = Date.now() + 2000;
    while (ids.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    expect(ids[0]).toMatchObject({ deviceId: 'virtual-card', mdtrt_cert_type: '03' });
  });

  it('a status event follows a selection change (the status bar updates at once)', async () => {
    const m = track(createDeviceManager({ serialCardReaders: [{ id: 'r1', path: '/dev/ttyNONE-2' }] }, { today, serialPathExists: () => false }));
    await m.start();
    const seen: string[][] = [];
    m.on('status', (st) => seen.push(st.map((d) => d.id)));
    m.select('card_reader', 'virtual-card');
    expect(seen.at(-1)).toEqual(['virtual-card', 'virtual-qr']);
  });
});

describe('asking card readers to read', () => {
  it('requestCardRead writes the read command to the serial readers in use only', async () => {
    const opened = new Map<string, SerialPortStream>();
    const paths = [`/dev/SEL-A-${process.pid}`, `/dev/SEL-B-${process.pid}`];
    for (const p of paths) MockBinding.createPort(p, { echo: false, record: true });
    const m = track(
      createDeviceManager(
        { virtual: false, serialCardReaders: [{ id: 'ra', path: paths[0] }, { id: 'rb', path: paths[1] }] },
        {
          today,
          serialPathExists: () => true,
          openSerial: async ({ path, baudRate }) => {
            const port = new SerialPortStream({ binding: MockBinding, path, baudRate, autoOpen: false });
            await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
            opened.set(path, port);
            return port;
          },
        },
      ),
    );
    await m.start();
    const rec = (p: string) => opened.get(p)!.port!.recording;
    expect(await m.requestCardRead()).toBe(true);
    const read = hexToBytes(DEFAULT_FRAME_PROFILE.readCommand);
    const end = Date.now() + 2000;
    while ((rec(paths[0]!).length === 0 || rec(paths[1]!).length === 0) && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    expect(rec(paths[0]!)).toEqual(read);
    expect(rec(paths[1]!)).toEqual(read);

    m.select('card_reader', 'rb');
    expect(await m.requestCardRead()).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(rec(paths[0]!)).toEqual(read); // nothing more to the unselected reader
    expect(rec(paths[1]!)).toEqual(Buffer.concat([read, read]));
    expect(await m.requestCardRead('ra')).toBe(false);
  });
});

describe('inventory (the device list)', () => {
  it('reports what enumeration finds', async () => {
    const hid: HidModuleLike = {
      devicesAsync: async () => [{ path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, product: 'POS scanner' }],
      HID: FakeHid as unknown as HidModuleLike['HID'],
    };
    const m = track(
      createDeviceManager({ virtual: false }, { today, loadHid: async () => hid, listSerial: async () => [{ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' }] }),
    );
    expect(await m.inventory()).toEqual({
      serialPorts: { available: true, reason: null, items: [{ path: '/dev/ttyUSB0', vendorId: '1a86', productId: '7523', manufacturer: 'QinHeng' }] },
      hidDevices: { available: true, reason: null, items: [{ path: '/dev/hidraw3', vendorId: 0x0c2e, productId: 0x0b61, usagePage: 0x8c, product: 'POS scanner' }] },
    });
  });

  it('without libusb / udevadm it says why, and never rejects', async () => {
    const m = track(
      createDeviceManager(
        { virtual: false },
        {
          today,
          loadHid: async () => {
            throw new Error('libusb-1.0.so.0: cannot open shared object file');
          },
          listSerial: async () => {
            throw new Error('spawn udevadm ENOENT');
          },
        },
      ),
    );
    const inv = await m.inventory();
    expect(inv.serialPorts).toEqual({ available: false, reason: 'cannot list serial ports: spawn udevadm ENOENT', items: [] });
    expect(inv.hidDevices).toEqual({ available: false, reason: 'node-hid unavailable: libusb-1.0.so.0: cannot open shared object file', items: [] });
  });

  it('HID enumeration failing after node-hid loaded is reported as such', async () => {
    const hid: HidModuleLike = {
      devicesAsync: async () => {
        throw new Error('hid_enumerate failed');
      },
      HID: FakeHid as unknown as HidModuleLike['HID'],
    };
    const m = track(createDeviceManager({ virtual: false }, { today, loadHid: async () => hid, listSerial: async () => [] }));
    expect((await m.inventory()).hidDevices).toEqual({ available: false, reason: 'HID enumeration failed: hid_enumerate failed', items: [] });
  });
});

describe('hot-plug at the default poll period', () => {
  it('a HID scanner plugged in while running is connected within 2 seconds', async () => {
    const present: Array<{ path: string; vendorId: number; productId: number; usagePage: number }> = [];
    const hid: HidModuleLike = { devicesAsync: async () => present.slice(), HID: FakeHid as unknown as HidModuleLike['HID'] };
    const m = track(createDeviceManager({ virtual: false, hidQrScanners: [{ id: 'qr1', vendorId: 0x0c2e }] }, { today, loadHid: async () => hid }));
    expect(m.config.pollMs).toBe(1000);
    await m.start();
    expect(m.status()[0]!.state).toBe('disconnected');
    const connected = new Promise<number>((resolve) =>
      m.on('status', (st) => {
        if (st[0]!.state === 'connected') resolve(Date.now());
      }),
    );
    const plugged = Date.now();
    present.push({ path: '/dev/hidraw9', vendorId: 0x0c2e, productId: 1, usagePage: 0x8c });
    const at = await connected;
    expect(at - plugged).toBeLessThan(2000);
  });
});

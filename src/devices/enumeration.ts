/**
 * What this machine has: serial ports (SerialPort.list(), which needs udevadm on Linux) and HID
 * devices (node-hid, loaded lazily because without libusb it throws at load). Every failure comes
 * back as an Error value, never a throw or a rejection, so it can become a status or the device
 * list's "why not".
 */
import { existsSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { HidHandle } from './hid-handle.js';

/** The fields of serialport's PortInfo the manager uses. */
export interface SerialPortInfo {
  path: string;
  vendorId?: string | undefined;
  productId?: string | undefined;
  manufacturer?: string | undefined;
}

/** The fields of node-hid's Device the manager uses. */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  usagePage?: number | undefined;
  product?: string | undefined;
}

/** The subset of `typeof import('node-hid')` the manager uses; the real module satisfies it. */
export interface HidModuleLike {
  devicesAsync?: () => Promise<HidDeviceInfo[]>;
  devices?: () => HidDeviceInfo[];
  HID: new (path: string) => HidHandle;
}

/** What enumeration finds on this machine, or why it cannot look (no udevadm, node-hid without libusb). */
export interface Enumerated<T> {
  available: boolean;
  reason: string | null;
  items: T[];
}

export interface DeviceInventory {
  serialPorts: Enumerated<{ path: string; vendorId: string | null; productId: string | null; manufacturer: string | null }>;
  hidDevices: Enumerated<{ path: string | null; vendorId: number; productId: number; usagePage: number | null; product: string | null }>;
}

export interface EnumerationDeps {
  /** load node-hid (default: dynamic import); a rejection makes HID devices 'unavailable' */
  loadHid?: () => Promise<HidModuleLike>;
  /** list serial ports (default: SerialPort.list()) */
  listSerial?: () => Promise<SerialPortInfo[]>;
  /** open a serial port and resolve once open (default: serialport's SerialPort) */
  openSerial?: (opts: { path: string; baudRate: number }) => Promise<Duplex>;
  /** whether a configured serial path exists (default: fs.existsSync for /dev/ paths, true otherwise) */
  serialPathExists?: (path: string) => boolean;
}

/** What one hot-plug pass offers the slots looking for their device. */
export interface TickContext {
  now: number;
  /** serial port list, fetched at most once per pass */
  serialList(): Promise<SerialPortInfo[] | Error>;
  openSerial(opts: { path: string; baudRate: number }): Promise<Duplex>;
  serialPathExists(path: string): boolean;
  /** node-hid, or why it is unavailable */
  hid(): Promise<HidModuleLike | Error>;
  /** HID enumeration, at most once per pass */
  hidDevices(): Promise<HidDeviceInfo[] | Error>;
}

export class Enumeration {
  private hidLoad: Promise<HidModuleLike | Error> | null = null;

  constructor(
    private readonly deps: EnumerationDeps,
    private readonly warn: (msg: string, meta?: Record<string, unknown>) => void,
  ) {}

  /** node-hid, loaded once; the load error (logged once) when it cannot load */
  loadHid(): Promise<HidModuleLike | Error> {
    this.hidLoad ??= (async () => {
      try {
        const hid = await (this.deps.loadHid ?? defaultLoadHid)();
        if (!hid || typeof hid.HID !== 'function') throw new Error('node-hid module has no HID class');
        return hid;
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        this.warn('node-hid unavailable', { reason: err.message });
        return err;
      }
    })();
    return this.hidLoad;
  }

  /** A pass: the lists are fetched when a slot first asks, then shared by the others. */
  pass(): TickContext {
    let serialList: Promise<SerialPortInfo[] | Error> | null = null;
    let hidDevices: Promise<HidDeviceInfo[] | Error> | null = null;
    return {
      now: Date.now(),
      serialList: () => (serialList ??= this.listSerial()),
      openSerial: (o) => (this.deps.openSerial ?? defaultOpenSerial)(o),
      serialPathExists: (p) => (this.deps.serialPathExists ?? defaultPathExists)(p),
      hid: () => this.loadHid(),
      hidDevices: () => (hidDevices ??= this.loadHid().then((hid) => (hid instanceof Error ? hid : listHid(hid)))),
    };
  }

  /** Everything found now, for the device list. Never rejects. */
  async inventory(): Promise<DeviceInventory> {
    const [serial, hid] = await Promise.all([
      this.listSerial(),
      this.loadHid().then((h) =>
        h instanceof Error
          ? new Error(`node-hid unavailable: ${h.message}`)
          : listHid(h).then((r) => (r instanceof Error ? new Error(`HID enumeration failed: ${r.message}`) : r)),
      ),
    ]);
    const nul = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
    return {
      serialPorts:
        serial instanceof Error
          ? { available: false, reason: `cannot list serial ports: ${serial.message}`, items: [] }
          : {
              available: true,
              reason: null,
              items: serial.map((p) => ({ path: p.path, vendorId: nul(p.vendorId), productId: nul(p.productId), manufacturer: nul(p.manufacturer) })),
            },
      hidDevices:
        hid instanceof Error
          ? { available: false, reason: hid.message, items: [] }
          : {
              available: true,
              reason: null,
              items: hid.map((d) => ({ path: nul(d.path), vendorId: d.vendorId, productId: d.productId, usagePage: nul(d.usagePage), product: nul(d.product) })),
            },
    };
  }

  private listSerial(): Promise<SerialPortInfo[] | Error> {
    return settle(() => (this.deps.listSerial ?? defaultListSerial)());
  }
}

function listHid(hid: HidModuleLike): Promise<HidDeviceInfo[] | Error> {
  return settle(() => (hid.devicesAsync ? hid.devicesAsync() : hid.devices!()));
}

/** The value, or the failure as an Error (a synchronous throw included). */
function settle<T>(run: () => T | Promise<T>): Promise<T | Error> {
  const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
  try {
    return Promise.resolve(run()).then((v) => v, toError);
  } catch (e) {
    return Promise.resolve(toError(e));
  }
}

async function defaultLoadHid(): Promise<HidModuleLike> {
  const m: any = await import('node-hid');
  return (m.HID ? m : m.default) as HidModuleLike;
}

async function defaultListSerial(): Promise<SerialPortInfo[]> {
  const { SerialPort } = await import('serialport');
  return SerialPort.list();
}

async function defaultOpenSerial(o: { path: string; baudRate: number }): Promise<Duplex> {
  const { SerialPort } = await import('serialport');
  const port = new SerialPort({ path: o.path, baudRate: o.baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  return port;
}

function defaultPathExists(path: string): boolean {
  return path.startsWith('/dev/') ? existsSync(path) : true;
}

/**
 * The device manager the app composes: virtual devices (embedded default) and configured real
 * devices, one event stream out ('identity', 'scan', 'status', 'device-error').
 *
 * Hardware libraries load lazily and their failures become statuses, never crashes: node-hid without
 * libusb makes every HID device 'unavailable' with the reason; SerialPort.list() failing (no udevadm)
 * shows on the VID/PID-matched serial devices. Enumeration is polled every `pollMs` for hot-plug, but
 * only for devices that are not connected, so a fully connected terminal polls nothing.
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import type { DeviceStatus } from '../shared/api.js';
import { maskCertno, maskName, type Identity } from '../shared/domain.js';
import { SerialCardReader } from './card/serial-card-reader.js';
import { HidReportStream } from './card/hid-card-reader.js';
import { CardServiceReader } from './card/card-service-reader.js';
import { DevicesConfig, type DevicesConfigInput, type FrameProfile } from './config.js';
import { messageOf, type DeviceError, type ScanEvent } from './events.js';
import { HidPosScanner } from './qr/hid-pos-scanner.js';
import { eVoucherIdentity } from './qr/scan-text.js';
import { SerialQrScanner } from './qr/serial-qr-scanner.js';
import {
  CardServiceSlot,
  HidSlot,
  SerialSlot,
  type AttachedDriver,
  type HidDeviceInfo,
  type HidModuleLike,
  type SerialPortInfo,
  type Slot,
  type SlotHost,
  type TickContext,
} from './slots.js';
import { VirtualCardReader } from './virtual/virtual-card-reader.js';
import { VirtualQrScanner } from './virtual/virtual-qr-scanner.js';

export type { HidModuleLike, SerialPortInfo, HidDeviceInfo } from './slots.js';
export type { DeviceError, ScanEvent } from './events.js';

export interface DeviceLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
}

export interface DeviceManagerDeps {
  /** load node-hid (default: dynamic import); a rejection makes HID devices 'unavailable' */
  loadHid?: () => Promise<HidModuleLike>;
  /** list serial ports (default: SerialPort.list()) */
  listSerial?: () => Promise<SerialPortInfo[]>;
  /** open a serial port and resolve once open (default: serialport's SerialPort) */
  openSerial?: (opts: { path: string; baudRate: number }) => Promise<Duplex>;
  /** whether a configured serial path exists (default: fs.existsSync for /dev/ paths, true otherwise) */
  serialPathExists?: (path: string) => boolean;
  /** today's date yyyy-MM-dd (card expiry); default: the local date */
  today?: () => string;
  logger?: DeviceLogger;
}

export interface DeviceManagerEvents {
  identity: [Identity];
  /** every scan, e-voucher or not (item barcodes go to the bill) */
  scan: [ScanEvent];
  status: [DeviceStatus[]];
  'device-error': [DeviceError];
}

export interface VirtualDevices {
  card: VirtualCardReader;
  qr: VirtualQrScanner;
}

export type DeviceKind = DeviceStatus['kind'];

/** The device in use per kind; null = every configured device of that kind (the default). */
export interface DeviceSelection {
  card_reader: string | null;
  qr_scanner: string | null;
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

export const VIRTUAL_CARD_ID = 'virtual-card';
export const VIRTUAL_QR_ID = 'virtual-qr';

export class DeviceManager extends EventEmitter<DeviceManagerEvents> {
  /** the virtual devices while started with `virtual: true`, else null */
  virtual: VirtualDevices | null = null;
  readonly config: DevicesConfig;
  private readonly deps: DeviceManagerDeps;
  private readonly today: () => string;
  private readonly slots: Slot[] = [];
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private starting: Promise<void> | null = null;
  private ticking = false;
  private hidLoad: Promise<HidModuleLike | Error> | null = null;
  private lastStatusJson = '';
  private readonly host: SlotHost;
  private readonly selected: DeviceSelection = { card_reader: null, qr_scanner: null };

  constructor(config: DevicesConfig, deps: DeviceManagerDeps = {}) {
    super();
    this.config = config;
    this.deps = deps;
    this.today = deps.today ?? localToday;
    this.host = {
      identity: (id) => this.onIdentity(id),
      scan: (s) => this.onScan(s),
      error: (e) => this.onDeviceError(e),
      changed: () => this.emitStatusIfChanged(),
      log: (level, msg, meta) => this.log(level, msg, meta),
    };
    this.buildSlots();
  }

  /** Open virtual devices and start looking for real ones. Idempotent. */
  start(): Promise<void> {
    if (this.started) return this.starting ?? Promise.resolve();
    this.started = true;
    this.starting = this.doStart();
    return this.starting;
  }

  /** Close everything; statuses become 'disconnected' (reason 'stopped'), `virtual` becomes null. */
  async stop(): Promise<void> {
    if (!this.started) return;
    await this.starting?.catch(() => undefined);
    this.started = false;
    this.starting = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.slots.map((s) => s.close('stopped')));
    const v = this.virtual;
    this.virtual = null;
    if (v) {
      v.qr.close();
      await v.card.close().catch(() => undefined);
    }
    this.emitStatusIfChanged();
  }

  /**
   * The devices in use, for the status bar: every device of a kind without a selection, else only
   * the selected one (an unselected reader is not what the cashier should watch).
   */
  status(): DeviceStatus[] {
    return this.allStatus().filter((d) => this.accepts(d.id));
  }

  /** Every device, virtual and configured, selected or not. */
  allStatus(): DeviceStatus[] {
    const out: DeviceStatus[] = [];
    if (this.config.virtual) {
      const up = this.virtual !== null;
      out.push(virtualStatus(VIRTUAL_CARD_ID, 'card_reader', 'Virtual card reader', up && this.virtual!.card.isOpen));
      out.push(virtualStatus(VIRTUAL_QR_ID, 'qr_scanner', 'Virtual QR scanner (HID POS)', up && this.virtual!.qr.isOpen));
    }
    for (const s of this.slots) out.push(s.status());
    return out;
  }

  selection(): DeviceSelection {
    return { ...this.selected };
  }

  /**
   * Use only `deviceId` among the devices of `kind` (null: all of them). Unselected devices stay open
   * (their status is known and switching back is instant), but their identities and scans are dropped.
   * Throws when the id is not a device of that kind.
   */
  select(kind: DeviceKind, deviceId: string | null): DeviceSelection {
    if (deviceId !== null) {
      const d = this.allStatus().find((s) => s.id === deviceId);
      if (!d) throw new Error(`no device "${deviceId}"`);
      if (d.kind !== kind) throw new Error(`device "${deviceId}" is a ${d.kind}, not a ${kind}`);
    }
    this.selected[kind] = deviceId;
    this.log('info', 'device selection', { kind, deviceId });
    this.emitStatusIfChanged();
    return this.selection();
  }

  /** Whether identities and scans from this device are used. Unknown ids (none configured) are accepted. */
  accepts(deviceId: string | undefined): boolean {
    if (deviceId === undefined) return true;
    const kind = this.kindOf(deviceId);
    if (!kind) return true;
    const sel = this.selected[kind];
    return sel === null || sel === deviceId;
  }

  /** Enumerate serial ports and HID devices now (the developer panel's device list). Never rejects. */
  async inventory(): Promise<DeviceInventory> {
    const [serial, hid] = await Promise.all([
      settle(this.deps.listSerial ? this.deps.listSerial() : defaultListSerial()),
      this.loadHid().then((h) =>
        h instanceof Error
          ? new Error(`node-hid unavailable: ${h.message}`)
          : settle(h.devicesAsync ? h.devicesAsync() : Promise.resolve().then(() => h.devices!())).then((r) => (r instanceof Error ? new Error(`HID enumeration failed: ${r.message}`) : r)),
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

  private kindOf(deviceId: string): DeviceKind | null {
    if (this.config.virtual && deviceId === VIRTUAL_CARD_ID) return 'card_reader';
    if (this.config.virtual && deviceId === VIRTUAL_QR_ID) return 'qr_scanner';
    return this.slots.find((s) => s.id === deviceId)?.kind ?? null;
  }

  /**
   * Ask card readers for the card's basic info (serial/HID readers answer only when asked).
   * Resolves true when at least one read command was written.
   */
  async requestCardRead(deviceId?: string): Promise<boolean> {
    const targets = this.slots.filter((s) => s.kind === 'card_reader' && s.connected && this.accepts(s.id) && (deviceId === undefined || s.id === deviceId));
    const results = await Promise.all(targets.map((s) => s.requestRead()));
    let ok = results.some(Boolean);
    if (this.virtual && this.accepts(VIRTUAL_CARD_ID) && (deviceId === undefined || deviceId === VIRTUAL_CARD_ID)) {
      ok = (await this.virtual.card.reader.requestRead()) || ok;
    }
    return ok;
  }

  /** Run one enumeration pass now (tests, or after the OS reports a USB change). */
  async poll(): Promise<void> {
    if (!this.started || this.ticking) return;
    this.ticking = true;
    try {
      const ctx = this.tickContext();
      await Promise.all(this.slots.map((s) => s.tick(ctx).catch((e) => this.log('warn', 'device poll failed', { deviceId: s.id, reason: messageOf(e) }))));
    } finally {
      this.ticking = false;
    }
  }

  private async doStart(): Promise<void> {
    if (this.config.virtual) {
      try {
        const card = await VirtualCardReader.open({ deviceId: VIRTUAL_CARD_ID, today: this.today });
        const qr = new VirtualQrScanner({ deviceId: VIRTUAL_QR_ID });
        card.reader.on('identity', (id) => this.onIdentity(id));
        card.reader.on('error', (e) => this.onDeviceError(e));
        qr.scanner.on('scan', (s) => this.onScan(s));
        qr.scanner.on('error', (e) => this.onDeviceError(e));
        this.virtual = { card, qr };
      } catch (e) {
        this.log('warn', 'virtual devices failed to open', { reason: messageOf(e) });
      }
    }
    this.emitStatusIfChanged();
    if (this.slots.length > 0) {
      await this.poll();
      this.timer = setInterval(() => void this.poll(), this.config.pollMs);
      this.timer.unref();
    }
    this.emitStatusIfChanged();
  }

  private buildSlots(): void {
    const c = this.config;
    const profile = (name: string): FrameProfile => c.frameProfiles[name] ?? c.frameProfiles['default']!;
    for (const r of c.serialCardReaders) {
      this.slots.push(
        new SerialSlot(
          {
            id: r.id,
            kind: 'card_reader',
            label: `Serial card reader ${r.path ?? usbLabel(r.vendorId, r.productId)}`,
            path: r.path,
            vendorId: r.vendorId,
            productId: r.productId,
            baudRate: r.baudRate,
            makeDriver: (port) => cardDriver(new SerialCardReader({ deviceId: r.id, port, profile: profile(r.profile), today: this.today }), port),
          },
          this.host,
        ),
      );
    }
    for (const r of c.hidCardReaders) {
      this.slots.push(
        new HidSlot(
          {
            id: r.id,
            kind: 'card_reader',
            label: `USB HID card reader ${usbLabel(r.vendorId, r.productId)}`,
            vendorId: r.vendorId,
            productId: r.productId,
            makeDriver: (handle) => {
              const port = new HidReportStream(handle, r.reportSize);
              return cardDriver(new SerialCardReader({ deviceId: r.id, port, profile: profile(r.profile), today: this.today }), port);
            },
          },
          this.host,
        ),
      );
    }
    for (const q of c.hidQrScanners) {
      this.slots.push(
        new HidSlot(
          {
            id: q.id,
            kind: 'qr_scanner',
            label: `USB HID POS scanner ${usbLabel(q.vendorId, q.productId)}`,
            vendorId: q.vendorId,
            productId: q.productId,
            usagePage: q.usagePage,
            makeDriver: (handle) => {
              const d = new HidPosScanner({ deviceId: q.id, source: handle, reportIdPrefix: q.reportIdPrefix });
              return {
                on: (ev: string, l: (...a: any[]) => void) => d.on(ev as 'scan', l),
                dispose: async () => d.close(),
              } as AttachedDriver;
            },
          },
          this.host,
        ),
      );
    }
    for (const q of c.serialQrScanners) {
      this.slots.push(
        new SerialSlot(
          {
            id: q.id,
            kind: 'qr_scanner',
            label: `Serial QR scanner ${q.path}`,
            path: q.path,
            baudRate: q.baudRate,
            makeDriver: (port) => {
              const d = new SerialQrScanner({ deviceId: q.id, port, terminator: q.terminator });
              return {
                on: (ev: string, l: (...a: any[]) => void) => d.on(ev as 'scan', l),
                dispose: async () => {
                  d.detach();
                  await closePort(port);
                },
              } as AttachedDriver;
            },
          },
          this.host,
        ),
      );
    }
    for (const s of c.cardServices) {
      this.slots.push(
        new CardServiceSlot(
          {
            id: s.id,
            label: `Card service ${s.url}`,
            url: s.url,
            connect: async () => {
              const r = await CardServiceReader.connect({ deviceId: s.id, url: s.url, today: this.today });
              return {
                on: (ev: string, l: (...a: any[]) => void) => r.on(ev as 'identity', l),
                requestRead: () => r.requestRead(),
                dispose: () => r.dispose(),
              } as AttachedDriver;
            },
          },
          this.host,
        ),
      );
    }
  }

  private tickContext(): TickContext {
    let serialList: Promise<SerialPortInfo[] | Error> | null = null;
    let hidDevices: Promise<HidDeviceInfo[] | Error> | null = null;
    return {
      now: Date.now(),
      serialList: () => (serialList ??= settle(this.deps.listSerial ? this.deps.listSerial() : defaultListSerial())),
      openSerial: (o) => (this.deps.openSerial ?? defaultOpenSerial)(o),
      serialPathExists: (p) => (this.deps.serialPathExists ?? defaultPathExists)(p),
      hid: () => this.loadHid(),
      hidDevices: () =>
        (hidDevices ??= this.loadHid().then((hid) => {
          if (hid instanceof Error) return hid;
          return settle(hid.devicesAsync ? hid.devicesAsync() : Promise.resolve().then(() => hid.devices!()));
        })),
    };
  }

  private loadHid(): Promise<HidModuleLike | Error> {
    this.hidLoad ??= (async () => {
      try {
        const hid = await (this.deps.loadHid ?? defaultLoadHid)();
        if (!hid || typeof hid.HID !== 'function') throw new Error('node-hid module has no HID class');
        return hid;
      } catch (e) {
        const err = e instanceof Error ? e : new Error(String(e));
        this.log('warn', 'node-hid unavailable', { reason: err.message });
        return err;
      }
    })();
    return this.hidLoad;
  }

  private onIdentity(id: Identity): void {
    if (!this.accepts(id.deviceId)) {
      this.log('info', 'identity from an unselected device ignored', { deviceId: id.deviceId });
      return;
    }
    this.log('info', 'identity presented', {
      deviceId: id.deviceId,
      source: id.source,
      mdtrt_cert_type: id.mdtrt_cert_type,
      certno: id.certno ? maskCertno(id.certno) : undefined,
      psn_name: id.psn_name ? maskName(id.psn_name) : undefined,
    });
    this.emit('identity', id);
  }

  private onScan(s: ScanEvent): void {
    if (!this.accepts(s.deviceId)) {
      this.log('info', 'scan from an unselected device ignored', { deviceId: s.deviceId });
      return;
    }
    this.emit('scan', s);
    const id = eVoucherIdentity(s.text, s.deviceId);
    if (id) this.onIdentity(id);
  }

  private onDeviceError(e: DeviceError): void {
    this.log('warn', 'device error', { deviceId: e.deviceId, reason: e.reason });
    this.emit('device-error', e);
  }

  private emitStatusIfChanged(): void {
    const st = this.status();
    const json = JSON.stringify(st);
    if (json === this.lastStatusJson) return;
    this.lastStatusJson = json;
    this.emit('status', st);
  }

  private log(level: 'info' | 'warn', msg: string, meta?: Record<string, unknown>): void {
    try {
      this.deps.logger?.[level](msg, meta);
    } catch {
      // a broken logger must not break devices
    }
  }
}

export function createDeviceManager(config: DevicesConfig | DevicesConfigInput, deps: DeviceManagerDeps = {}): DeviceManager {
  return new DeviceManager(DevicesConfig.parse(config), deps);
}

function cardDriver(reader: SerialCardReader, port: Duplex): AttachedDriver {
  return {
    on: (ev: string, l: (...a: any[]) => void) => reader.on(ev as 'identity', l),
    requestRead: () => reader.requestRead(),
    dispose: async () => {
      reader.detach();
      await closePort(port);
    },
  } as AttachedDriver;
}

function closePort(port: Duplex): Promise<void> {
  return new Promise((resolve) => {
    const p = port as Duplex & { isOpen?: boolean; close?: (cb: (err?: Error | null) => void) => void };
    // writes in flight fail on close; the driver is detached, so swallow them here
    port.on('error', () => undefined);
    try {
      if (typeof p.close === 'function' && p.isOpen !== false) p.close(() => resolve());
      else {
        port.destroy();
        resolve();
      }
    } catch {
      resolve();
    }
  });
}

function virtualStatus(id: string, kind: DeviceStatus['kind'], label: string, up: boolean): DeviceStatus {
  return { id, kind, label, transport: 'virtual', state: up ? 'connected' : 'disconnected', reason: up ? null : 'not started' };
}

function usbLabel(vid: number | undefined, pid: number | undefined): string {
  const h = (n: number | undefined) => (n === undefined ? '*' : n.toString(16).padStart(4, '0'));
  return `${h(vid)}:${h(pid)}`;
}

function settle<T>(p: Promise<T>): Promise<T | Error> {
  return p.then(
    (v) => v,
    (e) => (e instanceof Error ? e : new Error(String(e))),
  );
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

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

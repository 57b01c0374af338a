/**
 * One slot per configured real device: it finds the device (serial path, serial VID/PID, HID
 * enumeration), opens it, attaches the driver, and reopens with backoff after it goes away.
 * The manager calls `tick()` on every enumeration poll; a connected slot does nothing, so the poll
 * costs nothing while everything is plugged in.
 */
import type { Duplex } from 'node:stream';
import type { DeviceState, DeviceStatus } from '../shared/api.js';
import type { Identity } from '../shared/domain.js';
import type { DeviceError, ScanEvent } from './events.js';
import { messageOf } from './events.js';
import type { HidSource } from './hid-handle.js';

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

export interface HidHandle extends HidSource {
  write(values: number[] | Buffer): number;
}

/** The subset of `typeof import('node-hid')` the manager uses; the real module satisfies it. */
export interface HidModuleLike {
  devicesAsync?: () => Promise<HidDeviceInfo[]>;
  devices?: () => HidDeviceInfo[];
  HID: new (path: string) => HidHandle;
}

export interface TickContext {
  now: number;
  /** serial port list, fetched at most once per tick */
  serialList(): Promise<SerialPortInfo[] | Error>;
  openSerial(opts: { path: string; baudRate: number }): Promise<Duplex>;
  serialPathExists(path: string): boolean;
  /** node-hid, or why it is unavailable */
  hid(): Promise<HidModuleLike | Error>;
  /** HID enumeration, at most once per tick */
  hidDevices(): Promise<HidDeviceInfo[] | Error>;
}

/** What a driver attached to an open device looks like to its slot. */
export interface AttachedDriver {
  on(event: 'identity', l: (id: Identity) => void): unknown;
  on(event: 'scan', l: (s: ScanEvent) => void): unknown;
  on(event: 'error', l: (e: DeviceError) => void): unknown;
  on(event: 'close', l: () => void): unknown;
  requestRead?(): Promise<boolean>;
  /** stop listening and release the handle */
  dispose(): Promise<void>;
}

export interface SlotHost {
  identity(id: Identity): void;
  scan(s: ScanEvent): void;
  error(e: DeviceError): void;
  changed(): void;
  log(level: 'info' | 'warn', msg: string, meta?: Record<string, unknown>): void;
}

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

export abstract class Slot {
  state: DeviceState = 'disconnected';
  reason: string | null = 'not opened yet';
  protected driver: AttachedDriver | null = null;
  protected busy = false;
  private backoffMs = 0;
  private nextAttemptAt = 0;

  constructor(
    readonly id: string,
    readonly kind: DeviceStatus['kind'],
    readonly transport: DeviceStatus['transport'],
    readonly label: string,
    protected readonly host: SlotHost,
  ) {}

  status(): DeviceStatus {
    return { id: this.id, kind: this.kind, label: this.label, transport: this.transport, state: this.state, reason: this.reason };
  }

  get connected(): boolean {
    return this.driver !== null;
  }

  async tick(ctx: TickContext): Promise<void> {
    if (this.driver || this.busy || ctx.now < this.nextAttemptAt) return;
    this.busy = true;
    try {
      await this.connect(ctx);
    } catch (e) {
      this.set('disconnected', messageOf(e));
      this.backoff(ctx.now);
    } finally {
      this.busy = false;
    }
  }

  requestRead(): Promise<boolean> {
    return this.driver?.requestRead?.() ?? Promise.resolve(false);
  }

  async close(reason = 'stopped'): Promise<void> {
    const d = this.driver;
    this.driver = null;
    if (d) await d.dispose().catch(() => undefined);
    this.set('disconnected', reason);
  }

  protected abstract connect(ctx: TickContext): Promise<void>;

  protected attach(driver: AttachedDriver, where: string): void {
    this.driver = driver;
    this.backoffMs = 0;
    driver.on('identity', (id) => this.host.identity(id));
    driver.on('scan', (s) => this.host.scan(s));
    driver.on('error', (e) => this.host.error(e));
    driver.on('close', () => {
      if (this.driver !== driver) return;
      this.driver = null;
      void driver.dispose().catch(() => undefined);
      this.set('disconnected', `${where} closed`);
      this.host.log('warn', 'device closed', { deviceId: this.id, where });
      this.backoff(Date.now());
    });
    this.set('connected', null);
    this.host.log('info', 'device connected', { deviceId: this.id, where });
  }

  protected set(state: DeviceState, reason: string | null): void {
    if (this.state === state && this.reason === reason) return;
    this.state = state;
    this.reason = reason;
    this.host.changed();
  }

  protected backoff(now: number): void {
    this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, this.backoffMs * 2));
    this.nextAttemptAt = now + this.backoffMs;
  }
}

export interface SerialSlotSpec {
  id: string;
  kind: DeviceStatus['kind'];
  label: string;
  path?: string | undefined;
  vendorId?: number | undefined;
  productId?: number | undefined;
  baudRate: number;
  makeDriver(port: Duplex): AttachedDriver;
}

export class SerialSlot extends Slot {
  constructor(
    private readonly spec: SerialSlotSpec,
    host: SlotHost,
  ) {
    super(spec.id, spec.kind, 'serial', spec.label, host);
  }

  protected async connect(ctx: TickContext): Promise<void> {
    let path = this.spec.path;
    if (path === undefined) {
      const list = await ctx.serialList();
      if (list instanceof Error) {
        this.set('unavailable', `cannot list serial ports: ${list.message}`);
        this.backoff(ctx.now);
        return;
      }
      const hit = list.find((p) => usbIdEquals(p.vendorId, this.spec.vendorId) && (this.spec.productId === undefined || usbIdEquals(p.productId, this.spec.productId)));
      if (!hit) {
        this.set('disconnected', `no serial port with USB id ${usbIdText(this.spec.vendorId, this.spec.productId)}`);
        return;
      }
      path = hit.path;
    } else if (!ctx.serialPathExists(path)) {
      this.set('disconnected', `${path} not present`);
      return;
    }
    let port: Duplex;
    try {
      port = await ctx.openSerial({ path, baudRate: this.spec.baudRate });
    } catch (e) {
      const msg = messageOf(e);
      if (/EACCES|permission|access denied/i.test(msg)) this.set('no_permission', `cannot open ${path}: ${msg}`);
      else this.set('disconnected', `cannot open ${path}: ${msg}`);
      this.backoff(ctx.now);
      return;
    }
    this.attach(this.spec.makeDriver(port), path);
  }
}

export interface HidSlotSpec {
  id: string;
  kind: DeviceStatus['kind'];
  label: string;
  vendorId?: number | undefined;
  productId?: number | undefined;
  /** required usage page (HID POS scanners: 0x8C); undefined = any */
  usagePage?: number | undefined;
  makeDriver(handle: HidHandle): AttachedDriver;
}

export class HidSlot extends Slot {
  constructor(
    private readonly spec: HidSlotSpec,
    host: SlotHost,
  ) {
    super(spec.id, spec.kind, 'hid', spec.label, host);
  }

  protected async connect(ctx: TickContext): Promise<void> {
    const hid = await ctx.hid();
    if (hid instanceof Error) {
      // libusb missing etc.: permanent for this run, no point retrying
      this.set('unavailable', `node-hid unavailable: ${hid.message}`);
      return;
    }
    const devices = await ctx.hidDevices();
    if (devices instanceof Error) {
      this.set('unavailable', `HID enumeration failed: ${devices.message}`);
      this.backoff(ctx.now);
      return;
    }
    const s = this.spec;
    const hit = devices.find(
      (d) =>
        d.path !== undefined &&
        (s.vendorId === undefined || d.vendorId === s.vendorId) &&
        (s.productId === undefined || d.productId === s.productId) &&
        // without VID/PID the usage page is the only key, so it must be reported; with them, trust an unreported one
        (s.usagePage === undefined || d.usagePage === s.usagePage || (d.usagePage === undefined && s.vendorId !== undefined)),
    );
    if (!hit || hit.path === undefined) {
      this.set('disconnected', `no HID device ${usbIdText(s.vendorId, s.productId)}${s.usagePage !== undefined ? ` usage page 0x${s.usagePage.toString(16)}` : ''}`);
      return;
    }
    let handle: HidHandle;
    try {
      handle = new hid.HID(hit.path);
    } catch (e) {
      // a device that enumerates but will not open is nearly always a permission problem (udev rules on Linux)
      this.set('no_permission', `cannot open ${hit.path}: ${messageOf(e)} (check permissions / udev rules)`);
      this.backoff(ctx.now);
      return;
    }
    this.attach(s.makeDriver(handle), hit.path);
  }
}

function usbIdEquals(text: string | undefined, want: number | undefined): boolean {
  if (want === undefined) return true;
  if (text === undefined || !/^(0x)?[0-9a-fA-F]{1,4}$/.test(text)) return false;
  return parseInt(text.replace(/^0x/i, ''), 16) === want;
}

function usbIdText(vid: number | undefined, pid: number | undefined): string {
  const h = (n: number | undefined) => (n === undefined ? '*' : n.toString(16).padStart(4, '0'));
  return `${h(vid)}:${h(pid)}`;
}

export interface CardServiceSlotSpec {
  id: string;
  label: string;
  url: string;
  connect(): Promise<AttachedDriver>;
}

/** A vendor's loopback WebSocket card service; reconnects with backoff when it goes away. */
export class CardServiceSlot extends Slot {
  constructor(
    private readonly spec: CardServiceSlotSpec,
    host: SlotHost,
  ) {
    super(spec.id, 'card_reader', 'websocket', spec.label, host);
  }

  protected async connect(ctx: TickContext): Promise<void> {
    let driver: AttachedDriver;
    try {
      driver = await this.spec.connect();
    } catch (e) {
      this.set('disconnected', `cannot reach ${this.spec.url}: ${messageOf(e)}`);
      this.backoff(ctx.now);
      return;
    }
    this.attach(driver, this.spec.url);
  }
}

/**
 * The device manager the app composes: one slot per device of every kind (kinds/registry.ts), one
 * event stream out ('identity', 'scan', 'status', 'device-error').
 *
 * Hardware libraries load lazily and their failures become statuses, never crashes
 * (enumeration.ts). Virtual devices open at start; the others are looked for by hot-plug passes
 * (hot-plug.ts) while they are not connected. The selection (selection.ts) decides whose
 * identities and scans count and which devices the status bar shows (status-board.ts).
 */
import { EventEmitter } from 'node:events';
import type { DeviceStatus } from '../shared/api.js';
import { maskCertno, maskName, type Identity } from '../shared/domain.js';
import { DevicesConfig, type DevicesConfigInput } from './config.js';
import { Enumeration, type DeviceInventory, type EnumerationDeps } from './enumeration.js';
import type { DeviceError, ScanEvent } from './events.js';
import { HotPlug } from './hot-plug.js';
import { buildSlots } from './kinds/registry.js';
import { VIRTUAL_CARD_ID } from './kinds/virtual-card-reader.js';
import { VIRTUAL_QR_ID } from './kinds/virtual-qr-scanner.js';
import { eVoucherIdentity } from './qr/scan-text.js';
import { Selection, type DeviceKind, type DeviceSelection } from './selection.js';
import type { Slot } from './slots/slot.js';
import { StatusBoard } from './status-board.js';
import { VirtualCardReader } from './virtual/virtual-card-reader.js';
import { VirtualQrScanner } from './virtual/virtual-qr-scanner.js';

export type { HidModuleLike, SerialPortInfo, HidDeviceInfo, Enumerated, DeviceInventory } from './enumeration.js';
export type { DeviceError, ScanEvent } from './events.js';
export type { DeviceKind, DeviceSelection } from './selection.js';
export { VIRTUAL_CARD_ID, VIRTUAL_QR_ID };

export interface DeviceLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
}

export interface DeviceManagerDeps extends EnumerationDeps {
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

export class DeviceManager extends EventEmitter<DeviceManagerEvents> {
  readonly config: DevicesConfig;
  private readonly deps: DeviceManagerDeps;
  private readonly slots: Slot[];
  /** opened at start, never looked for (virtual devices) */
  private readonly present: Slot[];
  /** looked for by hot-plug while not connected */
  private readonly pluggable: Slot[];
  private readonly enumeration: Enumeration;
  private readonly hotPlug: HotPlug;
  private readonly selected: Selection;
  private readonly board: StatusBoard;
  private started = false;
  private starting: Promise<void> | null = null;

  constructor(config: DevicesConfig, deps: DeviceManagerDeps = {}) {
    super();
    this.config = config;
    this.deps = deps;
    const log = (level: 'info' | 'warn', msg: string, meta?: Record<string, unknown>) => this.log(level, msg, meta);
    const warn = (msg: string, meta?: Record<string, unknown>) => this.log('warn', msg, meta);
    this.slots = buildSlots(
      config,
      {
        today: deps.today ?? localToday,
        frameProfile: (name) => config.frameProfiles[name] ?? config.frameProfiles['default']!,
        log,
      },
      {
        identity: (id) => this.onIdentity(id),
        scan: (s) => this.onScan(s),
        error: (e) => this.onDeviceError(e),
        changed: () => this.board.changed(),
        log,
      },
    );
    this.present = this.slots.filter((s) => s.alwaysPresent);
    this.pluggable = this.slots.filter((s) => !s.alwaysPresent);
    this.enumeration = new Enumeration(deps, warn);
    this.hotPlug = new HotPlug(this.pluggable, this.enumeration, config.pollMs, warn);
    this.selected = new Selection((id) => this.slots.find((s) => s.id === id)?.kind ?? null);
    this.board = new StatusBoard(this.slots, (id) => this.accepts(id), (st) => this.emit('status', st));
  }

  /** the virtual devices while started with `virtual: true`, else null */
  get virtual(): VirtualDevices | null {
    const card = this.slots.find((s) => s.id === VIRTUAL_CARD_ID)?.device;
    const qr = this.slots.find((s) => s.id === VIRTUAL_QR_ID)?.device;
    return card instanceof VirtualCardReader && qr instanceof VirtualQrScanner ? { card, qr } : null;
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
    this.hotPlug.stop();
    await Promise.all(this.pluggable.map((s) => s.close()));
    await this.board.holding(() => Promise.all(this.present.map((s) => s.close())));
  }

  /**
   * The devices in use, for the status bar: every device of a kind without a selection, else only
   * the selected one (an unselected reader is not what the cashier should watch).
   */
  status(): DeviceStatus[] {
    return this.board.current();
  }

  /** Every device, virtual and configured, selected or not. */
  allStatus(): DeviceStatus[] {
    return this.board.all();
  }

  selection(): DeviceSelection {
    return this.selected.current();
  }

  /**
   * Use only `deviceId` among the devices of `kind` (null: all of them). Unselected devices stay open
   * (their status is known and switching back is instant), but their identities and scans are dropped.
   * Throws when the id is not a device of that kind.
   */
  select(kind: DeviceKind, deviceId: string | null): DeviceSelection {
    this.selected.select(kind, deviceId);
    this.log('info', 'device selection', { kind, deviceId });
    this.board.changed();
    return this.selection();
  }

  /** Whether identities and scans from this device are used. Unknown ids (none configured) are accepted. */
  accepts(deviceId: string | undefined): boolean {
    return this.selected.accepts(deviceId);
  }

  /** Enumerate serial ports and HID devices now (the developer panel's device list). Never rejects. */
  inventory(): Promise<DeviceInventory> {
    return this.enumeration.inventory();
  }

  /**
   * Ask card readers for the card's basic info (serial/HID readers answer only when asked).
   * Resolves true when at least one read command was written.
   */
  async requestCardRead(deviceId?: string): Promise<boolean> {
    const targets = this.slots.filter((s) => s.kind === 'card_reader' && s.connected && this.accepts(s.id) && (deviceId === undefined || s.id === deviceId));
    const results = await Promise.all(targets.map((s) => s.requestRead()));
    return results.some(Boolean);
  }

  /** Run one enumeration pass now (tests, or after the OS reports a USB change). */
  async poll(): Promise<void> {
    if (this.started) await this.hotPlug.poll();
  }

  private async doStart(): Promise<void> {
    const ctx = this.enumeration.pass();
    await this.board.holding(() => Promise.all(this.present.map((s) => s.tick(ctx))));
    await this.hotPlug.start();
    this.board.changed();
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

function localToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * One slot per device, whatever its kind: it asks the kind to find and open the device, attaches
 * the driver, shows the state, and after the device goes away looks again with backoff.
 * `tick()` on a connected slot does nothing, so polling costs nothing while everything is plugged in.
 */
import type { DeviceState, DeviceStatus } from '../../shared/api.js';
import type { Identity } from '../../shared/domain.js';
import type { TickContext } from '../enumeration.js';
import { messageOf, type DeviceError, type ScanEvent } from '../events.js';
import type { AttachedDriver, SlotSpec } from './slot-kind.js';

/** Where a slot's events and changes go (the manager). */
export interface SlotHost {
  identity(id: Identity): void;
  scan(s: ScanEvent): void;
  error(e: DeviceError): void;
  changed(): void;
  log(level: 'info' | 'warn', msg: string, meta?: Record<string, unknown>): void;
}

const MIN_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;

export class Slot {
  readonly id: string;
  readonly kind: DeviceStatus['kind'];
  readonly transport: DeviceStatus['transport'];
  readonly label: string;
  readonly alwaysPresent: boolean;
  state: DeviceState = 'disconnected';
  reason: string | null;
  private driver: AttachedDriver | null = null;
  private busy = false;
  private backoffMs = 0;
  private nextAttemptAt = 0;
  private readonly stoppedReason: string;

  constructor(
    private readonly spec: SlotSpec,
    private readonly host: SlotHost,
  ) {
    this.id = spec.id;
    this.kind = spec.kind;
    this.transport = spec.transport;
    this.label = spec.label;
    this.alwaysPresent = spec.alwaysPresent ?? false;
    this.reason = this.alwaysPresent ? 'not started' : 'not opened yet';
    this.stoppedReason = this.alwaysPresent ? 'not started' : 'stopped';
  }

  status(): DeviceStatus {
    return { id: this.id, kind: this.kind, label: this.label, transport: this.transport, state: this.state, reason: this.reason };
  }

  get connected(): boolean {
    return this.driver !== null;
  }

  /** the object behind the attached driver (see AttachedDriver.device) */
  get device(): object | null {
    return this.driver?.device ?? null;
  }

  async tick(ctx: TickContext): Promise<void> {
    if (this.driver || this.busy || ctx.now < this.nextAttemptAt) return;
    this.busy = true;
    try {
      const c = await this.spec.connect(ctx);
      if ('driver' in c) this.attach(c.driver, c.where);
      else {
        this.set(c.state, c.reason);
        if (c.backoff) this.backoff(ctx.now);
      }
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

  async close(): Promise<void> {
    const d = this.driver;
    this.driver = null;
    if (d) await d.dispose().catch(() => undefined);
    this.set('disconnected', this.stoppedReason);
  }

  private attach(driver: AttachedDriver, where: string): void {
    this.driver = driver;
    this.backoffMs = 0;
    driver.on('identity', (id) => this.host.identity(id));
    driver.on('scan', (s) => this.host.scan(s));
    driver.on('error', (e) => this.host.error(e));
    driver.on('close', (reason?: string) => {
      if (this.driver !== driver) return;
      this.driver = null;
      void driver.dispose().catch(() => undefined);
      this.set('disconnected', reason ?? `${where} closed`);
      this.host.log('warn', 'device closed', { deviceId: this.id, where });
      this.backoff(Date.now());
    });
    this.set('connected', null);
    this.host.log('info', 'device connected', { deviceId: this.id, where });
  }

  private set(state: DeviceState, reason: string | null): void {
    if (this.state === state && this.reason === reason) return;
    this.state = state;
    this.reason = reason;
    this.host.changed();
  }

  private backoff(now: number): void {
    this.backoffMs = Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, this.backoffMs * 2));
    this.nextAttemptAt = now + this.backoffMs;
  }
}

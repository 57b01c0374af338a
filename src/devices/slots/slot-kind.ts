/**
 * What a kind of reader or scanner supplies so that the manager can run it: which configured devices
 * it has, how one is labelled, and how it is found and opened. Everything else (state, reopening with
 * backoff, routing events, closing) is the same for every kind and lives in `Slot`.
 */
import type { DeviceState, DeviceStatus } from '../../shared/api.js';
import type { Identity } from '../../shared/domain.js';
import type { DevicesConfig, FrameProfile } from '../config.js';
import type { TickContext } from '../enumeration.js';
import type { DeviceError, ScanEvent } from '../events.js';

/** What a driver attached to an open device looks like to its slot. */
export interface AttachedDriver {
  on(event: 'identity', l: (id: Identity) => void): unknown;
  on(event: 'scan', l: (s: ScanEvent) => void): unknown;
  on(event: 'error', l: (e: DeviceError) => void): unknown;
  /** the device went away; the reason (a library that crashed) is shown, else "<where> closed" */
  on(event: 'close', l: (reason?: string) => void): unknown;
  requestRead?(): Promise<boolean>;
  /** stop listening and release the handle */
  dispose(): Promise<void>;
  /** the object behind the driver, for whoever drives it directly (the developer panel's virtual devices) */
  device?: object;
}

/** The outcome of looking for the device once. */
export type Connection =
  | { driver: AttachedDriver; where: string }
  /** not connected: the state to show; `backoff` waits 1 s → 30 s before the next try, else the next poll tries */
  | { state: DeviceState; reason: string; backoff: boolean };

/** One device as its slot runs it (built by the registry from a kind and a configured device). */
export interface SlotSpec {
  id: string;
  kind: DeviceStatus['kind'];
  transport: DeviceStatus['transport'];
  label: string;
  alwaysPresent?: boolean | undefined;
  /** Find and open the device. A throw counts as disconnected with its message, and backs off. */
  connect(ctx: TickContext): Promise<Connection>;
}

/** What every kind may use while it connects. */
export interface SlotEnv {
  /** today's date yyyy-MM-dd (card expiry) */
  today: () => string;
  /** a configured frame profile by name (the config check guarantees it exists) */
  frameProfile(name: string): FrameProfile;
  log(level: 'info' | 'warn', msg: string, meta?: Record<string, unknown>): void;
}

/** A kind of reader or scanner; `C` is one configured device of the kind. */
export interface SlotKind<C extends { id: string }> {
  kind: DeviceStatus['kind'];
  transport: DeviceStatus['transport'];
  /**
   * Opened once at start and never looked for again (virtual devices): there is nothing to find, so
   * the only reason it is not connected is that the manager is not started.
   */
  alwaysPresent?: boolean;
  /** the devices of this kind in the config, one slot each */
  configured(config: DevicesConfig): readonly C[];
  label(device: C): string;
  /** find and open the device; called at every hot-plug pass while it is not connected */
  connect(device: C, ctx: TickContext, env: SlotEnv): Promise<Connection>;
}

/** Type a kind against its config entries (the registry holds them all as one type). */
export function defineSlotKind<C extends { id: string }>(kind: SlotKind<C>): SlotKind<C> {
  return kind;
}

type AnyListener = (...args: any[]) => void;

/** A driver's events as its slot listens to them; a driver emits only those it has. */
export function attached(driver: { on(event: string, l: AnyListener): unknown }, parts: Omit<AttachedDriver, 'on'>): AttachedDriver {
  return { ...parts, on: (event: string, l: AnyListener) => driver.on(event, l) } as AttachedDriver;
}

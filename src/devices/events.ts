/** Event shapes shared by the drivers and the manager. */
import { EventEmitter } from 'node:events';

export interface DeviceError {
  deviceId: string;
  reason: string;
  /** the basic-info field that failed validation, when that is the reason */
  field?: string;
}

export interface ScanEvent {
  deviceId: string;
  text: string;
}

/**
 * Emit 'error' only when someone listens: a plain EventEmitter throws on an unheard 'error',
 * and drivers must never throw because of what a device sent.
 */
export function emitDeviceError(emitter: EventEmitter<any>, err: DeviceError): void {
  if (emitter.listenerCount('error') > 0) emitter.emit('error', err);
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

type Listener = (arg: any) => void;

/**
 * Listen to a port's or device handle's events; the returned function removes exactly these
 * listeners (a driver that detaches leaves the handle to its owner, listener-free).
 */
export function listen<E extends string>(
  source: { on(event: E, listener: Listener): unknown; removeListener(event: E, listener: Listener): unknown },
  handlers: Record<E, Listener>,
): () => void {
  const entries = Object.entries(handlers) as Array<[E, Listener]>;
  for (const [event, listener] of entries) source.on(event, listener);
  return () => {
    for (const [event, listener] of entries) source.removeListener(event, listener);
  };
}

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

/**
 * Finding and opening a serial device for a slot: by configured path, or by USB VID/PID through
 * SerialPort.list(); and closing the port again when its driver is disposed.
 */
import type { Duplex } from 'node:stream';
import type { TickContext } from '../enumeration.js';
import { messageOf } from '../events.js';
import type { PortDriver } from '../port-driver.js';
import { attached, type AttachedDriver, type Connection } from './slot-kind.js';
import { usbIdEquals, usbIdText } from './usb-id.js';

export interface SerialMatch {
  path?: string | undefined;
  vendorId?: number | undefined;
  productId?: number | undefined;
  baudRate: number;
}

export async function connectSerialPort(m: SerialMatch, ctx: TickContext, makeDriver: (port: Duplex) => AttachedDriver): Promise<Connection> {
  let path = m.path;
  if (path === undefined) {
    const list = await ctx.serialList();
    if (list instanceof Error) return { state: 'unavailable', reason: `cannot list serial ports: ${list.message}`, backoff: true };
    const hit = list.find((p) => usbIdEquals(p.vendorId, m.vendorId) && (m.productId === undefined || usbIdEquals(p.productId, m.productId)));
    if (!hit) return { state: 'disconnected', reason: `no serial port with USB id ${usbIdText(m.vendorId, m.productId)}`, backoff: false };
    path = hit.path;
  } else if (!ctx.serialPathExists(path)) {
    return { state: 'disconnected', reason: `${path} not present`, backoff: false };
  }
  let port: Duplex;
  try {
    port = await ctx.openSerial({ path, baudRate: m.baudRate });
  } catch (e) {
    const msg = messageOf(e);
    const state = /EACCES|permission|access denied/i.test(msg) ? 'no_permission' : 'disconnected';
    return { state, reason: `cannot open ${path}: ${msg}`, backoff: true };
  }
  return { driver: makeDriver(port), where: path };
}

/** A driver over a port the slot opened: disposing it detaches the driver and closes the port. */
export function portAttached(driver: PortDriver<any>, port: Duplex, requestRead?: () => Promise<boolean>): AttachedDriver {
  return attached(driver, {
    ...(requestRead ? { requestRead } : {}),
    dispose: async () => {
      driver.detach();
      await closePort(port);
    },
  });
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

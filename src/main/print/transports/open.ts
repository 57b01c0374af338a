/** The transport the configuration names. */
import type { PrinterConfig } from '../config.js';
import { networkTransport } from './network.js';
import { serialTransport } from './serial.js';
import type { PrinterTransport } from './types.js';
import { usbTransport } from './usb-lp.js';
import { virtualTransport } from './virtual.js';

export function transportFor(c: PrinterConfig): PrinterTransport {
  switch (c.kind) {
    case 'network':
      return networkTransport({ host: c.network!.host, port: c.network!.port, timeoutMs: c.network!.timeoutMs });
    case 'serial':
      return serialTransport({ path: c.serial!.path, baudRate: c.serial!.baudRate });
    case 'usb':
      return usbTransport({ device: c.usb?.device ?? '/dev/usb/lp0' });
    default:
      return virtualTransport();
  }
}

/** RS-232 / USB-serial card reader: found by path or VID/PID, framed by its profile, asked to read on request. */
import type { Duplex } from 'node:stream';
import { SerialCardReader } from '../card/serial-card-reader.js';
import type { FrameProfile, SerialCardReaderConfig } from '../config.js';
import { defineSlotKind, type AttachedDriver } from '../slots/slot-kind.js';
import { connectSerialPort, portAttached } from '../slots/serial-port.js';
import { usbIdText } from '../slots/usb-id.js';

export const serialCardReader = defineSlotKind({
  kind: 'card_reader',
  transport: 'serial',
  configured: (c) => c.serialCardReaders,
  label: (r: SerialCardReaderConfig) => `Serial card reader ${r.path ?? usbIdText(r.vendorId, r.productId)}`,
  connect: (r, ctx, env) => connectSerialPort(r, ctx, (port) => cardReaderOn(port, r.id, env.frameProfile(r.profile), env.today)),
});

/** The card driver over any byte port (a serial port, or a HID handle as a stream). */
export function cardReaderOn(port: Duplex, deviceId: string, profile: FrameProfile, today: () => string): AttachedDriver {
  const reader = new SerialCardReader({ deviceId, port, profile, today });
  return portAttached(reader, port, () => reader.requestRead());
}

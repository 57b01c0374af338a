/** The developer panel's QR scanner (embedded default): the real HID POS driver over a fake HID source. */
import { attached, defineSlotKind } from '../slots/slot-kind.js';
import { VirtualQrScanner } from '../virtual/virtual-qr-scanner.js';

export const VIRTUAL_QR_ID = 'virtual-qr';

export const virtualQrScanner = defineSlotKind({
  kind: 'qr_scanner',
  transport: 'virtual',
  alwaysPresent: true,
  configured: (c) => (c.virtual ? [{ id: VIRTUAL_QR_ID }] : []),
  label: () => 'Virtual QR scanner (HID POS)',
  connect: async ({ id }) => {
    const qr = new VirtualQrScanner({ deviceId: id });
    return { where: 'virtual', driver: attached(qr.scanner, { dispose: async () => qr.close(), device: qr }) };
  },
});

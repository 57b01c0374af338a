/** HID POS bar code scanner (usage page 0x8C by default, so its keyboard interface is never taken). */
import type { HidQrScannerConfig } from '../config.js';
import { HidPosScanner } from '../qr/hid-pos-scanner.js';
import { connectHidDevice } from '../slots/hid-device.js';
import { attached, defineSlotKind } from '../slots/slot-kind.js';
import { usbIdText } from '../slots/usb-id.js';

export const hidPosScanner = defineSlotKind({
  kind: 'qr_scanner',
  transport: 'hid',
  configured: (c) => c.hidQrScanners,
  label: (q: HidQrScannerConfig) => `USB HID POS scanner ${usbIdText(q.vendorId, q.productId)}`,
  connect: (q, ctx) =>
    connectHidDevice(q, ctx, (handle) => {
      const d = new HidPosScanner({ deviceId: q.id, source: handle, reportIdPrefix: q.reportIdPrefix });
      return attached(d, { dispose: async () => d.close() });
    }),
});

/** USB HID card reader: the serial card driver over the device's reports (HidReportStream). */
import { HidReportStream } from '../card/hid-card-reader.js';
import type { HidCardReaderConfig } from '../config.js';
import { connectHidDevice } from '../slots/hid-device.js';
import { defineSlotKind } from '../slots/slot-kind.js';
import { usbIdText } from '../slots/usb-id.js';
import { cardReaderOn } from './serial-card-reader.js';

export const hidCardReader = defineSlotKind({
  kind: 'card_reader',
  transport: 'hid',
  configured: (c) => c.hidCardReaders,
  label: (r: HidCardReaderConfig) => `USB HID card reader ${usbIdText(r.vendorId, r.productId)}`,
  connect: (r, ctx, env) =>
    connectHidDevice(r, ctx, (handle) => cardReaderOn(new HidReportStream(handle, r.reportSize), r.id, env.frameProfile(r.profile), env.today)),
});

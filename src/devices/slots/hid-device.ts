/** Finding and opening a HID device for a slot: node-hid enumeration by VID/PID and usage page. */
import type { TickContext } from '../enumeration.js';
import { messageOf } from '../events.js';
import type { HidHandle } from '../hid-handle.js';
import type { AttachedDriver, Connection } from './slot-kind.js';
import { usbIdText } from './usb-id.js';

export interface HidMatch {
  vendorId?: number | undefined;
  productId?: number | undefined;
  /** required usage page (HID POS scanners: 0x8C); undefined = any */
  usagePage?: number | undefined;
}

export async function connectHidDevice(m: HidMatch, ctx: TickContext, makeDriver: (handle: HidHandle) => AttachedDriver): Promise<Connection> {
  const hid = await ctx.hid();
  // libusb missing etc.: permanent for this run, no point backing off
  if (hid instanceof Error) return { state: 'unavailable', reason: `node-hid unavailable: ${hid.message}`, backoff: false };
  const devices = await ctx.hidDevices();
  if (devices instanceof Error) return { state: 'unavailable', reason: `HID enumeration failed: ${devices.message}`, backoff: true };
  const hit = devices.find(
    (d) =>
      d.path !== undefined &&
      (m.vendorId === undefined || d.vendorId === m.vendorId) &&
      (m.productId === undefined || d.productId === m.productId) &&
      // without VID/PID the usage page is the only key, so it must be reported; with them, trust an unreported one
      (m.usagePage === undefined || d.usagePage === m.usagePage || (d.usagePage === undefined && m.vendorId !== undefined)),
  );
  if (!hit || hit.path === undefined) {
    const page = m.usagePage !== undefined ? ` usage page 0x${m.usagePage.toString(16)}` : '';
    return { state: 'disconnected', reason: `no HID device ${usbIdText(m.vendorId, m.productId)}${page}`, backoff: false };
  }
  let handle: HidHandle;
  try {
    handle = new hid.HID(hit.path);
  } catch (e) {
    // a device that enumerates but will not open is nearly always a permission problem (udev rules on Linux)
    return { state: 'no_permission', reason: `cannot open ${hit.path}: ${messageOf(e)} (check permissions / udev rules)`, backoff: true };
  }
  return { driver: makeDriver(handle), where: hit.path };
}

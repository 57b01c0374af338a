/**
 * Calls and events of the devices area, merged into the one contract by api.ts.
 *
 * (The shapes are declared here, not imported from api.ts: api.ts imports this file, and an import
 * back would meet its constants before they exist.)
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';

export const DeviceKind = z.enum(['card_reader', 'qr_scanner']);
export type DeviceKind = z.infer<typeof DeviceKind>;

const deviceId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'device id: letters, digits, _ . : -');

/** A configured device (or a virtual one) as the manager sees it, and whether it is the one in use. */
export const ListedDevice = z.object({
  id: z.string(),
  kind: DeviceKind,
  label: z.string(),
  transport: z.enum(['serial', 'hid', 'virtual', 'keyboard', 'websocket', 'library']),
  state: z.enum(['connected', 'disconnected', 'no_permission', 'unavailable']),
  reason: z.string().nullable(),
  /** identities and scans from this device are used (its kind has no selection, or it is the selected one) */
  active: z.boolean(),
});
export type ListedDevice = z.infer<typeof ListedDevice>;

/** Which card reader / QR scanner the terminal uses; null = every configured one of that kind. */
export const DeviceSelection = z.object({ card_reader: deviceId.nullable(), qr_scanner: deviceId.nullable() });
export type DeviceSelection = z.infer<typeof DeviceSelection>;

export const SerialPortEntry = z.object({
  path: z.string(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  manufacturer: z.string().nullable(),
});
export type SerialPortEntry = z.infer<typeof SerialPortEntry>;

export const HidDeviceEntry = z.object({
  path: z.string().nullable(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  usagePage: z.number().int().nullable(),
  product: z.string().nullable(),
});
export type HidDeviceEntry = z.infer<typeof HidDeviceEntry>;

/** What an enumeration found, or why it could not run (no udevadm, node-hid without libusb …). */
function enumeration<T extends z.ZodType>(item: T) {
  return z.object({ available: z.boolean(), reason: z.string().nullable(), items: z.array(item) });
}

export const WedgeSettings = z.object({
  enabled: z.boolean(),
  maxGapMs: z.number().int(),
  burstGapMs: z.number().int(),
  burstKeys: z.number().int(),
  minLength: z.number().int(),
});
export type WedgeSettings = z.infer<typeof WedgeSettings>;

export const DeviceListing = z.object({
  devices: z.array(ListedDevice),
  selection: DeviceSelection,
  serialPorts: enumeration(SerialPortEntry),
  hidDevices: enumeration(HidDeviceEntry),
  wedge: WedgeSettings,
});
export type DeviceListing = z.infer<typeof DeviceListing>;

/** What the main side made of a keyboard-wedge scan. */
export const WedgeScanResult = z.discriminatedUnion('kind', [
  /** an e-voucher QR: presented to the identify service, the renderer gets 'identity.presented' */
  z.object({ kind: z.literal('identity'), ref: z.string() }),
  /** anything else is an item barcode for the bill (the renderer looks it up) */
  z.object({ kind: z.literal('barcode'), text: z.string() }),
]);
export type WedgeScanResult = z.infer<typeof WedgeScanResult>;

export const devicesCalls = {
  /** configured devices with status and selection, plus what enumeration finds on the machine */
  'devices.list': defineCall(empty, DeviceListing),
  /** choose the card reader / QR scanner in use (null: all of that kind); kept across restarts */
  'devices.select': defineCall(z.object({ kind: DeviceKind, deviceId: deviceId.nullable() }).strict(), DeviceListing),
  /** the keyboard-wedge timing (needed before login too: a scan must not land in the PIN field) */
  'devices.wedgeSettings': defineCall(empty, WedgeSettings, { auth: false }),
  /** ask the card readers in use (serial / HID / card service: they answer only when asked) to read the card */
  'devices.readCard': defineCall(z.object({ deviceId: deviceId.optional() }).strict(), z.object({ requested: z.boolean() })),
  /** a scan the renderer's keyboard wedge caught */
  'devices.wedgeScan': defineCall(z.object({ text: z.string().min(1).max(1000) }).strict(), WedgeScanResult),
} as const;

/** An item barcode read by a HID / serial scanner (e-voucher scans go to 'identity.presented' instead). */
export const DeviceScanEvent = z.object({ text: z.string(), deviceId: z.string() });
export type DeviceScanEvent = z.infer<typeof DeviceScanEvent>;

export const devicesEvents = {
  'devices.scan': DeviceScanEvent,
} as const;

/**
 * Every kind of reader and scanner, in the order the status bar lists them. A new kind is one file
 * in this folder (a SlotKind) and one line here.
 */
import type { DevicesConfig } from '../config.js';
import { Slot, type SlotHost } from '../slots/slot.js';
import type { SlotEnv, SlotKind } from '../slots/slot-kind.js';
import { cardService } from './card-service.js';
import { hidCardReader } from './hid-card-reader.js';
import { hidPosScanner } from './hid-pos-scanner.js';
import { serialCardReader } from './serial-card-reader.js';
import { serialQrScanner } from './serial-qr-scanner.js';
import { vendorLibrary } from './vendor-library.js';
import { virtualCardReader } from './virtual-card-reader.js';
import { virtualQrScanner } from './virtual-qr-scanner.js';

export const SLOT_KINDS: readonly SlotKind<{ id: string }>[] = [
  virtualCardReader,
  virtualQrScanner,
  serialCardReader,
  hidCardReader,
  hidPosScanner,
  serialQrScanner,
  cardService,
  vendorLibrary,
];

/** One slot per configured device of every kind. */
export function buildSlots(config: DevicesConfig, env: SlotEnv, host: SlotHost): Slot[] {
  return SLOT_KINDS.flatMap((k) =>
    k.configured(config).map(
      (device) =>
        new Slot(
          { id: device.id, kind: k.kind, transport: k.transport, label: k.label(device), alwaysPresent: k.alwaysPresent, connect: (ctx) => k.connect(device, ctx, env) },
          host,
        ),
    ),
  );
}

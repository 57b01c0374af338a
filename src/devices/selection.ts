/**
 * The device in use per kind. Unselected devices stay open (their status is known and switching back
 * is instant), but their identities and scans are dropped. The main side keeps the choice across
 * restarts (kv `devices.selection`, src/main/services/devices-handlers.ts) and applies it here.
 */
import type { DeviceStatus } from '../shared/api.js';

export type DeviceKind = DeviceStatus['kind'];

/** The device in use per kind; null = every configured device of that kind (the default). */
export interface DeviceSelection {
  card_reader: string | null;
  qr_scanner: string | null;
}

export class Selection {
  private readonly selected: DeviceSelection = { card_reader: null, qr_scanner: null };

  /** `kindOf`: the kind of a configured device, null for an id that is not one */
  constructor(private readonly kindOf: (deviceId: string) => DeviceKind | null) {}

  current(): DeviceSelection {
    return { ...this.selected };
  }

  /** Use only `deviceId` among the devices of `kind` (null: all). Throws when it is not a device of that kind. */
  select(kind: DeviceKind, deviceId: string | null): void {
    if (deviceId !== null) {
      const k = this.kindOf(deviceId);
      if (!k) throw new Error(`no device "${deviceId}"`);
      if (k !== kind) throw new Error(`device "${deviceId}" is a ${k}, not a ${kind}`);
    }
    this.selected[kind] = deviceId;
  }

  /** Whether identities and scans from this device are used. Unknown ids (none configured) are accepted. */
  accepts(deviceId: string | undefined): boolean {
    if (deviceId === undefined) return true;
    const kind = this.kindOf(deviceId);
    if (!kind) return true;
    const sel = this.selected[kind];
    return sel === null || sel === deviceId;
  }
}

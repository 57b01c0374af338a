/**
 * Calls of the devices area (src/shared/api-devices.ts): the device list and the choice of reader /
 * scanner (kept in the store's kv table across restarts), keyboard-wedge scans from the renderer,
 * and item-barcode scans from HID / serial scanners forwarded to the renderer as 'devices.scan'.
 */
import { DeviceSelection, type DeviceKind, type DeviceListing, type WedgeScanResult } from '../../shared/api-devices.js';
import { eVoucherIdentity, looksLikeEVoucher } from '../../devices/qr/scan-text.js';
import type { devicesCalls } from '../../shared/api-devices.js';
import type { DeviceManager } from '../../devices/manager.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../event-bus.js';
import type { AreaHandlers } from '../router.js';
import type { Store } from '../store/index.js';
import { scannedIdNumber, type IdentifyService } from './identify.js';

export interface DevicesAreaDeps {
  devices: DeviceManager;
  bus: Pick<EventBus, 'emit'>;
  store: Pick<Store, 'kv' | 'audit'>;
  identify: Pick<IdentifyService, 'present'>;
  actor(): string;
  log(line: string): void;
}

/** kv key of the persisted selection (JSON of DeviceSelection) */
export const DEVICE_SELECTION_KEY = 'devices.selection';
/** the deviceId an identity from the renderer's keyboard wedge carries */
export const KEYBOARD_WEDGE_ID = 'keyboard-wedge';

const KINDS: readonly DeviceKind[] = ['card_reader', 'qr_scanner'];

export function createDevicesHandlers(ctx: DevicesAreaDeps): AreaHandlers<typeof devicesCalls> {
  const { devices, bus, store } = ctx;
  const wedge = { ...devices.config.keyboardWedge };

  restoreSelection(ctx);

  // Item barcodes from real scanners go to the bill. An e-voucher is an identity only (the manager
  // presents it through 'identity'), never also an item.
  devices.on('scan', (s) => {
    if (looksLikeEVoucher(s.text)) return;
    // an ID-card scanner sends the ID number: the person, whatever the bill mode
    const id = scannedIdNumber(s.text, s.deviceId);
    if (id) return void ctx.identify.present(id);
    bus.emit('devices.scan', { text: s.text, deviceId: s.deviceId });
  });

  async function listing(): Promise<DeviceListing> {
    const inv = await devices.inventory();
    return {
      devices: devices.allStatus().map((d) => ({ ...d, active: devices.accepts(d.id) })),
      selection: devices.selection(),
      serialPorts: inv.serialPorts,
      hidDevices: inv.hidDevices,
      wedge,
    };
  }

  return {
    'devices.list': () => listing(),
    'devices.select': (i) => {
      try {
        devices.select(i.kind, i.deviceId);
      } catch (e) {
        throw AppError.keyed('NOT_FOUND', 'devices.notConfigured', {}, { field: 'deviceId', message: e instanceof Error ? e.message : String(e) });
      }
      store.kv.set(DEVICE_SELECTION_KEY, JSON.stringify(devices.selection()));
      store.audit.append({ actor: ctx.actor(), action: 'devices.select', subject: i.kind, detail: { deviceId: i.deviceId } });
      ctx.log(`[devices] ${i.kind} in use: ${i.deviceId ?? 'all'}`);
      return listing();
    },
    'devices.wedgeSettings': () => wedge,
    'devices.readCard': async (i) => ({ requested: await devices.requestCardRead(i.deviceId) }),
    'devices.wedgeScan': (i): WedgeScanResult => {
      const text = i.text.trim();
      const identity = eVoucherIdentity(text, KEYBOARD_WEDGE_ID) ?? scannedIdNumber(text, KEYBOARD_WEDGE_ID);
      if (identity) {
        const presented = ctx.identify.present(identity);
        return { kind: 'identity', ref: presented.ref };
      }
      if (!text) throw AppError.keyed('VALIDATION', 'scan.empty', {}, { field: 'text', message: 'text: the scan is empty' });
      return { kind: 'barcode', text };
    },
  };
}

/** Apply the selection saved in kv; a device that is no longer configured falls back to "all". */
function restoreSelection(ctx: Pick<DevicesAreaDeps, 'devices' | 'store' | 'log'>): void {
  const raw = ctx.store.kv.get(DEVICE_SELECTION_KEY);
  if (raw === null) return;
  let saved: DeviceSelection;
  try {
    saved = DeviceSelection.parse(JSON.parse(raw));
  } catch {
    ctx.log('[devices] saved device selection unreadable; using all devices');
    return;
  }
  for (const kind of KINDS) {
    const id = saved[kind];
    if (id === null) continue;
    try {
      ctx.devices.select(kind, id);
    } catch (e) {
      ctx.log(`[devices] saved ${kind} "${id}" is not configured any more (${e instanceof Error ? e.message : String(e)}); using all`);
    }
  }
}

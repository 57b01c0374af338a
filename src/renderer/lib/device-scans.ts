/**
 * Where scans go in the renderer. `useKeyboardWedge` (App, always mounted) installs the wedge so a
 * scan never lands in a field, even on the login screen. `useScanRouting` (Workspace, while unlocked)
 * receives wedge scans and HID / serial scanner barcodes ('devices.scan'): an e-voucher becomes an
 * identity on the main side (the usual 'identity.presented' follows); an item barcode is added to
 * the pharmacy bill like a search hit.
 */
import { useEffect, useRef } from 'react';
import type { CatalogItem } from '../../shared/domain.js';
import { getBridge } from '../bridge.js';
import { api, toApiError } from './api.js';
import type { ErrorReporter } from './errors.js';
import { useBridgeEvent } from './hooks.js';
import { DEFAULT_WEDGE_TIMING, installKeyboardWedge, subscribeWedgeScans } from './wedge.js';

export function useKeyboardWedge(): void {
  useEffect(() => {
    let stopped = false;
    let uninstall: (() => void) | null = null;
    // quietly (no busy bar): the defaults hold until the main side answers
    uninstall = installKeyboardWedge(window, DEFAULT_WEDGE_TIMING).uninstall;
    getBridge()
      .call('devices.wedgeSettings', {})
      .then(
        (r) => {
          if (stopped || !r.ok) return;
          uninstall?.();
          uninstall = r.data.enabled ? installKeyboardWedge(window, r.data).uninstall : null;
        },
        () => {},
      );
    return () => {
      stopped = true;
      uninstall?.();
    };
  }, []);
}

export interface ScanRouting {
  /** the Workspace is unlocked and in front */
  enabled: boolean;
  /** items may be added now (pharmacy mode, bill not settled); else says why not */
  itemsBlockedKey: string | null;
  onItem(item: CatalogItem): void;
  /** outpatient: a scan is the prescription / visit number of the HIS bill */
  onPrescription?: ((text: string) => void) | null;
  errors: ErrorReporter;
}

export function useScanRouting(opts: ScanRouting): void {
  const ref = useRef(opts);
  ref.current = opts;

  const barcode = useRef(async (text: string) => {
    const o = ref.current;
    // an ID number the main side did not take (a valid one identifies the person): it was mistyped or misread
    if (/^\d{17}[\dXx]$/.test(text.trim())) return o.errors.reportKey('identify.badCheckDigit');
    if (o.onPrescription) return o.onPrescription(text);
    if (o.itemsBlockedKey) {
      o.errors.reportKey(o.itemsBlockedKey, { code: text });
      return;
    }
    try {
      const item = await api('catalog.lookup', { code: text.slice(0, 50) });
      ref.current.onItem(item);
    } catch (err) {
      if (toApiError(err).code === 'NOT_FOUND') ref.current.errors.reportKey('scan.unknownBarcode', { code: text });
      else ref.current.errors.report(err);
    }
  });

  useEffect(() => {
    if (!opts.enabled) return;
    return subscribeWedgeScans((text) => {
      api('devices.wedgeScan', { text: text.slice(0, 1000) }).then(
        (r) => {
          if (r.kind === 'barcode') void barcode.current(r.text);
        },
        (err) => ref.current.errors.report(err),
      );
    });
  }, [opts.enabled]);

  useBridgeEvent('devices.scan', (e) => void barcode.current(e.text), opts.enabled);
}

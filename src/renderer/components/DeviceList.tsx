/**
 * What the device manager found and which reader / scanner is in use: the configured devices with
 * their state (a choice per kind, or "all"), the serial ports and HID devices on the machine (or why
 * they cannot be listed), and the keyboard-wedge timing. Shown in the developer panel and in the
 * device dialog the status bar opens.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { DeviceKind, DeviceListing } from '../../shared/api-devices.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useEscapeToClose } from '../lib/hooks.js';
import { Dialog } from './Dialog.js';
import { FormError } from './ErrorBanner.js';

const KINDS: readonly DeviceKind[] = ['card_reader', 'qr_scanner'];
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

export function DeviceList({ compact = false }: { compact?: boolean }) {
  const { t } = useI18n();
  const [listing, setListing] = useState<DeviceListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    setError(null);
    api('devices.list', {}).then(setListing, (err) => setError(describeError(t, toApiError(err))));
  }, [t]);

  useEffect(load, [load]);

  async function select(kind: DeviceKind, deviceId: string | null) {
    setBusy(true);
    setError(null);
    // the radio follows the click at once; the answer then says what took effect
    setListing((l) => (l ? { ...l, selection: { ...l.selection, [kind]: deviceId } } : l));
    try {
      setListing(await api('devices.select', { kind, deviceId }));
    } catch (err) {
      setError(describeError(t, toApiError(err)));
      load();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={`device-list${compact ? ' compact' : ''}`} data-testid="device-list">
      <div className="device-list-head">
        <h3>{t('devices.title')}</h3>
        <div className="spacer" />
        <button type="button" className="btn btn-small" onClick={load} data-testid="devices-refresh">
          {t('devices.refresh')}
        </button>
      </div>
      <p className="muted small">{t('devices.pickHint')}</p>
      <FormError error={error} testId="devices-error" announce={false} />
      {listing &&
        KINDS.map((kind) => {
          const of = listing.devices.filter((d) => d.kind === kind);
          const selected = listing.selection[kind];
          return (
            <fieldset key={kind} className="device-kind" data-testid="device-kind" data-kind={kind} disabled={busy}>
              <legend>{t(`device.kind.${kind}`)}</legend>
              {of.length === 0 && <div className="muted small">{t('devices.noneConfigured')}</div>}
              {of.length > 1 && (
                <label className="device-option">
                  <input type="radio" name={`device-${kind}`} checked={selected === null} onChange={() => void select(kind, null)} data-testid="device-select-all" />
                  <span>{t('devices.all')}</span>
                </label>
              )}
              {of.map((d) => (
                <label
                  key={d.id}
                  className={`device-option device-${d.state}`}
                  data-testid="device-option"
                  data-device-id={d.id}
                  data-state={d.state}
                  data-active={d.active ? 'true' : 'false'}
                  title={d.reason ?? ''}
                >
                  <input
                    type="radio"
                    name={`device-${kind}`}
                    checked={selected === d.id || (selected === null && of.length === 1)}
                    onChange={() => void select(kind, d.id)}
                    data-testid="device-select"
                  />
                  <span className="dot" aria-hidden="true" />
                  <span className="device-option-label">
                    {d.label} <span className="muted mono small">{d.id}</span>
                  </span>
                  <span className="device-option-state">
                    {t(`device.${d.state}`)}
                    {d.active && selected !== null && <> · {t('devices.inUse')}</>}
                  </span>
                  {d.reason && <span className="muted small device-option-reason">{d.reason}</span>}
                </label>
              ))}
            </fieldset>
          );
        })}
      {listing && (
        <>
          <FoundOnMachine
            title={t('devices.serialPorts')}
            found={listing.serialPorts}
            unavailableTestId="serial-unavailable"
            columns={['devices.col.path', 'devices.col.usb', 'devices.col.name']}
            row={(p) => (
              <tr key={p.path} data-testid="serial-port-row" data-path={p.path}>
                <td className="mono">{p.path}</td>
                <td className="mono">{p.vendorId ? `${p.vendorId}:${p.productId ?? '*'}` : '—'}</td>
                <td>{p.manufacturer ?? ''}</td>
              </tr>
            )}
          />
          <FoundOnMachine
            title={t('devices.hidDevices')}
            found={listing.hidDevices}
            unavailableTestId="hid-unavailable"
            columns={['devices.col.usb', 'devices.col.usagePage', 'devices.col.name', 'devices.col.path']}
            row={(d, i) => (
              <tr key={`${d.path ?? ''}-${i}`} data-testid="hid-device-row">
                <td className="mono">
                  {hex4(d.vendorId)}:{hex4(d.productId)}
                </td>
                <td className="mono">{d.usagePage === null ? '—' : `0x${d.usagePage.toString(16)}`}</td>
                <td>{d.product ?? ''}</td>
                <td className="mono small">{d.path ?? ''}</td>
              </tr>
            )}
          />
          <h4>{t('devices.wedge')}</h4>
          <div className="muted small" data-testid="wedge-settings">
            {listing.wedge.enabled ? t('devices.wedgeOn', { gap: listing.wedge.maxGapMs, min: listing.wedge.minLength }) : t('devices.wedgeOff')}
          </div>
        </>
      )}
    </section>
  );
}

/** What the machine has of one kind (serial ports, HID devices): why it cannot say, nothing, or a table. */
function FoundOnMachine<T>(props: {
  title: string;
  found: { available: boolean; reason: string | null; items: readonly T[] };
  unavailableTestId: string;
  /** i18n keys of the column heads */
  columns: readonly string[];
  row(item: T, i: number): ReactNode;
}) {
  const { t } = useI18n();
  const { found } = props;
  return (
    <>
      <h4>{props.title}</h4>
      {!found.available ? (
        <div className="muted small" data-testid={props.unavailableTestId}>
          {t('devices.enumUnavailable', { reason: found.reason ?? '' })}
        </div>
      ) : found.items.length === 0 ? (
        <div className="muted small">{t('devices.noneFound')}</div>
      ) : (
        <table className="enum-table">
          <thead>
            <tr>
              {props.columns.map((key) => (
                <th key={key}>{t(key)}</th>
              ))}
            </tr>
          </thead>
          <tbody>{found.items.map(props.row)}</tbody>
        </table>
      )}
    </>
  );
}

/** The device list as a dialog (from the status bar), available with or without the developer panel. */
export function DeviceDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  useEscapeToClose(onClose);
  return (
    <Dialog testId="device-dialog" label={t('devices.title')} className="device-dialog" closeTestId="device-dialog-close" onClose={onClose}>
      <DeviceList />
    </Dialog>
  );
}

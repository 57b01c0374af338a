/**
 * "读卡": serial and USB HID card readers (and vendor card services) answer only when asked. Shown
 * while such a reader is in use and connected; the card's identity then arrives as the usual
 * 'identity.presented'. (The virtual reader of the developer panel presents cards by itself.)
 */
import { useEffect, useState } from 'react';
import type { StatusSnapshot } from '../../shared/api.js';
import { getBridge } from '../bridge.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useErrors } from '../lib/errors.js';
import { useBridgeEvent } from '../lib/hooks.js';

const askable = (s: StatusSnapshot | null) =>
  (s?.devices ?? []).some((d) => d.kind === 'card_reader' && d.transport !== 'virtual' && d.transport !== 'keyboard' && d.state === 'connected');

export function CardReadButton({ disabled }: { disabled: boolean }) {
  const { t } = useI18n();
  const errors = useErrors();
  const [status, setStatus] = useState<StatusSnapshot | null>(null);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    getBridge()
      .call('status.get', {})
      .then((r) => r.ok && setStatus(r.data), () => {});
  }, []);
  useBridgeEvent('status.changed', setStatus);

  if (!askable(status)) return null;
  return (
    <button
      type="button"
      className="btn card-read-button"
      disabled={disabled || asking}
      data-testid="card-read"
      onClick={async () => {
        setAsking(true);
        try {
          const r = await api('devices.readCard', {});
          if (!r.requested) errors.reportKey('devices.readFailed');
        } catch (err) {
          errors.report(err);
        } finally {
          setAsking(false);
        }
      }}
    >
      {t('devices.readCard')}
    </button>
  );
}

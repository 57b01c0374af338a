/**
 * The printer in the status bar: its state as its real-time status says (ready, out of paper, cover
 * open, offline), the slips waiting and those that may not have printed. A click opens the queue.
 */
import { useEffect, useState } from 'react';
import type { PrintStatus } from '../../../shared/api-print.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useBridgeEvent } from '../../lib/hooks.js';
import { PrintQueueDialog } from './PrintQueueDialog.js';
import '../../styles/receipts.css';

export function PrinterStatusItem({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  const [s, setS] = useState<PrintStatus | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    api('print.status', {}).then(setS, () => undefined);
    const poll = setInterval(() => api('print.status', {}).then(setS, () => undefined), 10_000);
    return () => clearInterval(poll);
  }, []);
  useBridgeEvent('print.status', setS);
  const state = s?.printer.state ?? 'unknown';
  const title = [s?.printer.reason, s?.printer.nearEnd ? t('printer.nearEnd') : null, t('printer.openQueue')].filter(Boolean).join(' · ');
  return (
    <>
      <button
        type="button"
        className={`btn btn-small btn-quiet status-printer printer-${state}`}
        onClick={() => setOpen(true)}
        disabled={!enabled}
        title={title}
        data-testid="status-printer"
        data-state={state}
        data-waiting={s?.queue.waiting ?? 0}
        data-uncertain={s?.queue.uncertain ?? 0}
      >
        <span className="dot" aria-hidden="true" />
        {t('printer.label')}
        {s?.printer.kind === 'virtual' ? t('printer.virtual') : ''} {t(`printer.state.${state}`)}
        {s?.printer.nearEnd ? ` · ${t('printer.nearEnd')}` : ''}
        {s && s.queue.waiting > 0 && <span> · {t('printer.waiting', { n: s.queue.waiting })}</span>}
        {s && s.queue.uncertain > 0 && <span className="has-uncertain"> · {t('printer.uncertain', { n: s.queue.uncertain })}</span>}
      </button>
      {open && enabled && <PrintQueueDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * The print queue: slips waiting (for the center's answer or for the printer) and slips that may not
 * have printed. An uncertain one is looked at on the paper: it printed (已打出), or it is reprinted (补打).
 */
import { useCallback, useEffect, useState } from 'react';
import type { PrintJobView } from '../../../shared/api-print.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { useBusinessTime } from '../../lib/counter-settings.js';
import { useBridgeEvent } from '../../lib/hooks.js';
import { Dialog } from '../Dialog.js';
import { FormError } from '../ErrorBanner.js';

export function PrintQueueDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { time } = useBusinessTime();
  const [jobs, setJobs] = useState<PrintJobView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api('print.open', {}).then(setJobs, (e) => setError(describeError(t, toApiError(e))));
  }, [t]);
  useEffect(load, [load]);
  useBridgeEvent('print.status', () => load());

  async function act(p: Promise<unknown>) {
    try {
      await p;
      setError(null);
      load();
    } catch (e) {
      setError(describeError(t, toApiError(e)));
    }
  }

  return (
    <Dialog testId="print-queue" labelledBy="print-queue-title" closeTestId="print-queue-close" onClose={onClose}>
      <h2 id="print-queue-title">{t('queue.title')}</h2>
      <FormError error={error} testId="print-queue-error" announce={false} />
      {jobs && jobs.length === 0 && <p className="muted">{t('queue.empty')}</p>}
      <ul className="queue-list">
        {jobs?.map((j) => (
          <li key={j.id} data-testid="print-job" data-job-id={j.id} data-state={j.state}>
            <span className="mono">{time(j.createdAt)}</span>
            <span>{t(`slip.kind.${j.kind}`)}</span>
            {j.reprintNo !== null && <span>{t('slip.reprintNo', { n: j.reprintNo })}</span>}
            <span className={`slip-state-${j.state}`} title={j.lastError ?? ''}>
              {t(`slip.state.${j.state}`)}
            </span>
            {j.lastError && <span className="muted small">{j.lastError}</span>}
            {j.state === 'uncertain' && j.settlementId && (j.kind === 'settlement' || j.kind === 'reversal') && (
              <button type="button" className="btn btn-small" onClick={() => void act(api('print.reprint', { settlementId: j.settlementId!, kind: j.kind as 'settlement' | 'reversal' }))} data-testid="print-job-reprint">
                {t('slip.reprint')}
              </button>
            )}
            {j.state === 'uncertain' && (
              <button type="button" className="btn btn-small" onClick={() => void act(api('print.acknowledge', { jobId: j.id }))} data-testid="print-job-ack">
                {t('slip.acknowledge')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

/** The institution database in the status bar: shown only when institution.database is configured. */
import type { StatusSnapshot } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { useBusinessTime } from '../lib/counter-settings.js';

export function InstitutionStatusItem({ status }: { status: StatusSnapshot['institution'] | undefined }) {
  const { t } = useI18n();
  const { clock } = useBusinessTime();
  if (!status || !status.configured) return null;
  const n = status.backlog;
  const label =
    status.state === 'down'
      ? t('institution.down', { n })
      : status.state === 'refused'
        ? t('institution.refused', { n })
        : n > 0
          ? t('institution.behind', { n })
          : t('institution.synced');
  const last = status.lastOkAt ? t('institution.lastOk', { at: clock(new Date(status.lastOkAt)).slice(11) }) : t('institution.never');
  const title = status.state === 'refused' && status.lastError ? `${t('institution.refusedHint', { reason: status.lastError })}\n${last}` : status.lastError ? `${status.lastError}\n${last}` : last;
  return (
    <div className={`status-institution institution-${status.state}`} data-testid="status-institution" data-state={status.state} data-backlog={n} title={title}>
      {label}
    </div>
  );
}

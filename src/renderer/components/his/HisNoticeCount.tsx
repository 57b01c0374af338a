/** Status bar: the results the HIS has not acknowledged yet; a click sends them again now. */
import './his.css';
import type { HisStatus } from '../../../shared/api-his.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useLiveStatus } from '../../lib/use-live-status.js';

export function HisNoticeCount({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  const { value: s, setValue: setS } = useLiveStatus('his.status', 'his.changed', enabled);
  if (!enabled || !s || s.source === 'none') return null;
  const n = s.unacked;
  return (
    <button
      type="button"
      className={`btn btn-small btn-quiet status-his${n > 0 ? ' has-queue' : ''}`}
      onClick={() => void api('his.retryNow', {}).then((v: HisStatus) => setS(v), () => {})}
      title={n > 0 ? `${s.lastError ?? ''} ${t('hisNotices.retry')}`.trim() : ''}
      data-testid="status-his"
      data-count={n}
    >
      {n > 0 ? t('hisNotices.count', { n }) : t('hisNotices.none')}
    </button>
  );
}

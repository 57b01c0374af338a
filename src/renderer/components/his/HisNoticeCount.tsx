/** Status bar: the results the HIS has not acknowledged yet; a click sends them again now. */
import './his.css';
import { useCallback, useEffect, useState } from 'react';
import type { HisStatus } from '../../../shared/api-his.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useBridgeEvent } from '../../lib/hooks.js';

export function HisNoticeCount({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  const [s, setS] = useState<HisStatus | null>(null);
  const refresh = useCallback(() => {
    if (enabled) api('his.status', {}).then(setS, () => {});
  }, [enabled]);
  useEffect(() => {
    refresh();
    if (!enabled) return;
    const poll = setInterval(refresh, 10_000);
    return () => clearInterval(poll);
  }, [refresh, enabled]);
  useBridgeEvent('his.changed', setS, enabled);
  if (!enabled || !s || s.source === 'none') return null;
  const n = s.unacked;
  return (
    <button
      type="button"
      className={`btn btn-small btn-quiet status-his${n > 0 ? ' has-queue' : ''}`}
      onClick={() => void api('his.retryNow', {}).then(setS, () => {})}
      title={n > 0 ? `${s.lastError ?? ''} ${t('hisNotices.retry')}`.trim() : ''}
      data-testid="status-his"
      data-count={n}
    >
      {n > 0 ? t('hisNotices.count', { n }) : t('hisNotices.none')}
    </button>
  );
}

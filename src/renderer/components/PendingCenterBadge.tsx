/**
 * "Pending the center" on the receipt (result panel) and in the day's list: a settlement the center
 * has not answered yet; confirmed while the center was unreachable it says so.
 */
import { useCallback, useEffect, useState } from 'react';
import type { SettlementView } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useBridgeEvent } from '../lib/hooks.js';

/** Ids of today's settlements confirmed offline (refreshed when a settlement changes). */
export function useOfflineIds(): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const load = useCallback(() => {
    api('sync.offlineMarks', {}).then((m) => setIds(new Set(m.map((x) => x.settlement_id))), () => {});
  }, []);
  useEffect(load, [load]);
  useBridgeEvent('settlement.updated', load);
  return ids;
}

export function PendingCenterBadge({ view, offline }: { view: Pick<SettlementView, 'id' | 'status'>; offline: boolean }) {
  const { t } = useI18n();
  if (view.status !== 'queued' && view.status !== 'reversing') return null;
  return (
    <span className={`badge badge-pending${offline ? ' badge-offline' : ''}`} data-testid="pending-center" data-offline={offline ? 'true' : 'false'}>
      {offline ? t('pending.offline') : t('pending.center')}
    </span>
  );
}

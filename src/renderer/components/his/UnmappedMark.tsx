/** The mark on a bill line the national catalog does not cover: it is settled fully self-paid, and says so. */
import './his.css';
import type { UnmappedReason } from '../../../shared/domain.js';
import { useI18n } from '../../i18n/index.js';

export function UnmappedMark({ reason }: { reason: UnmappedReason | null | undefined }) {
  const { t } = useI18n();
  if (!reason) return null;
  return (
    <span className="unmapped-mark" title={t(`unmapped.${reason}`)} data-testid="bill-line-unmapped" data-reason={reason}>
      {t('unmapped.mark')}
    </span>
  );
}

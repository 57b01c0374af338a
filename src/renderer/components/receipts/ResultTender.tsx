/**
 * The amount received and the change of a confirmed settlement, in large digits. When the center
 * settled another cash amount than the one collected against the preview, the difference to collect
 * or to give back is said at once.
 */
import { useI18n } from '../../i18n/index.js';
import { Amount } from '../Amount.js';
import '../../styles/receipts.css';

export function ResultTender({ paid, cashDue }: { paid: { received: number; change: number }; cashDue: number }) {
  const { t } = useI18n();
  const collected = paid.received - paid.change;
  const differs = cashDue - collected;
  return (
    <>
      <div className="result-tender" data-testid="result-tender">
        <span>
          <span className="split-label">{t('result.received')}</span> <Amount fen={paid.received} size="lg" testId="result-received" />
        </span>
        <span>
          <span className="split-label">{t('result.change')}</span> <Amount fen={paid.change} size="xl" testId="result-change" />
        </span>
      </div>
      {differs !== 0 && (
        <div className="result-cash-differs" data-testid="result-cash-differs">
          {t(differs > 0 ? 'result.collectMore' : 'result.giveBack')} <Amount fen={Math.abs(differs)} size="md" testId="result-cash-difference" />
        </div>
      )}
    </>
  );
}

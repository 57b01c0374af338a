/** The outcome of a confirmed settlement, updated live from settlement.updated. */
import type { SettlementView } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { SplitAmounts } from './SplitPreview.js';

export function resultMessageKey(status: SettlementView['status']): string {
  return `result.${status}`;
}

export function ResultPanel({ view, onNewPatient }: { view: SettlementView; onNewPatient(): void }) {
  const { t } = useI18n();
  const message =
    view.status === 'refused' ? t('result.refused', { message: view.last_error ?? '' }) : t(resultMessageKey(view.status));
  return (
    <section className={`panel result-panel result-${view.status}`} data-testid="result-panel" data-id={view.id}>
      <h2>{t('result.title')}</h2>
      <div className="result-status" data-testid="result-status" data-status={view.status}>
        {t(`status.${view.status}`)}
      </div>
      <div className="result-message" data-testid="result-message">
        {message}
      </div>
      {view.status === 'queued' && view.last_error && (
        <div className="muted small" data-testid="result-last-error">
          {t('result.lastError', { message: view.last_error })}
        </div>
      )}
      {view.setl_id && <div className="muted small mono">{t('result.setlId', { id: view.setl_id })}</div>}
      {view.center && (view.status === 'settled' || view.status === 'reversing' || view.status === 'reversed') && (
        <div className="result-center" data-testid="result-center">
          <h3>{t('result.centerSplit')}</h3>
          <SplitAmounts split={view.center} idPrefix="result" />
        </div>
      )}
      <button type="button" className="btn btn-primary btn-wide" onClick={onNewPatient} data-testid="new-patient">
        {t('result.newPatient')} <kbd>F2</kbd>
      </button>
    </section>
  );
}

/**
 * The outcome of a confirmed settlement, updated live from settlement.updated. The amount to collect
 * is always at the top, the center's once it answered, the terminal's own while it has not (center
 * offline, queued). Then who paid from which account and what is left in it. Under the collect block
 * the amount received and the change (the cashier's figures) in large digits, and the slip's row.
 */
import type { PersonView, SettlementView } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { Amount } from './Amount.js';
import { SplitAmounts } from './SplitPreview.js';
import { ResultTender } from './receipts/ResultTender.js';
import { SlipStatus, type SlipCommands } from './receipts/SlipStatus.js';
import type { MutableRefObject } from 'react';

export function resultMessageKey(status: SettlementView['status']): string {
  return `result.${status}`;
}

interface Props {
  view: SettlementView;
  /** the patient on screen (their balances follow the settlement) */
  person: PersonView | null;
  onNewPatient(): void;
  /** the cash taken with the confirm, and the keys' way to the slip (Ctrl+P, Esc) */
  paid?: { received: number; change: number } | null;
  slipCommands?: MutableRefObject<SlipCommands | null>;
}

export function ResultPanel({ view, person, onNewPatient, paid = null, slipCommands }: Props) {
  const { t } = useI18n();
  const message = view.status === 'refused' ? t('result.refused', { message: view.last_error ?? '' }) : t(resultMessageKey(view.status));
  const answered = view.center !== null;
  const split = view.center ?? view.local;
  const own = person && person.psn_no === view.psn_no ? person : null;
  const payer = view.mulaid_psn_no ? (own?.authorizers.find((a) => a.psn_no === view.mulaid_psn_no) ?? null) : null;
  return (
    <section className={`panel result-panel result-${view.status}`} data-testid="result-panel" data-id={view.id}>
      <div className="result-head">
        <h2>{t('result.title')}</h2>
        <div className="result-status" data-testid="result-status" data-status={view.status}>
          {t(`status.${view.status}`)}
        </div>
      </div>
      <div className="result-collect" data-testid="result-collect" data-source={answered ? 'center' : 'local'}>
        <div className="split-label">{t(answered ? 'split.cashCollect' : 'result.collectLocal')}</div>
        <Amount fen={split.psn_cash_pay} size="xl" testId="result-collect-amount" />
      </div>
      {paid && <ResultTender paid={paid} cashDue={split.psn_cash_pay} />}
      <div className="result-message" data-testid="result-message">
        {message}
      </div>
      {view.status === 'queued' && view.last_error && (
        <div className="muted small" data-testid="result-last-error">
          {t('result.notYetSent')}
        </div>
      )}
      <ul className="result-payers" data-testid="result-payers">
        {split.acct_pay > 0 && (
          <li data-testid="result-payer-own">
            <span>{t('result.ownPaid')}</span> <Amount fen={split.acct_pay} size="sm" />
            {own?.hasAccount && (
              <span className="muted">
                {' '}
                · {t('result.balanceAfter')} <Amount fen={own.balc} size="sm" testId="result-own-balance" />
              </span>
            )}
          </li>
        )}
        {view.mulaid_psn_no && (
          <li data-testid="result-payer-mulaid" data-psn-no={view.mulaid_psn_no}>
            <span>{t('result.mulaidPaid', { relation: payer ? t(`relation.${payer.relation}`) : '', name: view.mulaid_name_masked ?? '' })}</span>{' '}
            <Amount fen={split.acct_mulaid_pay} size="sm" testId="result-mulaid-paid" />
            {payer && (
              <span className="muted">
                {' '}
                · {t('result.balanceAfter')} <Amount fen={payer.balc} size="sm" testId="result-mulaid-balance" />
              </span>
            )}
          </li>
        )}
      </ul>
      {view.setl_id && <div className="muted small mono">{t('result.setlId', { id: view.setl_id })}</div>}
      <SlipStatus view={view} commands={slipCommands} />
      {answered && (view.status === 'settled' || view.status === 'reversing' || view.status === 'reversed') ? (
        <div className="result-center" data-testid="result-center">
          <h3>{t('result.centerSplit')}</h3>
          <SplitAmounts split={view.center!} idPrefix="result" compact />
        </div>
      ) : (
        <div className="result-local" data-testid="result-local">
          <h3>{t('result.localSplit')}</h3>
          <SplitAmounts split={view.local} idPrefix="result" compact />
        </div>
      )}
      <button type="button" className="btn btn-primary btn-wide" onClick={onNewPatient} data-testid="new-patient">
        {t('result.newPatient')} <kbd>F2</kbd>
      </button>
    </section>
  );
}

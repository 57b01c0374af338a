/**
 * The shift hand-over (收费员交班), offered when the cashier logs out or hands the window to another:
 * the shift's settlements and reversals, the totals by payment kind, the cash expected in the drawer;
 * the cash counted is typed and the difference shown (长款 / 短款). "交班并退出" records it (audited),
 * prints its slip and logs out; the cashier may also log out without a hand-over, or stay.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { SessionState } from '../../../shared/api.js';
import type { HandoverSummary } from '../../../shared/api-till.js';
import { yuanToFen } from '../../../shared/money.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { useBusinessTime } from '../../lib/counter-settings.js';
import { cleanTenderText } from '../../lib/tender.js';
import { Amount } from '../Amount.js';
import { FormError } from '../ErrorBanner.js';
import '../../styles/receipts.css';

const countedOf = (text: string): number | null => {
  try {
    return text.trim() ? yuanToFen(text) : null;
  } catch {
    return null;
  }
};

export function HandoverDialog({ onLoggedOut, onCancel }: { onLoggedOut(s: SessionState): void; onCancel(): void }) {
  const { t } = useI18n();
  const { clock } = useBusinessTime();
  const [summary, setSummary] = useState<HandoverSummary | null>(null);
  const [counted, setCounted] = useState('');
  const [note, setNote] = useState('');
  const [print, setPrint] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api('till.handoverPreview', {}).then(setSummary, (e) => setError(describeError(t, toApiError(e))));
  }, []);

  const countedFen = countedOf(counted);
  const difference = summary && countedFen !== null ? countedFen - summary.cashExpected : null;
  const fail = (e: unknown) => {
    setError(describeError(t, toApiError(e)));
    setBusy(false);
  };

  async function logout() {
    setBusy(true);
    try {
      onLoggedOut(await api('session.logout', {}));
    } catch (e) {
      fail(e);
    }
  }

  async function record() {
    if (countedFen === null) return setError(t('handover.countFirst'));
    setBusy(true);
    try {
      await api('till.handoverRecord', { cashCounted: countedFen, note: note.trim() || null, print });
      await logout();
    } catch (e) {
      fail(e);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  }

  const row = (label: string, fen: number, testId: string, strong = false) => (
    <tr className={strong ? 'strong' : ''}>
      <td>{label}</td>
      <td className="num">
        <Amount fen={fen} size={strong ? 'lg' : 'sm'} testId={testId} />
      </td>
    </tr>
  );
  const diffClass = difference === null ? '' : difference === 0 ? 'difference-even' : difference > 0 ? 'difference-over' : 'difference-short';
  return (
    <div className="overlay overlay-top" role="dialog" aria-modal="true" aria-labelledby="handover-title" data-testid="handover-dialog" onKeyDown={onKeyDown}>
      <form
        className="overlay-card dialog-card handover-card"
        onSubmit={(e) => {
          e.preventDefault();
          void record();
        }}
      >
        <h2 id="handover-title">
          {t('handover.title')}
          {summary && ` · ${summary.cashier.name}（${summary.cashier.no}）`}
        </h2>
        <div className="dialog-body">
          {summary && (
            <>
              <p className="muted small" data-testid="handover-period">
                {t('handover.period', { from: clock(new Date(summary.from)), to: clock(new Date(summary.to)) })}
              </p>
              <table className="handover-table" data-testid="handover-summary">
                <tbody>
                  <tr>
                    <td>{t('handover.settlements')}</td>
                    <td className="num" data-testid="handover-settlements" data-n={summary.settlements.count}>
                      {t('handover.count', { n: summary.settlements.count })}
                      {summary.settlementsPending > 0 && <span className="muted small"> {t('handover.pending', { n: summary.settlementsPending })}</span>}
                    </td>
                  </tr>
                  <tr>
                    <td>{t('handover.reversals')}</td>
                    <td className="num" data-testid="handover-reversals" data-n={summary.reversals.count}>
                      {t('handover.count', { n: summary.reversals.count })}
                    </td>
                  </tr>
                  {row(t('handover.fund'), summary.byKind.fund, 'handover-fund')}
                  {row(t('handover.acct'), summary.byKind.acct, 'handover-acct')}
                  {row(t('handover.mulaid'), summary.byKind.mulaid, 'handover-mulaid')}
                  {row(t('handover.cashCollected'), summary.byKind.cashCollected, 'handover-cash-collected')}
                  {row(t('handover.cashRefunded'), summary.byKind.cashRefunded, 'handover-cash-refunded')}
                  {row(t('handover.cashExpected'), summary.cashExpected, 'handover-cash-expected', true)}
                </tbody>
              </table>
              {summary.refused.count > 0 && <p className="warn-text small">{t('handover.refused', { n: summary.refused.count })}</p>}
              <div className="handover-count">
                <label className="field">
                  <span>{t('handover.cashCounted')}</span>
                  <input autoFocus inputMode="decimal" value={counted} onChange={(e) => setCounted(cleanTenderText(e.target.value))} data-testid="handover-counted" />
                </label>
                {difference !== null && (
                  <span className={diffClass} data-testid="handover-difference" data-fen={difference}>
                    {t('handover.difference')} {difference > 0 ? '+' : difference < 0 ? '-' : ''}
                    <Amount fen={Math.abs(difference)} size="md" /> {t(difference === 0 ? 'handover.even' : difference > 0 ? 'handover.over' : 'handover.short')}
                  </span>
                )}
              </div>
              <label className="field">
                <span>{t('handover.note')}</span>
                <input value={note} maxLength={100} onChange={(e) => setNote(e.target.value)} data-testid="handover-note" />
              </label>
              <label className="checkbox">
                <input type="checkbox" checked={print} onChange={(e) => setPrint(e.target.checked)} data-testid="handover-print" /> {t('handover.print')}
              </label>
            </>
          )}
          <FormError error={error} testId="handover-error" />
        </div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy} data-testid="handover-cancel">
            {t('handover.cancel')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="btn" onClick={() => void logout()} disabled={busy} data-testid="handover-skip">
            {t('handover.logoutOnly')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !summary} data-testid="handover-record">
            {t('handover.record')} <kbd>Enter</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}

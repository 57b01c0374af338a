/**
 * Conflicts (Ctrl+K): settlements where the center and the terminal disagree — the center settled
 * with other amounts than the preview, or refused a settlement already confirmed. Both splits side
 * by side (differing amounts marked), the center's reason, and the actions that make sense:
 * accept (a supervisor acknowledges the center's result) and reverse (2208 / 2103 queued).
 */
import { useCallback, useEffect, useState } from 'react';
import type { ConflictView } from '../../shared/api-sync.js';
import type { Split } from '../../shared/domain.js';
import { roleAtLeast } from '../../shared/limits.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import { useBridgeEvent } from '../lib/hooks.js';
import { Amount } from './Amount.js';
import { FormError } from './ErrorBanner.js';
import { ReasonDialog } from './ReasonDialog.js';
import { SupervisorApproval } from './security/SupervisorApproval.js';
import { useApproval } from '../lib/use-approval.js';

export const SPLIT_ROWS: ReadonlyArray<keyof Split> = [
  'medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt', 'act_pay_dedc', 'hifp_pay',
  'pool_prop_selfpay', 'cvlserv_pay', 'hifmi_pay', 'hifob_pay', 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay',
];

export function ConflictsView({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { time } = useBusinessTime();
  const [rows, setRows] = useState<ConflictView[] | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [supervisor, setSupervisor] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reversing, setReversing] = useState<ConflictView | null>(null);
  // reversing from a conflict needs a supervisor like any reversal
  const approval = useApproval('settlement.reverse', reversing?.settlement_id ?? null);

  const load = useCallback(async () => {
    try {
      setRows(await api('sync.conflicts', { state: showResolved ? 'all' : 'open' }));
    } catch (err) {
      setError(describeError(t, toApiError(err)));
      setRows((r) => r ?? []);
    }
  }, [showResolved, t]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api('session.get', {}).then((s) => setSupervisor(roleAtLeast(s.cashier?.role, 'supervisor')), () => {});
  }, []);
  useBridgeEvent('conflict.raised', () => void load());
  useBridgeEvent('sync.changed', () => void load());

  async function accept(c: ConflictView) {
    setError(null);
    try {
      await api('sync.acceptConflict', { id: c.id });
      await load();
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    }
  }

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="conflicts-title" data-testid="conflicts-view">
      <div className="overlay-card list-card conflicts-card">
        <header className="overlay-head">
          <h2 id="conflicts-title">{t('conflicts.title')}</h2>
          <span className="muted">{rows ? t('conflicts.count', { n: rows.filter((r) => r.state === 'open').length }) : t('common.loading')}</span>
          <div className="spacer" />
          <label className="toggle">
            <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} data-testid="conflicts-show-resolved" />
            <span>{t('conflicts.showResolved')}</span>
          </label>
          <button type="button" className="btn" onClick={onClose} data-testid="conflicts-close">
            {t('common.close')} <kbd>Esc</kbd>
          </button>
        </header>
        <FormError error={error} testId="conflicts-error" />
        <div className="table-scroll conflicts-list">
          {rows && rows.length === 0 && <div className="muted list-empty" data-testid="conflicts-empty">{t('conflicts.empty')}</div>}
          {rows?.map((c) => (
            <section key={c.id} className={`conflict conflict-${c.state}`} data-testid="conflict" data-id={c.id} data-kind={c.kind} data-state={c.state} data-settlement-id={c.settlement_id}>
              <header className="conflict-head">
                <span className={`status-pill ${c.kind === 'refused' ? 'pill-refused' : 'pill-queued'}`}>{t(`conflicts.kind.${c.kind}`)}</span>
                <strong>{c.settlement.psn_name_masked}</strong>
                <span className="muted mono small">{c.settlement.certno_masked}</span>
                <span className="muted">{time(c.settlement.created_at)}</span>
                {c.settlement.mulaid_name_masked && <span className="muted">· {t('split.mulaid')} {c.settlement.mulaid_name_masked}</span>}
                {c.settlement.offline && <span className="badge badge-offline" data-testid="conflict-offline">{t('conflicts.offline')}</span>}
                <div className="spacer" />
                <span className="muted small" data-testid="conflict-state">
                  {t(`conflicts.state.${c.state}`)}
                  {c.resolved_by && c.resolved_at ? ` · ${t('conflicts.resolved', { who: c.resolved_by, time: time(c.resolved_at) })}` : ''}
                </span>
              </header>
              <div className="conflict-reason" data-testid="conflict-reason">
                {t('conflicts.reason', { reason: c.kind === 'split_differs' ? c.fields.map((f) => t(`splitField.${f}`)).join('、') : c.reason })}
              </div>
              <table className="list-table conflict-splits" data-testid="conflict-splits">
                <thead>
                  <tr>
                    <th>{t('conflicts.field')}</th>
                    <th className="num">{t('conflicts.local')}</th>
                    <th className="num">{c.center ? t('conflicts.center') : t('conflicts.noCenter')}</th>
                  </tr>
                </thead>
                <tbody>
                  {SPLIT_ROWS.map((f) => {
                    const differs = c.fields.includes(f);
                    if (!differs && c.local[f] === 0 && (c.center?.[f] ?? 0) === 0) return null;
                    return (
                      <tr key={f} className={differs ? 'differs' : ''} data-testid="conflict-field" data-field={f} data-differs={differs ? 'true' : 'false'}>
                        <td>{t(`splitField.${f}`)}</td>
                        <td className="num">
                          <Amount fen={c.local[f]} size="sm" testId={`conflict-local-${f}`} />
                        </td>
                        <td className="num">{c.center ? <Amount fen={c.center[f]} size="sm" testId={`conflict-center-${f}`} /> : '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {c.actions.length > 0 && (
                <div className="dialog-actions conflict-actions">
                  {c.actions.includes('accept') && (
                    <button
                      type="button"
                      className="btn btn-primary"
                      disabled={!supervisor}
                      title={supervisor ? '' : t('conflicts.needsSupervisor')}
                      onClick={() => void accept(c)}
                      data-testid="conflict-accept"
                    >
                      {c.kind === 'refused' ? t('conflicts.acknowledge') : t('conflicts.accept')}
                    </button>
                  )}
                  {c.actions.includes('accept') && !supervisor && <span className="muted small">{t('conflicts.needsSupervisor')}</span>}
                  {c.actions.includes('reverse') && (
                    <button type="button" className="btn btn-danger" onClick={() => setReversing(c)} data-testid="conflict-reverse">
                      {t('conflicts.reverse')}
                    </button>
                  )}
                </div>
              )}
            </section>
          ))}
        </div>
      </div>
      {reversing && (
        <ReasonDialog
          testId="conflict-reverse-dialog"
          title={t('conflicts.reverse')}
          label={t('conflicts.reverseReason')}
          confirmLabel={t('conflicts.reverseConfirm')}
          ids={{ reason: 'conflict-reverse-reason', confirm: 'conflict-reverse-confirm' }}
          invalid={() => (approval.invalid() ? t(approval.invalid()!) : null)}
          authFailed={t('approval.failed')}
          onSubmit={async (reason) => {
            await api('sync.reverseConflict', { id: reversing.id, reason, approval: await approval.obtain() });
            setReversing(null);
            void load();
          }}
          onCancel={() => setReversing(null)}
        >
          <SupervisorApproval approval={approval} testId="conflict-reverse-approval" />
        </ReasonDialog>
      )}
    </div>
  );
}

/** Today's settlements (F6): select a row, F8 reverses it after a reason is given. */
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { SettlementView } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { AMOUNT_FIELDS } from '../lib/amount-fields.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import { useBridgeEvent } from '../lib/hooks.js';
import { formatYuan } from '../../shared/money.js';
import { Amount } from './Amount.js';
import { PendingCenterBadge, useOfflineIds } from './PendingCenterBadge.js';
import { freshest } from '../lib/settlement-freshness.js';
import { FormError } from './ErrorBanner.js';
import { ReasonDialog } from './ReasonDialog.js';
import { SupervisorApproval } from './security/SupervisorApproval.js';
import { useApproval } from '../lib/use-approval.js';

export interface ListCommands {
  reverse(): void;
  /** 补打 the selected settlement's slip (Ctrl+P) */
  reprint?(): void;
  /** true when Esc was used here (a dialog closed) */
  escape(): boolean;
}

const REVERSIBLE: ReadonlySet<SettlementView['status']> = new Set(['settled', 'queued']);

/** Newest first; an updated settlement replaces its row, a new one is added. */
export function upsertSettlement(rows: readonly SettlementView[], v: SettlementView): SettlementView[] {
  const i = rows.findIndex((r) => r.id === v.id);
  if (i >= 0) return rows.map((r, j) => (j === i ? v : r));
  return [v, ...rows].sort((a, b) => b.created_at.localeCompare(a.created_at));
}

export function SettlementList({ onClose, commands }: { onClose(): void; commands: MutableRefObject<ListCommands | null> }) {
  const { t } = useI18n();
  const { time } = useBusinessTime();
  const [rows, setRows] = useState<SettlementView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<SettlementView | null>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  const offlineIds = useOfflineIds();
  // a reversal needs a supervisor's number and PIN, unless the configured exception spares it
  const approval = useApproval('settlement.reverse', dialog?.id ?? null);

  const load = useCallback(async () => {
    try {
      const list = await api('settle.list', {});
      const sorted = [...list].sort((a, b) => b.created_at.localeCompare(a.created_at));
      setRows(sorted);
      setSelected((s) => s ?? sorted[0]?.id ?? null);
      setError(null);
    } catch (err) {
      setError(describeError(t, toApiError(err)));
      setRows((r) => r ?? []);
    }
  }, [t]);

  useEffect(() => {
    void load();
    tableRef.current?.focus();
  }, [load]);

  useBridgeEvent('settlement.updated', (v) => {
    setRows((r) => (r ? upsertSettlement(r, v) : r));
    setDialog((d) => (d && d.id === v.id ? v : d));
  });

  const selectedRow = rows?.find((r) => r.id === selected) ?? null;
  const canReverse = !!selectedRow && REVERSIBLE.has(selectedRow.status);
  // 补打: the reversal slip of one being reversed, else its settlement slip (none for a refused one)
  const canReprint = !!selectedRow && selectedRow.status !== 'refused';
  const [reprinted, setReprinted] = useState<string | null>(null);
  async function reprint() {
    if (!selectedRow || !canReprint) return;
    const kind = selectedRow.status === 'reversing' || selectedRow.status === 'reversed' ? 'reversal' : 'settlement';
    try {
      const job = await api('print.reprint', { settlementId: selectedRow.id, kind });
      setReprinted(t('slip.queuedNo', { n: job.reprintNo ?? 1 }));
      setError(null);
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    }
  }

  commands.current = {
    reverse: () => {
      if (canReverse && selectedRow) setDialog(selectedRow);
    },
    reprint: () => void reprint(),
    escape: () => {
      if (dialog) {
        setDialog(null);
        return true;
      }
      return false;
    },
  };

  // arrow keys move the selection while no dialog is open
  useEffect(() => {
    if (dialog) return;
    function onKey(e: KeyboardEvent) {
      if (!rows || rows.length === 0 || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
      e.preventDefault();
      const i = rows.findIndex((r) => r.id === selected);
      const next = e.key === 'ArrowDown' ? Math.min(i + 1, rows.length - 1) : Math.max(i - 1, 0);
      setSelected(rows[next].id);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected, dialog]);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="list-title" data-testid="settlement-list">
      <div className="overlay-card list-card">
        <header className="overlay-head">
          <h2 id="list-title">{t('list.title')}</h2>
          <span className="muted">{rows ? t('list.count', { n: rows.length }) : t('common.loading')}</span>
          <div className="spacer" />
          <button type="button" className="btn" onClick={() => void load()} data-testid="list-refresh">
            {t('list.refresh')}
          </button>
          <button type="button" className="btn btn-danger" disabled={!canReverse} onClick={() => commands.current?.reverse()} data-testid="reverse-button">
            {t('list.reverse')} <kbd>F8</kbd>
          </button>
          <button type="button" className="btn" disabled={!canReprint} onClick={() => void reprint()} data-testid="list-reprint">
            {t('slip.reprint')} <kbd>Ctrl+P</kbd>
          </button>
          {reprinted && (
            <span className="muted small" data-testid="list-reprinted">
              {reprinted}
            </span>
          )}
          <button type="button" className="btn" onClick={onClose} data-testid="list-close">
            {t('common.close')} <kbd>Esc</kbd>
          </button>
        </header>
        <FormError error={error} testId="list-error" announce={false} />
        <div className="table-scroll" tabIndex={-1} ref={tableRef}>
          <table className="list-table">
            <thead>
              <tr>
                <th>{t('list.col.time')}</th>
                <th>{t('list.col.name')}</th>
                <th>{t('list.col.kind')}</th>
                {AMOUNT_FIELDS.map(({ field, short }) => (
                  <th key={field} className="num">
                    {t(`list.col.${short}`)}
                  </th>
                ))}
                <th>{t('list.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows?.map((r) => {
                const s = r.center ?? r.local;
                return (
                  <tr
                    key={r.id}
                    className={`${r.id === selected ? 'selected' : ''} row-${r.status}`}
                    aria-selected={r.id === selected}
                    onClick={() => setSelected(r.id)}
                    data-testid="settlement-row"
                    data-id={r.id}
                    data-status={r.status}
                  >
                    <td className="mono">{time(r.created_at)}</td>
                    <td>{r.psn_name_masked}</td>
                    <td>{t(`kind.${r.kind}`)}</td>
                    {AMOUNT_FIELDS.map(({ field, short }) => (
                      <td key={field} className="num">
                        <Amount fen={s[field]} size="sm" testId={`row-${short}`} />
                      </td>
                    ))}
                    <td>
                      <span className={`status-pill pill-${r.status}`} data-testid="row-status" title={r.status === 'refused' ? (r.last_error ?? '') : r.last_error ? t('result.notYetSent') : ''}>
                        {t(`status.${r.status}`)}
                      </span>
                      <PendingCenterBadge view={r} offline={offlineIds.has(r.id)} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows && rows.length === 0 && <div className="muted list-empty">{t('list.empty')}</div>}
        </div>
      </div>
      {dialog && (
        <ReasonDialog
          testId="reverse-dialog"
          titleId="reverse-title"
          title={t('reverse.title')}
          summary={t('reverse.summary', { name: dialog.psn_name_masked, time: time(dialog.created_at), amount: formatYuan((dialog.center ?? dialog.local).medfee_sumamt) })}
          label={t('reverse.reason')}
          placeholder={t('reverse.reasonPlaceholder')}
          reasonRequired={t('reverse.reasonRequired')}
          confirmLabel={t('reverse.confirm')}
          ids={{ reason: 'reverse-reason', error: 'reverse-error', cancel: 'reverse-cancel', confirm: 'reverse-confirm' }}
          invalid={() => (approval.invalid() ? t(approval.invalid()!) : null)}
          authFailed={t('approval.failed')}
          onSubmit={async (reason) => {
            const token = await approval.obtain();
            const v = freshest(await api('settle.reverse', { id: dialog.id, reason, approval: token }));
            setRows((r) => (r ? upsertSettlement(r, v) : r));
            setDialog(null);
          }}
          onCancel={() => setDialog(null)}
        >
          <SupervisorApproval approval={approval} testId="reverse-approval" />
        </ReasonDialog>
      )}
    </div>
  );
}

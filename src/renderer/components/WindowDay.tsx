/**
 * The window's day (Ctrl+E, scope 本窗口, on a terminal with an institution database): the center is
 * reconciled for the whole institution, so this window shows what it and its cashiers did — per cashier
 * the hand-over's figures, the window's total, the hand-overs of the day with their differences, and
 * what the institution database has not taken yet. F9 (`refresh` changes) adds it up again; nothing
 * here calls the center.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CashierDay, WindowDay as WindowDayData } from '../../shared/api-window-day.js';
import { formatYuan } from '../../shared/money.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import { deliverPdf } from '../lib/pdf-download.js';
import { Amount } from './Amount.js';
import { FormError } from './ErrorBanner.js';
import '../styles/institution.css';

type Row = Omit<CashierDay, 'cashier'>;

export function WindowDay({ date, refresh, institutionHere }: { date: string; refresh: number; institutionHere: boolean }) {
  const { t } = useI18n();
  const bt = useBusinessTime();
  const [day, setDay] = useState<WindowDayData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    let live = true;
    setError(null);
    setPrinted(null);
    api('windowDay.get', { date }).then(
      (d) => live && setDay(d),
      (err) => live && setError(describeError(t, toApiError(err))),
    );
    return () => {
      live = false;
    };
  }, [date, refresh, t]);

  const print = useCallback(async () => {
    setPrinting(true);
    setError(null);
    try {
      const pdf = await api('windowDay.pdf', { date });
      const how = deliverPdf(pdf);
      setPrinted(t(`windowDay.printed.${how}`, { name: pdf.name }));
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    } finally {
      setPrinting(false);
    }
  }, [date, t]);

  const difference = (fen: number) =>
    fen === 0 ? t('windowDay.diff.even') : fen > 0 ? t('windowDay.diff.over', { amount: formatYuan(fen) }) : t('windowDay.diff.short', { amount: formatYuan(-fen) });

  const cells = (r: Row, id: string) => (
    <>
      <td className="num">{r.settlements.count}</td>
      <td className="num">
        <Amount fen={r.settlements.medfee} size="sm" testId={`window-day-medfee-${id}`} />
      </td>
      <td className="num">{r.reversals.count > 0 ? `${r.reversals.count} / ${formatYuan(r.reversals.medfee)}` : '—'}</td>
      <td className="num" data-testid={`window-day-pending-${id}`} data-count={r.settlementsPending + r.reversalsPending}>
        {r.settlementsPending + r.reversalsPending || '—'}
      </td>
      <td className="num">{formatYuan(r.byKind.cashCollected)}</td>
      <td className="num">{formatYuan(r.byKind.cashRefunded)}</td>
      <td className="num">
        <Amount fen={r.cashExpected} size="sm" testId={`window-day-expected-${id}`} />
      </td>
      <td className="num">{r.handedOver.count > 0 ? t('windowDay.handedOverCell', { n: r.handedOver.count, amount: formatYuan(r.handedOver.counted) }) : '—'}</td>
      <td className={r.handedOver.difference < 0 ? 'warn-text' : undefined} data-testid={`window-day-difference-${id}`} data-fen={r.handedOver.difference}>
        {r.handedOver.count > 0 ? difference(r.handedOver.difference) : '—'}
      </td>
    </>
  );

  const rep = day?.replication;
  return (
    <div className="table-scroll eod-body window-day" data-testid="window-day">
      <p className="window-day-note" data-testid="window-day-note">
        {t('windowDay.reconcileNote')}
        {institutionHere && ` ${t('windowDay.reconcileHere')}`}
      </p>
      {rep && (
        <p className={`window-day-repl${rep.backlog > 0 ? ' window-day-repl-behind' : ''}`} data-testid="window-day-backlog" data-backlog={rep.backlog} data-state={rep.state ?? ''}>
          {rep.backlog > 0
            ? rep.oldestUnsentDate
              ? t('windowDay.backlog', { n: rep.backlog, date: rep.oldestUnsentDate })
              : t('windowDay.backlogNoDate', { n: rep.backlog })
            : t('windowDay.synced')}
          {(rep.state === 'down' || rep.state === 'refused') && ` · ${t(`windowDay.state.${rep.state}`)}`}
        </p>
      )}
      <div className="eod-actions">
        <button type="button" className="btn" onClick={() => void print()} disabled={printing || !day} data-testid="window-day-print">
          {t('windowDay.print')}
        </button>
        {printed && (
          <span className="muted" data-testid="window-day-printed">
            {printed}
          </span>
        )}
      </div>
      <FormError error={error} testId="window-day-error" announce={false} />
      {!day ? (
        !error && <p className="muted">{t('windowDay.loading')}</p>
      ) : (
        <>
          <table className="list-table eod-table window-day-table" data-testid="window-day-cashiers">
            <thead>
              <tr>
                <th>{t('windowDay.col.cashier')}</th>
                <th className="num">{t('windowDay.col.settlements')}</th>
                <th className="num">{t('windowDay.col.medfee')}</th>
                <th className="num">{t('windowDay.col.reversals')}</th>
                <th className="num">{t('windowDay.col.pending')}</th>
                <th className="num">{t('windowDay.col.cashIn')}</th>
                <th className="num">{t('windowDay.col.cashOut')}</th>
                <th className="num">{t('windowDay.col.expected')}</th>
                <th className="num">{t('windowDay.col.handedOver')}</th>
                <th>{t('windowDay.col.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {day.cashiers.map((c) => (
                <tr key={c.cashier.no} data-testid="window-day-cashier" data-cashier={c.cashier.no}>
                  <td>
                    {c.cashier.name} <span className="mono muted">{c.cashier.no}</span>
                  </td>
                  {cells(c, c.cashier.no)}
                </tr>
              ))}
              {day.cashiers.length === 0 && (
                <tr>
                  <td colSpan={10} className="muted" data-testid="window-day-none">
                    {t('windowDay.none')}
                  </td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr data-testid="window-day-total">
                <th>{t('windowDay.total')}</th>
                {cells(day.total, 'total')}
              </tr>
            </tfoot>
          </table>
          <p className="muted small" data-testid="window-day-by-kind">
            {t('windowDay.byKind', { fund: formatYuan(day.total.byKind.fund), acct: formatYuan(day.total.byKind.acct), mulaid: formatYuan(day.total.byKind.mulaid) })}
            {day.total.refused.count > 0 && ` · ${t('windowDay.refused', { n: day.total.refused.count })}`}
          </p>
          <section className="window-day-handovers">
            <h3>{t('windowDay.handovers', { n: day.handovers.length })}</h3>
            {day.handovers.length === 0 ? (
              <p className="muted">{t('windowDay.noHandovers')}</p>
            ) : (
              <table className="list-table eod-table">
                <thead>
                  <tr>
                    <th className="num">{t('windowDay.col.no')}</th>
                    <th>{t('windowDay.col.cashier')}</th>
                    <th>{t('windowDay.col.shift')}</th>
                    <th>{t('windowDay.col.recordedAt')}</th>
                    <th className="num">{t('windowDay.col.expected')}</th>
                    <th className="num">{t('windowDay.col.counted')}</th>
                    <th>{t('windowDay.col.difference')}</th>
                    <th>{t('windowDay.col.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {day.handovers.map((h) => (
                    <tr key={h.id} data-testid="window-day-handover" data-id={h.id} data-difference={h.difference}>
                      <td className="num mono">{h.id}</td>
                      <td>
                        {h.cashier.name} <span className="mono muted">{h.cashier.no}</span>
                      </td>
                      <td>
                        {bt.time(h.from)}–{bt.time(h.to)}
                      </td>
                      <td>{bt.time(h.createdAt)}</td>
                      <td className="num">{formatYuan(h.cashExpected)}</td>
                      <td className="num">{formatYuan(h.cashCounted)}</td>
                      <td className={h.difference < 0 ? 'warn-text' : undefined}>{difference(h.difference)}</td>
                      <td className="window-day-note-cell">{h.note ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/**
 * End of day in the institution scope (全院, a supervisor's, when institution.finance is configured):
 * every window of this fixmedins_code from the institution database — the groups, the windows that
 * are not complete (named; the day is then pending), the per-window totals, the differences naming
 * window and cashier, the pending settlements, and the exports.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ExportFormat, ExportInfo } from '../../shared/api-reconcile.js';
import type { InstitutionEodResult } from '../../shared/api-institution-eod.js';
import { formatYuan } from '../../shared/money.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import { FormError } from './ErrorBanner.js';

export function InstitutionEod({ date }: { date: string }) {
  const { t } = useI18n();
  const bt = useBusinessTime();
  const [result, setResult] = useState<InstitutionEodResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exported, setExported] = useState<ExportInfo | null>(null);

  useEffect(() => {
    let live = true;
    setExported(null);
    api('institutionEod.last', { date }).then(
      (r) => live && setResult(r),
      (err) => live && setError(describeError(t, toApiError(err))),
    );
    return () => {
      live = false;
    };
  }, [date, t]);

  const run = useCallback(async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await api('institutionEod.run', { date }));
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    } finally {
      setRunning(false);
    }
  }, [date, t]);

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      setError(null);
      try {
        setExported(await api('institutionEod.export', { date, format }));
      } catch (err) {
        setError(describeError(t, toApiError(err)));
      }
    },
    [date, t],
  );

  const diffs = result ? result.groups.flatMap((g) => g.differences.map((d) => ({ g, d }))) : [];
  return (
    <div className="table-scroll eod-body" data-testid="inst-eod">
      <div className="eod-actions">
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running} data-testid="inst-eod-run">
          {running ? t('instEod.running') : t('instEod.run')}
        </button>
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <button key={f} type="button" className="btn" onClick={() => void exportAs(f)} disabled={running} data-testid={`inst-eod-export-${f}`}>
            {t('eod.export')} {f.toUpperCase()}
          </button>
        ))}
      </div>
      <FormError error={error} testId="inst-eod-error" announce={false} />
      {exported && (
        <div className="eod-exported" data-testid="inst-eod-export-path" data-file={exported.file}>
          {t('instEod.exported', { file: exported.file })}
        </div>
      )}
      {!result ? (
        <p className="muted" data-testid="inst-eod-empty">
          {t('instEod.none')}
        </p>
      ) : (
        <>
          <div className={`eod-status eod-${result.status}`} data-testid="inst-eod-status" data-status={result.status}>
            {t(`eod.status.${result.status}`)}
            <span className="muted small"> · {t('eod.at', { at: bt.dateTime(result.at), name: result.operator.name })}</span>
          </div>
          {result.incomplete.length > 0 && (
            <section className="eod-pending" data-testid="inst-eod-incomplete" data-count={result.incomplete.length}>
              <h3>{t('instEod.incomplete', { n: result.incomplete.length })}</h3>
              <ul>
                {result.incomplete.map((w) => (
                  <li key={w.terminal_id} data-testid="inst-eod-incomplete-window" data-window={w.terminal_id} data-reason={w.reason}>
                    <strong className="mono">{w.terminal_id}</strong> {w.label} ·{' '}
                    {w.reason === 'backlog'
                      ? t('instEod.reason.backlog', { n: w.backlog, date: w.oldest_unsent_date ?? '' })
                      : t('instEod.reason.silent', { at: w.heard_at ? bt.dateTime(w.heard_at) : t('instEod.never') })}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <table className="list-table eod-table">
            <thead>
              <tr>
                <th>{t('instEod.col.group')}</th>
                <th className="num">{t('instEod.col.count')}</th>
                <th className="num">{t('instEod.col.medfee')}</th>
                <th className="num">{t('eod.col.center')}</th>
                <th className="num">{t('instEod.col.pending')}</th>
                <th>{t('instEod.col.result')}</th>
              </tr>
            </thead>
            <tbody>
              {result.groups.map((g) => (
                <tr key={`${g.insutype}/${g.clr_type}`} data-testid="inst-eod-group" data-group={`${g.insutype}/${g.clr_type}`} data-status={g.status}>
                  <td>
                    {g.insutype} {t(`insutype.${g.insutype}`)} / {g.clr_type} {t(`clrType.${g.clr_type}`)}
                  </td>
                  <td className="num">{g.local.count}</td>
                  <td className="num">{formatYuan(g.local.medfee_sumamt)}</td>
                  <td className="num">{g.center ? formatYuan(g.center.medfee_sumamt) : '—'}</td>
                  <td className="num">{g.pending.count || '—'}</td>
                  <td>
                    <span className={`status-pill eod-pill-${g.status}`}>{t(`eod.status.${g.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('instEod.windows')}</h3>
          <table className="list-table eod-table" data-testid="inst-eod-windows">
            <thead>
              <tr>
                <th>{t('instEod.col.window')}</th>
                <th>{t('instEod.col.group')}</th>
                <th className="num">{t('instEod.col.count')}</th>
                <th className="num">{t('instEod.col.medfee')}</th>
                <th className="num">{t('instEod.col.pending')}</th>
              </tr>
            </thead>
            <tbody>
              {result.windows.map((w) => (
                <tr key={`${w.terminal_id}/${w.insutype}/${w.clr_type}`} data-testid="inst-eod-window" data-window={w.terminal_id}>
                  <td>
                    <span className="mono">{w.terminal_id}</span> {w.label}
                  </td>
                  <td>
                    {w.insutype}/{w.clr_type}
                  </td>
                  <td className="num">{w.local.count}</td>
                  <td className="num">{formatYuan(w.local.medfee_sumamt)}</td>
                  <td className="num">{w.pending.count || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {diffs.length > 0 && (
            <section className="eod-diffs" data-testid="inst-eod-diffs">
              <h3>{t('instEod.diffs', { n: diffs.length + result.groups.reduce((n, g) => n + g.differencesOmitted, 0) })}</h3>
              <ul>
                {diffs.map(({ g, d }) => (
                  <li key={`${g.insutype}/${g.clr_type}/${d.kind}/${d.setl_id}`} data-testid="inst-eod-diff" data-kind={d.kind} data-window={d.terminal_id ?? ''}>
                    <strong>{t(`eod.diff.${d.kind}`)}</strong> <span className="mono">{d.setl_id}</span> ·{' '}
                    {t('instEod.diff.where', { window: d.terminal_id ?? t('instEod.unknown'), cashier: d.cashier_no ?? t('instEod.unknown') })}
                    <div className="eod-fields">
                      {d.fields.map((f) => (
                        <span key={f.field} className="eod-field" data-field={f.field}>
                          {t(`splitField.${f.field}`)}: {t('eod.diff.delta')} {f.delta > 0 ? '+' : ''}
                          {formatYuan(f.delta)}
                        </span>
                      ))}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {result.pending.length > 0 && (
            <section className="eod-pending" data-testid="inst-eod-pending">
              <h3>{t('instEod.pending', { n: result.pending.length + result.pendingOmitted })}</h3>
              <ul>
                {result.pending.map((p) => (
                  <li key={`${p.what}-${p.settlement_id}`}>
                    <span className="mono">{p.terminal_id}</span> · {p.cashier_no} · {t(`eod.pending.${p.what}`)} · {p.psn_name_masked} · {formatYuan(p.medfee_sumamt)}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}

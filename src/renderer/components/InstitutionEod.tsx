/**
 * End of day in the institution scope (全院, a supervisor's, when institution.finance is configured):
 * every window of this fixmedins_code from the institution database — the groups, the windows that
 * are not complete (named; the day is then pending), the per-window totals, the differences naming
 * window and cashier, the pending settlements, and the exports. F9 runs it (EndOfDay routes the key
 * here through `commands` while this scope is shown).
 */
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { ApiError } from '../../shared/api.js';
import type { ExportFormat, ExportInfo, ReconcileProgress } from '../../shared/api-reconcile.js';
import type { InstitutionEodResult } from '../../shared/api-institution-eod.js';
import { formatYuan } from '../../shared/money.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import { useBridgeEvent } from '../lib/hooks.js';
import type { EodCommands } from '../screens/workspace-actions.js';
import { EodFigureCells, EodFigureHeads, EodGroupTable, eodGroupKey } from './EodGroupTable.js';
import { EodProgress } from './EodProgress.js';
import { FormError } from './ErrorBanner.js';

export function InstitutionEod({ date, commands }: { date: string; commands?: MutableRefObject<EodCommands | null> }) {
  const { t } = useI18n();
  const bt = useBusinessTime();
  const [result, setResult] = useState<InstitutionEodResult | null>(null);
  const [running, setRunning] = useState(false);
  // kept as the error itself, so a language switch translates it again
  const [error, setError] = useState<ApiError | null>(null);
  const [exported, setExported] = useState<ExportInfo | null>(null);
  const busy = useRef(false);
  // a day of many windows takes a while: where the run is, as the window's end of day shows it
  const [progress, setProgress] = useState<ReconcileProgress | null>(null);
  useBridgeEvent('reconcile.progress', setProgress, running);

  useEffect(() => {
    let live = true;
    setExported(null);
    setError(null);
    setResult(null);
    api('institutionEod.last', { date }).then(
      (r) => live && setResult(r),
      (err) => live && setError(toApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [date]);

  const run = useCallback(async () => {
    // F9 pressed again while the run is under way does not start a second one
    if (busy.current) return;
    busy.current = true;
    setRunning(true);
    setError(null);
    setExported(null);
    setProgress(null);
    try {
      setResult(await api('institutionEod.run', { date }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }, [date]);

  if (commands) commands.current = { run: () => void run() };
  useEffect(() => () => {
    if (commands) commands.current = null;
  }, [commands]);

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      setError(null);
      try {
        setExported(await api('institutionEod.export', { date, format }));
      } catch (err) {
        setError(toApiError(err));
      }
    },
    [date],
  );

  const labels = new Map(result ? [...result.windows, ...result.incomplete].map((w) => [w.terminal_id, w.label]) : []);
  const diffs = result ? result.groups.flatMap((g) => g.differences.map((d) => ({ g, d }))) : [];
  const status = result ? (result.status === 'pending' && result.incomplete.length > 0 ? 'instEod.status.incomplete' : `eod.status.${result.status}`) : '';
  return (
    <div className="table-scroll eod-body" data-testid="inst-eod">
      <div className="eod-actions">
        <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running} data-testid="inst-eod-run">
          {running ? t('instEod.running') : t('instEod.run')} <kbd>F9</kbd>
        </button>
        {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
          <button key={f} type="button" className="btn" onClick={() => void exportAs(f)} disabled={running} data-testid={`inst-eod-export-${f}`}>
            {t('eod.export')} {f.toUpperCase()}
          </button>
        ))}
      </div>
      {running && <EodProgress progress={progress} testId="inst-eod-progress" institution />}
      <FormError error={error ? describeError(t, error) : null} testId="inst-eod-error" announce={false} />
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
          <div className={`eod-status eod-${result.status}`} data-testid="inst-eod-status" data-status={result.status} data-run={result.id}>
            {t(status)}
            <span className="muted small"> · {t('eod.at', { at: bt.dateTime(result.at), name: result.operator.name })}</span>
            {result.refusedCount > 0 && <span className="muted small"> · {t('eod.refused', { n: result.refusedCount })}</span>}
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
          <EodGroupTable groups={result.groups} prefix="inst-eod" />
          <h3>{t('instEod.windows')}</h3>
          <table className="list-table eod-table" data-testid="inst-eod-windows">
            <thead>
              <tr>
                <th>{t('instEod.col.window')}</th>
                <th>{t('eod.col.group')}</th>
                <EodFigureHeads />
              </tr>
            </thead>
            <tbody>
              {result.windows.map((w) => (
                <tr key={`${w.terminal_id}/${eodGroupKey(w)}`} data-testid="inst-eod-window" data-window={w.terminal_id} data-group={eodGroupKey(w)}>
                  <td>
                    <span className="mono">{w.terminal_id}</span> {w.label}
                  </td>
                  <td>{eodGroupKey(w)}</td>
                  <EodFigureCells figures={w} testIdPrefix="inst-eod-window" />
                </tr>
              ))}
            </tbody>
          </table>
          {diffs.length > 0 && (
            <section className="eod-diffs" data-testid="inst-eod-diffs">
              <h3>{t('instEod.diffs', { n: diffs.length + result.groups.reduce((n, g) => n + g.differencesOmitted, 0) })}</h3>
              <ul>
                {diffs.map(({ g, d }) => (
                  <li
                    key={`${eodGroupKey(g)}/${d.kind}/${d.setl_id}`}
                    data-testid="inst-eod-diff"
                    data-kind={d.kind}
                    data-setl-id={d.setl_id}
                    data-group={eodGroupKey(g)}
                    data-window={d.terminal_id ?? ''}
                    data-cashier={d.cashier_no ?? ''}
                  >
                    <strong>{t(`eod.diff.${d.kind}`)}</strong> <span className="mono">{d.setl_id}</span>
                    {d.refd_setl_flag === '1' && <span className="muted"> ({t('eod.diff.reversal')})</span>} ·{' '}
                    {t('instEod.diff.where', {
                      window: d.terminal_id ? `${d.terminal_id} ${labels.get(d.terminal_id) ?? ''}`.trim() : t('instEod.unknown'),
                      cashier: d.cashier_no ?? t('instEod.unknown'),
                    })}
                    <span className="muted">
                      {' '}
                      · {d.psn_name_masked ?? ''} <span className="mono">{d.psn_no}</span>
                    </span>
                    {d.local_pending_id && <span className="warn-text"> · {t('eod.diff.localPending')}</span>}
                    <div className="eod-fields">
                      {d.fields.map((f) => (
                        <span key={f.field} className="eod-field" data-field={f.field} data-delta={f.delta}>
                          {t(`splitField.${f.field}`)}: {t('eod.diff.local')} {f.local === null ? '—' : formatYuan(f.local)} · {t('eod.diff.center')}{' '}
                          {f.center === null ? '—' : formatYuan(f.center)} · {t('eod.diff.delta')} {f.delta > 0 ? '+' : ''}
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
            <section className="eod-pending" data-testid="inst-eod-pending" data-count={result.pending.length + result.pendingOmitted}>
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

/**
 * End of day (Ctrl+E): reconcile a day with the center, watch its progress, read the result per
 * group, drill into a group's differences, and export CSV / XLSX / PDF (the file is written into
 * the terminal's data directory; its path is shown). On a terminal with an institution database the
 * center reconciles the whole institution, so 本窗口 shows the window's day (WindowDay.tsx) instead,
 * and F9 adds it up again: no per-terminal 3201.
 */
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { ExportFormat, ExportInfo, ReconcileProgress, ReconcileResult } from '../../shared/api-reconcile.js';
import { formatYuan } from '../../shared/money.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useBusinessTime } from '../lib/counter-settings.js';
import type { EodCommands } from '../screens/workspace-actions.js';
import { DateField } from './DateField.js';
import { useBridgeEvent } from '../lib/hooks.js';
import { FormError } from './ErrorBanner.js';
import { EodGroupTable, eodGroupKey as groupKey } from './EodGroupTable.js';
import { EodProgress } from './EodProgress.js';
import { InstitutionEod } from './InstitutionEod.js';
import { WindowDay } from './WindowDay.js';

// whether this terminal has an institution database does not change while it runs: asked once
let windowDayKnown: boolean | null = null;

/** `commands`: F9 starts the reconciliation (the key dispatch of the working screen routes it here) */
export function EndOfDay({ onClose, commands }: { onClose(): void; commands?: MutableRefObject<EodCommands | null> }) {
  const { t } = useI18n();
  const bt = useBusinessTime();
  const [date, setDate] = useState(bt.today);
  const [result, setResult] = useState<ReconcileResult | null>(null);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ReconcileProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [exporting, setExporting] = useState<ExportFormat | null>(null);
  const [exported, setExported] = useState<ExportInfo | null>(null);
  // 本窗口 / 全院: the institution scope exists where institution.finance is configured, for a supervisor
  const [scope, setScope] = useState<'window' | 'institution'>('window');
  const [institution, setInstitution] = useState(false);
  const [windowDay, setWindowDay] = useState(windowDayKnown === true);
  const [refresh, setRefresh] = useState(0);
  useEffect(() => {
    let live = true;
    if (windowDayKnown === null) {
      api('windowDay.available', {}).then(
        (r) => {
          windowDayKnown = r.available;
          if (live) setWindowDay(r.available);
        },
        () => undefined,
      );
    }
    api('institutionEod.available', {}).then(
      (r) => live && setInstitution(r.available),
      () => live && setInstitution(false),
    );
    return () => {
      live = false;
    };
  }, []);

  // the last reconciliation of the chosen day, if any
  useEffect(() => {
    let live = true;
    setExported(null);
    api('reconcile.last', { date }).then(
      (r) => {
        if (!live) return;
        setResult(r);
        setSelected(r?.groups.find((g) => g.status === 'not_balanced') ? groupKey(r.groups.find((g) => g.status === 'not_balanced')!) : null);
      },
      () => live && setResult(null),
    );
    return () => {
      live = false;
    };
  }, [date]);

  useBridgeEvent('reconcile.progress', (p) => setProgress(p));

  const run = useCallback(async () => {
    if (running) return;
    setRunning(true);
    setError(null);
    setExported(null);
    setProgress(null);
    try {
      const r = await api('reconcile.run', { date });
      setResult(r);
      const firstBad = r.groups.find((g) => g.status === 'not_balanced');
      setSelected(firstBad ? groupKey(firstBad) : null);
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    } finally {
      setRunning(false);
    }
  }, [date, running, t]);

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      setExporting(format);
      setError(null);
      setProgress(null);
      try {
        setExported(await api('reconcile.export', { date, format }));
      } catch (err) {
        setError(describeError(t, toApiError(err)));
      } finally {
        setExporting(null);
      }
    },
    [date, t],
  );

  // F9 runs the scope on screen: the institution's run while 全院 is shown; with an institution database no
  // per-terminal reconciliation is offered (本窗口 is the window's day, F9 adds it up again); without one, F9 and
  // the buttons reconcile this terminal as they always did
  const instCommands = useRef<EodCommands | null>(null);
  const daySummary = windowDay && scope === 'window';
  if (commands) commands.current = { run: () => (scope === 'institution' ? instCommands.current?.run() : windowDay ? setRefresh((n) => n + 1) : void run()) };
  useEffect(() => () => {
    if (commands) commands.current = null;
  }, [commands]);

  const group = result?.groups.find((g) => groupKey(g) === selected) ?? null;

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="eod-title" data-testid="end-of-day">
      <div className="overlay-card list-card eod-card">
        <header className="overlay-head">
          <h2 id="eod-title">{t(daySummary ? 'windowDay.title' : 'eod.title')}</h2>
          <DateField label={t(daySummary ? 'windowDay.date' : 'eod.date')} value={date} onChange={setDate} disabled={running} testId="eod-date" />
          {institution && (
            <div className="eod-scope" role="group" data-testid="eod-scope" data-scope={scope}>
              {(['window', 'institution'] as const).map((s) => (
                <button key={s} type="button" className={`btn${scope === s ? ' btn-primary' : ''}`} aria-pressed={scope === s} onClick={() => setScope(s)} data-testid={`eod-scope-${s}`}>
                  {t(`instEod.scope.${s}`)}
                </button>
              ))}
            </div>
          )}
          {daySummary ? (
            <button type="button" className="btn btn-primary" onClick={() => setRefresh((n) => n + 1)} data-testid="window-day-refresh">
              {t('windowDay.refresh')} <kbd>F9</kbd>
            </button>
          ) : (
            scope === 'window' &&
            !windowDay && (
              <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running} data-testid="eod-run">
                {running ? t('eod.running') : t('eod.run')} <kbd>F9</kbd>
              </button>
            )
          )}
          <div className="spacer" />
          {/* the institution scope has its own run and exports; the window's day has no per-terminal report */}
          {scope === 'window' && !windowDay && (['csv', 'xlsx', 'pdf'] as const).map((f) => (
            <button key={f} type="button" className="btn" onClick={() => void exportAs(f)} disabled={running || exporting !== null} data-testid={`eod-export-${f}`}>
              {t('eod.export')} {f.toUpperCase()}
            </button>
          ))}
          <button type="button" className="btn" onClick={onClose} data-testid="eod-close">
            {t('common.close')} <kbd>Esc</kbd>
          </button>
        </header>

        {(running || exporting !== null) && <EodProgress progress={progress} testId="eod-progress" />}
        <FormError error={error} testId="eod-error" announce={false} />
        {exported && (
          <div className="eod-exported" data-testid="eod-export-path" data-file={exported.file}>
            {t('eod.exported', { file: exported.file })}
          </div>
        )}

        {scope === 'institution' ? (
          <InstitutionEod date={date} commands={instCommands} />
        ) : daySummary ? (
          <WindowDay date={date} refresh={refresh} institutionHere={institution} />
        ) : !result ? (
          <p className="muted" data-testid="eod-empty">
            {t('eod.none')}
          </p>
        ) : (
          <div className="table-scroll eod-body">
            <div className={`eod-status eod-${result.status}`} data-testid="eod-status" data-status={result.status}>
              {t(`eod.status.${result.status}`)}
              <span className="muted small"> · {t('eod.at', { at: bt.dateTime(result.at), name: result.operator.name })}</span>
              {result.refusedCount > 0 && <span className="muted small"> · {t('eod.refused', { n: result.refusedCount })}</span>}
            </div>
            <EodGroupTable groups={result.groups} prefix="eod" selected={selected} onSelect={setSelected} />

            {group ? (
              <section className="eod-diffs" data-testid="eod-diffs" data-group={groupKey(group)}>
                <h3>{t('eod.diffs', { group: `${group.insutype}/${group.clr_type}` })}</h3>
                {group.differences.length === 0 && <p className="muted">{t('eod.noDiffs')}</p>}
                <ul>
                  {group.differences.map((d) => (
                    <li key={`${d.kind}-${d.setl_id}`} data-testid="eod-diff" data-kind={d.kind} data-setl-id={d.setl_id}>
                      <strong>{t(`eod.diff.${d.kind}`)}</strong> <span className="mono">{d.setl_id}</span>
                      {d.refd_setl_flag === '1' && <span className="muted"> ({t('eod.diff.reversal')})</span>}
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
                {group.differencesOmitted > 0 && <p className="muted">{t('eod.omitted', { n: group.differencesOmitted })}</p>}
              </section>
            ) : (
              result.groups.some((g) => g.status === 'not_balanced') && <p className="muted">{t('eod.diffsHint')}</p>
            )}

            {result.pending.length > 0 && (
              <section className="eod-pending" data-testid="eod-pending" data-count={result.pending.length}>
                <h3>{t('eod.pendingTitle', { n: result.pending.length })}</h3>
                <ul>
                  {result.pending.map((p) => (
                    <li key={`${p.what}-${p.settlement_id}`}>
                      {t(`eod.pending.${p.what}`)} · {p.psn_name_masked} · {formatYuan(p.medfee_sumamt)} · {bt.time(p.created_at)}
                      {p.last_error && <span className="muted"> · {p.last_error}</span>}
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

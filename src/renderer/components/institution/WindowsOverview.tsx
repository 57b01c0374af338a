/**
 * The windows overview (supervisor): every window of this institution as the institution database
 * sees it — last replication, backlog to PostgreSQL, queue to the center, open conflicts, today's
 * count and amounts — with a marker for the behind, the silent and the never heard. Opened by Ctrl+G
 * (WindowsOverviewShortcut, mounted once in App) and from the administrator's screen
 * (WindowsOverviewSection). Refreshes itself every 10 s while open; R or the button refreshes now.
 */
import { useCallback, useEffect, useState } from 'react';
import type { WindowRow, WindowsOverview as Overview } from '../../../shared/api-institution-windows.js';
import type { ApiError } from '../../../shared/api.js';
import { roleAtLeast } from '../../../shared/limits.js';
import type { Role } from '../../../shared/domain.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { isChordOf } from '../../lib/keymap.js';
import { useEscapeToClose } from '../../lib/hooks.js';
import { useInstitutionFinance } from '../../lib/use-institution-finance.js';
import { Amount } from '../Amount.js';
import { Dialog } from '../Dialog.js';
import '../../styles/institution.css';

const REFRESH_MS = 10_000;

function Heard({ w }: { w: WindowRow }) {
  const { t } = useI18n();
  if (w.silentMs === null || !w.heardAt) return <span className="muted">—</span>;
  const s = Math.max(0, Math.round(w.silentMs / 1000));
  return <span title={w.heardAt}>{s < 120 ? t('windows.ago', { n: s }) : t('windows.agoMin', { n: Math.round(s / 60) })}</span>;
}

const num = (n: number | null) => (n === null ? '—' : String(n));

export function WindowsOverviewPanel() {
  const { t } = useI18n();
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    api('institution.windows', {}).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e) => setError(toApiError(e)),
    );
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // R, not F5: F5 is the counter's mode switch underneath
      if (e.key.toLowerCase() !== 'r' || e.ctrlKey || e.altKey || e.metaKey || (e.target as HTMLElement | null)?.tagName === 'INPUT') return;
      e.preventDefault();
      load();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [load]);

  return (
    <div className="windows-overview" data-testid="windows-overview">
      <div className="windows-head">
        <h2 id="windows-title">{t('windows.title')}</h2>
        {data && <span className="muted">{t('windows.date', { date: data.businessDate, code: data.fixmedinsCode, time: data.readAtTime })}</span>}
        <div className="spacer" />
        <button type="button" className="btn" onClick={load} data-testid="windows-refresh">
          {t('windows.refresh')} <kbd>R</kbd>
        </button>
      </div>
      {error && (
        <p className="state-bad" role="alert" data-testid="windows-error">
          {describeError(t, error)}
        </p>
      )}
      {!data && !error && <p className="muted">{t('windows.loading')}</p>}
      {data && data.windows.length === 0 && <p className="muted">{t('windows.none')}</p>}
      {data && data.windows.length > 0 && (
        <div className="windows-scroll">
          <table className="windows-table" data-testid="windows-table">
            <thead>
              <tr>
                <th>{t('windows.col.window')}</th>
                <th>{t('windows.col.state')}</th>
                <th>{t('windows.col.heard')}</th>
                <th className="num">{t('windows.col.repl')}</th>
                <th className="num">{t('windows.col.backlog')}</th>
                <th className="num">{t('windows.col.center')}</th>
                <th className="num">{t('windows.col.conflicts')}</th>
                <th className="num">{t('windows.col.count')}</th>
                <th className="num">{t('windows.col.net')}</th>
                <th className="num">{t('windows.col.cash')}</th>
              </tr>
            </thead>
            <tbody>
              {data.windows.map((w) => (
                <tr key={w.terminalId} className={`windows-${w.state}`} data-testid={`window-${w.terminalId}`} data-state={w.state}>
                  <td className="windows-name">
                    <strong>{w.terminalId}</strong>
                    <span className="windows-label">{w.label}</span>
                  </td>
                  <td>
                    <span className={`windows-badge windows-badge-${w.state}`}>{t(`windows.state.${w.state}`)}</span>
                  </td>
                  <td>
                    <Heard w={w} />
                  </td>
                  <td className="num mono">{w.ackedSeq === null ? '—' : `${w.ackedSeq}/${w.localSeq}`}</td>
                  <td className={`num${(w.backlog ?? 0) > 0 ? ' state-warn' : ''}`}>{num(w.backlog)}</td>
                  <td className="num">{num(w.centerQueue)}</td>
                  <td className={`num${(w.openConflicts ?? 0) > 0 ? ' state-bad' : ''}`}>{num(w.openConflicts)}</td>
                  <td className="num" title={[w.today.reversedCount ? t('windows.reversed', { n: w.today.reversedCount }) : '', w.today.queuedCount ? t('windows.queued', { n: w.today.queuedCount }) : ''].filter(Boolean).join(' · ')}>
                    {w.today.settledCount}
                  </td>
                  <td className="num">
                    <Amount fen={w.today.netMedfee} size="sm" testId={`window-net-${w.terminalId}`} />
                  </td>
                  <td className="num">
                    <Amount fen={w.today.cash} size="sm" />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={7}>{t('windows.total')}</th>
                <th className="num">{data.total.settledCount}</th>
                <th className="num">
                  <Amount fen={data.total.netMedfee} size="sm" testId="windows-total-net" />
                </th>
                <th className="num">
                  <Amount fen={data.total.cash} size="sm" />
                </th>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </div>
  );
}

export function WindowsOverviewDialog({ onClose }: { onClose(): void }) {
  useEscapeToClose(onClose);
  return (
    <Dialog testId="windows-dialog" labelledBy="windows-title" className="windows-dialog" closeTestId="windows-close" onClose={onClose}>
      <WindowsOverviewPanel />
    </Dialog>
  );
}

/** Ctrl+G (keymap.ts) opens the overview for a signed-in supervisor or administrator where institution.finance is configured (App mounts it once). */
/** onOpenChange: the counter underneath must not act on its keys (F9!) while the overview is open */
export function WindowsOverviewShortcut({ role, enabled, onOpenChange }: { role: Role | null; enabled: boolean; onOpenChange?: (open: boolean) => void }) {
  const [open, setOpen] = useState(false);
  // without institution.finance at this window there is no overview to open (the call would only refuse)
  const supervisor = enabled && roleAtLeast(role, 'supervisor');
  const allowed = useInstitutionFinance(supervisor) && supervisor;
  const shown = open && allowed;
  useEffect(() => onOpenChange?.(shown), [shown, onOpenChange]);
  useEffect(() => {
    if (!allowed) {
      setOpen(false);
      return;
    }
    const onKey = (e: KeyboardEvent) => {
      if (!isChordOf('windowsOverview', e)) return;
      e.preventDefault();
      setOpen((o) => !o);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [allowed]);
  return shown ? <WindowsOverviewDialog onClose={() => setOpen(false)} /> : null;
}

/** The administrator screen's way in. */
export function WindowsOverviewSection() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section className="admin-section" aria-labelledby="admin-windows" data-testid="admin-windows">
      <h2 id="admin-windows">{t('windows.title')}</h2>
      <p className="muted">{t('windows.openHint')}</p>
      <button type="button" className="btn" onClick={() => setOpen(true)} data-testid="windows-open">
        {t('windows.open')} <kbd>Ctrl+G</kbd>
      </button>
      {open && <WindowsOverviewDialog onClose={() => setOpen(false)} />}
    </section>
  );
}

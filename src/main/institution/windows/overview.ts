/**
 * The windows overview: each window of this institution with its last replication, its queues, its
 * day's figures and a marker (never heard / silent / behind / ok). Read with the finance role, which
 * reads every window; the window roles could see only themselves.
 */
import type pg from 'pg';
import type { WindowRow, WindowsOverview, WindowTotals } from '../../../shared/api-institution-windows.js';
import { windowDayTotals, windowStatuses, type WindowDayRow, type WindowStatusRow } from '../pg/windows-sql.js';

const zero = (): WindowTotals => ({
  settledCount: 0, medfee: 0, fund: 0, acct: 0, acctMulaid: 0, cash: 0, reversedCount: 0, reversedMedfee: 0, netMedfee: 0, queuedCount: 0, queuedMedfee: 0, countedLocal: 0,
});

function totalsOf(r: WindowDayRow | undefined): WindowTotals {
  if (!r) return zero();
  return {
    settledCount: r.settled_count,
    medfee: r.medfee,
    fund: r.fund,
    acct: r.acct,
    acctMulaid: r.acct_mulaid,
    cash: r.cash,
    reversedCount: r.reversed_count,
    reversedMedfee: r.reversed_medfee,
    netMedfee: r.medfee - r.reversed_medfee,
    queuedCount: r.queued_count,
    queuedMedfee: r.queued_medfee,
    countedLocal: r.counted_local,
  };
}

function add(a: WindowTotals, b: WindowTotals): WindowTotals {
  const out = zero();
  for (const k of Object.keys(out) as (keyof WindowTotals)[]) out[k] = a[k] + b[k];
  return out;
}

export function stateOf(s: WindowStatusRow, staleAfterMs: number): WindowRow['state'] {
  if (!s.heard_at) return 'never';
  if ((s.silent_ms ?? 0) > staleAfterMs) return 'silent';
  if ((s.backlog ?? 0) > 0 || (s.acked_seq ?? 0) < (s.local_seq ?? 0)) return 'behind';
  return 'ok';
}

export async function readWindowsOverview(db: pg.Pool, q: { fixmedinsCode: string; businessDate: string; staleAfterMs: number; timeOfDay?(d: Date): string }): Promise<WindowsOverview> {
  const [{ rows, readAt }, days] = await Promise.all([windowStatuses(db, q.fixmedinsCode), windowDayTotals(db, q.fixmedinsCode, q.businessDate)]);
  const byTerminal = new Map(days.map((d) => [d.terminal_id, d]));
  const windows: WindowRow[] = rows.map((s) => ({
    terminalId: s.terminal_id,
    label: s.label,
    state: stateOf(s, q.staleAfterMs),
    heardAt: s.heard_at ? s.heard_at.toISOString() : null,
    silentMs: s.silent_ms,
    ackedSeq: s.acked_seq,
    localSeq: s.local_seq,
    backlog: s.backlog,
    oldestUnsentDate: s.oldest_unsent_date,
    centerQueue: s.center_queue,
    openConflicts: s.open_conflicts,
    cashierNo: s.cashier_no,
    appVersion: s.app_version,
    today: totalsOf(byTerminal.get(s.terminal_id)),
  }));
  return {
    fixmedinsCode: q.fixmedinsCode,
    businessDate: q.businessDate,
    readAt: readAt.toISOString(),
    readAtTime: q.timeOfDay ? q.timeOfDay(readAt) : readAt.toISOString().slice(11, 19),
    staleAfterMs: q.staleAfterMs,
    windows,
    total: windows.reduce((t, w) => add(t, w.today), zero()),
  };
}

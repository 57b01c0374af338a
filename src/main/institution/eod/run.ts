/**
 * The institution's end of day: totals over every window of this fixmedins_code from PostgreSQL
 * (finance connection), 3201 per group through the center gateway, the 3202 compare where a group
 * does not balance, the windows that are not complete for the period, and the run saved.
 *
 * Never 'balanced' while a window is incomplete (a backlog reaching into the period, or silent
 * since before min(now, the end of the period)) or anything is pending at the center.
 */
import type pg from 'pg';
import type { ReconcileProgress, ReconTotals } from '../../../shared/api-reconcile.js';
import type { IncompleteWindow, InstGroup, InstitutionEodResult, InstPendingItem } from '../../../shared/api-institution-eod.js';
import type { TxInput, TxOutput } from '../../center/registry.js';
import { STANDARD_GROUPS, groupKey } from '../../reconcile/codes.js';
import { sumTotals, zeroTotals } from '../../reconcile/local.js';
import { dayStatusOf, groupVerdict, input3201, isEmpty } from '../../reconcile/reconcile.js';
import { eodPending, eodSums, eodWindows, saveRun, type EodPeriod, type PendingRow, type WindowStateRow } from '../pg/eod-totals.js';
import { compareGroups } from './compare.js';
import { shapeTotals } from './totals.js';

export const MAX_PENDING = 1000;

export interface InstitutionEodDeps {
  pool: pg.Pool;
  /** null: the sums alone, 'not_reconciled', not saved (what an export of a never-reconciled period shows) */
  center: {
    call3201(input: TxInput<'3201'>): Promise<TxOutput<'3201'>>;
    call3202(input: TxInput<'3202'>): Promise<TxOutput<'3202'>>;
  } | null;
  institution: { fixmedins_code: string; fixmedins_name: string };
  setl_optins: string;
  staleAfterMs: number;
  operator: { no: string; name: string };
  nowIso(): string;
  runId: string;
  onProgress?(p: ReconcileProgress): void;
}

export function incompleteWindows(rows: readonly WindowStateRow[], to: string): IncompleteWindow[] {
  const out: IncompleteWindow[] = [];
  for (const w of rows) {
    const base = { terminal_id: w.terminal_id, label: w.label, backlog: w.backlog ?? 0, oldest_unsent_date: w.oldest_unsent_date, heard_at: w.heard_at ? w.heard_at.toISOString() : null };
    if ((w.backlog ?? 0) > 0 && w.oldest_unsent_date !== null && w.oldest_unsent_date <= to) out.push({ ...base, reason: 'backlog' });
    else if (w.silent) out.push({ ...base, reason: 'silent' });
  }
  return out;
}

function pendingItem(r: PendingRow): InstPendingItem {
  return {
    settlement_id: r.id,
    what: r.what,
    status: r.status as InstPendingItem['status'],
    insutype: r.insutype,
    clr_type: r.clr_type,
    created_at: r.created_at.toISOString(),
    psn_name_masked: r.psn_name_masked,
    medfee_sumamt: r.what === 'reversal' ? -r.medfee_sumamt : r.medfee_sumamt,
    last_error: r.last_error,
    terminal_id: r.terminal_id,
    cashier_no: r.cashier_no,
  };
}

/** The institution's end of day for [p.from, p.to]; the result is saved in pos.reconcile_runs. */
export async function runInstitutionEod(deps: InstitutionEodDeps, period: { from: string; to: string }): Promise<InstitutionEodResult> {
  const p: EodPeriod = { code: deps.institution.fixmedins_code, ...period };
  const progress = (phase: ReconcileProgress['phase'], done: number, total: number, group: string | null = null) =>
    deps.onProgress?.({ runId: deps.runId, phase, done, total, group });

  progress('local', 0, 1);
  const [sums, pend, wins] = await Promise.all([eodSums(deps.pool, p), eodPending(deps.pool, p, MAX_PENDING), eodWindows(deps.pool, p, deps.staleAfterMs)]);
  const labels = new Map(wins.map((w) => [w.terminal_id, w.label]));
  const shaped = shapeTotals(sums, labels);
  const incomplete = incompleteWindows(wins, p.to);
  progress('local', 1, 1);

  for (const s of STANDARD_GROUPS) {
    const k = groupKey(s);
    if (!shaped.groups.has(k)) shaped.groups.set(k, { ...s, settlements: zeroTotals(), reversals: zeroTotals(), pending: zeroTotals() });
  }
  const locals = [...shaped.groups.values()].sort((a, b) => a.insutype.localeCompare(b.insutype) || a.clr_type.localeCompare(b.clr_type));
  const groups: InstGroup[] = [];
  let i = 0;
  for (const g of locals) {
    progress('totals', i++, locals.length, groupKey(g));
    const local = sumTotals(g.settlements, g.reversals);
    if (!deps.center) {
      if (!isEmpty(local) || !isEmpty(g.pending)) {
        groups.push({ insutype: g.insutype, clr_type: g.clr_type, local, settlements: g.settlements, reversals: g.reversals, pending: g.pending, center: null, stmt_rslt: null, stmt_rslt_dscr: '', status: 'not_reconciled', differences: [], differencesOmitted: 0 });
      }
      continue;
    }
    const out = await deps.center.call3201(input3201(g, local, p, deps.setl_optins));
    const verdict = groupVerdict(out.stmtinfo, local, g.pending);
    if (verdict) groups.push({ insutype: g.insutype, clr_type: g.clr_type, local, settlements: g.settlements, reversals: g.reversals, pending: g.pending, ...verdict, differences: [], differencesOmitted: 0 });
  }
  progress('totals', locals.length, locals.length);

  const unbalanced = groups.filter((g) => g.status === 'not_balanced');
  progress('details', 0, unbalanced.length);
  const compared = await compareGroups(deps.pool, deps.center!, { ...p, setl_optins: deps.setl_optins }, unbalanced, pend.rows, (g, done) =>
    progress('details', done, unbalanced.length, groupKey(g)),
  );
  for (const [g, d] of compared) {
    g.differences = d.differences;
    g.differencesOmitted = d.omitted;
  }
  progress('details', unbalanced.length, unbalanced.length);

  const pending = pend.rows.map(pendingItem);
  let status = deps.center ? dayStatusOf(groups, pending) : 'not_reconciled';
  if (status === 'balanced' && incomplete.length > 0) status = 'pending';
  const result: InstitutionEodResult = {
    id: deps.runId,
    date_from: p.from,
    date_to: p.to,
    at: deps.nowIso(),
    operator: deps.operator,
    institution: deps.institution,
    status,
    groups,
    windows: shaped.windows,
    incomplete,
    pending,
    pendingOmitted: Math.max(0, pend.total - pending.length),
    refusedCount: shaped.refusedCount,
  };
  if (deps.center) await saveRun(deps.pool, { id: result.id, code: p.code, from: p.from, to: p.to, operator: deps.operator, status, result });
  progress('done', 1, 1);
  return result;
}

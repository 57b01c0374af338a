/**
 * End of day with the center: local totals per insutype and clr_type, 3201 per group, and where
 * the center says a group does not balance, 3202 (paged) compared record by record.
 *
 * The day balances only when every group balances AND nothing is still pending at the center:
 * pending settlements are listed apart and make the day "pending", never silently balanced.
 * Long work yields to the event loop between pages and reports progress.
 */
import type { PendingItem, ReconcileProgress, ReconcileResult, ReconDifference, ReconGroup, ReconTotals } from '../../shared/api-reconcile.js';
import type { TxInput, TxOutput } from '../center/registry.js';
import { STANDARD_GROUPS, groupKey } from './codes.js';
import { compareDetails, type DetailLike, type LocalDetail } from './compare.js';
import { createLocalReader, sumTotals, zeroTotals, type LocalGroupTotals, type PageCursor, type Period } from './local.js';
import type { ReconcileRows } from '../store/reconcile-rows.js';

export const DETAIL_PAGE_SIZE = 1000;
const LOCAL_PAGE_SIZE = 2000;
/** differences listed per group; the rest are counted */
export const MAX_DIFFERENCES = 1000;

export interface ReconcileDeps {
  rows: ReconcileRows;
  center: {
    call3201(input: TxInput<'3201'>): Promise<TxOutput<'3201'>>;
    call3202(input: TxInput<'3202'>): Promise<TxOutput<'3202'>>;
  };
  institution: ReconcileResult['institution'];
  /** the clearing agency sent as setl_optins (the treatment division) */
  setl_optins: string;
  operator: { no: string; name: string };
  nowIso(): string;
  runId: string;
  onProgress?(p: ReconcileProgress): void;
}

export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function totalsOf(out: TxOutput<'3201'>['stmtinfo']): ReconTotals | null {
  if (out.fixmedins_setl_cnt === undefined) return null; // a center that does not send its totals
  return {
    count: out.fixmedins_setl_cnt,
    medfee_sumamt: out.medfee_sumamt,
    fund_pay_sumamt: out.fund_pay_sumamt,
    acct_pay: out.acct_pay,
    acct_mulaid_pay: out.acct_mulaid_pay,
    psn_cash_pay: out.cash_payamt,
  };
}


/** 3201's input for one group: our totals of it for the period (a terminal's or the whole institution's) */
export function input3201(g: { insutype: string; clr_type: string }, local: ReconTotals, p: Period, setl_optins: string): TxInput<'3201'> {
  return {
    data: {
      insutype: g.insutype,
      clr_type: g.clr_type,
      setl_optins,
      stmt_begndate: p.from,
      stmt_enddate: p.to,
      medfee_sumamt: local.medfee_sumamt,
      fund_pay_sumamt: local.fund_pay_sumamt,
      acct_pay: local.acct_pay,
      acct_mulaid_pay: local.acct_mulaid_pay,
      cash_payamt: local.psn_cash_pay,
      fixmedins_setl_cnt: local.count,
    },
  };
}

/**
 * What the center's 3201 answer makes of a group: its totals, balanced or not, the group's status;
 * null for a balanced group nobody has anything in (not worth a page of the report).
 */
export function groupVerdict(out: TxOutput<'3201'>['stmtinfo'], local: ReconTotals, pending: ReconTotals) {
  const center = totalsOf(out);
  const balanced = out.stmt_rslt === '0';
  if (balanced && isEmpty(local) && isEmpty(pending) && isEmpty(center)) return null;
  return {
    center,
    stmt_rslt: balanced ? ('0' as const) : ('1' as const),
    stmt_rslt_dscr: out.stmt_rslt_dscr,
    status: !balanced ? ('not_balanced' as const) : pending.count > 0 ? ('pending' as const) : ('balanced' as const),
  };
}

/** The center's detail rows of one group, every page. */
async function centerDetails(deps: ReconcileDeps, p: Period, g: { insutype: string; clr_type: string }): Promise<DetailLike[]> {
  const rows: DetailLike[] = [];
  for (let page = 1; ; page++) {
    const out = await deps.center.call3202({
      data: { insutype: g.insutype, clr_type: g.clr_type, setl_optins: deps.setl_optins, stmt_begndate: p.from, stmt_enddate: p.to, page_num: page, page_size: DETAIL_PAGE_SIZE },
    });
    for (const d of out.detail) {
      rows.push({
        setl_id: d.setl_id,
        refd_setl_flag: d.refd_setl_flag === '1' ? '1' : '0',
        mdtrt_id: d.mdtrt_id,
        psn_no: d.psn_no,
        setl_time: d.setl_time,
        medfee_sumamt: d.medfee_sumamt,
        fund_pay_sumamt: d.fund_pay_sumamt,
        acct_pay: d.acct_pay,
        acct_mulaid_pay: d.acct_mulaid_pay,
        psn_cash_pay: d.psn_cash_pay,
      });
    }
    if (out.detail.length === 0 || page * DETAIL_PAGE_SIZE >= out.total) return rows;
  }
}

/** This terminal's counted records of one group (settlements and reversal records). */
async function localDetails(deps: ReconcileDeps, p: Period, g: { insutype: string; clr_type: string }): Promise<{ counted: LocalDetail[]; pending: Array<{ settlement_id: string; psn_no: string; medfee_sumamt: number }> }> {
  const reader = createLocalReader(deps.rows);
  const counted: LocalDetail[] = [];
  const pending: Array<{ settlement_id: string; psn_no: string; medfee_sumamt: number }> = [];
  let after: PageCursor | null = null;
  for (;;) {
    const { rows, next } = reader.page(p, after, LOCAL_PAGE_SIZE, g);
    for (const r of rows) {
      if (r.state === 'pending') {
        pending.push({ settlement_id: r.settlement_id, psn_no: r.psn_no, medfee_sumamt: r.medfee_sumamt });
        continue;
      }
      counted.push({ ...r, setl_id: r.setl_id ?? '', mdtrt_id: r.mdtrt_id ?? '' });
    }
    if (!next) break;
    after = next;
    await yieldToLoop();
  }
  for (const r of reader.reversals(p, g)) counted.push({ ...r, setl_id: r.setl_id ?? '', mdtrt_id: r.mdtrt_id ?? '' });
  return { counted, pending };
}

export function dayStatusOf(groups: readonly ReconGroup[], pending: readonly PendingItem[]): ReconcileResult['status'] {
  if (groups.some((g) => g.status === 'not_balanced')) return 'not_balanced';
  if (groups.some((g) => g.status === 'not_reconciled')) return 'not_reconciled';
  if (pending.length > 0 || groups.some((g) => g.status === 'pending')) return 'pending';
  return 'balanced';
}

/** The local side only (no center): what an export shows when the period was never reconciled. */
export function localOnlyResult(rows: ReconcileRows, p: Period, meta: Pick<ReconcileDeps, 'institution' | 'operator' | 'runId'> & { at: string }): ReconcileResult {
  const summary = createLocalReader(rows).summary(p);
  const groups: ReconGroup[] = [...summary.groups.values()].sort(byGroup).map((g) => ({
    ...groupBase(g),
    center: null,
    stmt_rslt: null,
    stmt_rslt_dscr: '',
    status: 'not_reconciled',
    differences: [],
    differencesOmitted: 0,
  }));
  return {
    id: meta.runId,
    date_from: p.from,
    date_to: p.to,
    at: meta.at,
    operator: meta.operator,
    institution: meta.institution,
    status: 'not_reconciled',
    groups,
    pending: summary.pending,
    refusedCount: summary.refusedCount,
  };
}

function byGroup(a: { insutype: string; clr_type: string }, b: { insutype: string; clr_type: string }): number {
  return a.insutype.localeCompare(b.insutype) || a.clr_type.localeCompare(b.clr_type);
}

function groupBase(g: LocalGroupTotals) {
  return {
    insutype: g.insutype,
    clr_type: g.clr_type,
    local: sumTotals(g.settlements, g.reversals),
    settlements: g.settlements,
    reversals: g.reversals,
    pending: g.pending,
  };
}

/** no count and no amount (or no totals at all) */
export const isEmpty = (t: ReconTotals | null) => !t || (t.count === 0 && t.medfee_sumamt === 0 && t.fund_pay_sumamt === 0 && t.acct_pay === 0 && t.acct_mulaid_pay === 0 && t.psn_cash_pay === 0);

export async function runReconcile(deps: ReconcileDeps, p: Period): Promise<ReconcileResult> {
  const progress = (phase: ReconcileProgress['phase'], done: number, total: number, group: string | null = null) =>
    deps.onProgress?.({ runId: deps.runId, phase, done, total, group });

  progress('local', 0, 1);
  const summary = createLocalReader(deps.rows).summary(p);
  progress('local', 1, 1);
  await yieldToLoop();

  for (const s of STANDARD_GROUPS) {
    const k = groupKey(s);
    if (!summary.groups.has(k)) summary.groups.set(k, { ...s, settlements: zeroTotals(), reversals: zeroTotals(), pending: zeroTotals() });
  }
  const locals = [...summary.groups.values()].sort(byGroup);

  // 3201 per group
  const groups: ReconGroup[] = [];
  let i = 0;
  for (const g of locals) {
    progress('totals', i++, locals.length, groupKey(g));
    const base = groupBase(g);
    const out = await deps.center.call3201(input3201(g, base.local, p, deps.setl_optins));
    const verdict = groupVerdict(out.stmtinfo, base.local, base.pending);
    if (verdict) groups.push({ ...base, ...verdict, differences: [], differencesOmitted: 0 });
  }
  progress('totals', locals.length, locals.length);

  // 3202 where a group does not balance
  const unbalanced = groups.filter((g) => g.status === 'not_balanced');
  let j = 0;
  for (const g of unbalanced) {
    progress('details', j++, unbalanced.length, groupKey(g));
    const [center, local] = [await centerDetails(deps, p, g), await localDetails(deps, p, g)];
    await yieldToLoop();
    const diffs: ReconDifference[] = compareDetails(local.counted, center, local.pending);
    g.differences = diffs.slice(0, MAX_DIFFERENCES);
    g.differencesOmitted = Math.max(0, diffs.length - MAX_DIFFERENCES);
  }
  progress('details', unbalanced.length, unbalanced.length);

  const result: ReconcileResult = {
    id: deps.runId,
    date_from: p.from,
    date_to: p.to,
    at: deps.nowIso(),
    operator: deps.operator,
    institution: deps.institution,
    status: 'balanced',
    groups,
    pending: summary.pending,
    refusedCount: summary.refusedCount,
  };
  result.status = dayStatusOf(groups, summary.pending);
  progress('done', 1, 1);
  return result;
}

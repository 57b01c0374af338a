/**
 * What this terminal knows about a period, read for end of day.
 *
 * A settlement counts on its business date with the center's amounts where the center answered
 * (migration 3's amt_* columns). A reversal the center confirmed is a record of its own: the
 * setl_id and time of the 2208/2103 answer, the original's amounts negated, on the day it was
 * reversed. Settlements (or reversals) the center has not confirmed are "pending": listed apart,
 * never counted. Refused settlements moved no money and are only counted for information.
 *
 * The rows come from the store (store/reconcile-rows.ts) in short keyset pages; here they are shaped.
 */
import { formatInfTime } from '../center/time.js';
import { RECON_AMOUNT_FIELDS, type PendingItem, type ReconTotals } from '../../shared/api-reconcile.js';
import type { ReconcileRawRow, ReconcileRows } from '../store/reconcile-rows.js';
import { groupKey } from './codes.js';

export interface Period {
  from: string;
  to: string;
}

/** One record as reconciliation and the exports see it (amounts signed fen): the store's row, placed in time. */
export type ReconRow = Omit<ReconcileRawRow, 'rid' | 'created_at' | 'last_error'> & {
  init_setl_id: string | null;
  /** yyyy-MM-dd HH:mm:ss (China time) of the settlement or the reversal; created_at for pending ones */
  setl_time: string;
  refd_setl_flag: '0' | '1';
  /** counted: the center confirmed it; pending: not yet */
  state: 'counted' | 'pending';
};

/** the five amounts of a settlement or a total */
type Amounts = Omit<ReconTotals, 'count'>;

export function zeroTotals(): ReconTotals {
  return { count: 0, medfee_sumamt: 0, fund_pay_sumamt: 0, acct_pay: 0, acct_mulaid_pay: 0, psn_cash_pay: 0 };
}

export function addTo(t: ReconTotals, r: Amounts, count = 1): void {
  t.count += count;
  t.medfee_sumamt += r.medfee_sumamt;
  t.fund_pay_sumamt += r.fund_pay_sumamt;
  t.acct_pay += r.acct_pay;
  t.acct_mulaid_pay += r.acct_mulaid_pay;
  t.psn_cash_pay += r.psn_cash_pay;
}

export function sumTotals(a: ReconTotals, b: ReconTotals): ReconTotals {
  const t = { ...a };
  addTo(t, b, b.count);
  return t;
}

/** A settlement row is counted when the center confirmed it (it has a setl_id and was not refused). */
function stateOf(status: string, setl_id: string | null): 'counted' | 'pending' | 'skip' {
  if (status === 'refused') return 'skip';
  if (setl_id) return status === 'queued' ? 'pending' : 'counted';
  // no setl_id: the center never confirmed it; a reversed one without setl_id was cancelled before it was sent
  return status === 'reversed' ? 'skip' : 'pending';
}

/** yyyy-MM-dd HH:mm:ss in China time for an ISO instant (settlements store created_at as ISO). */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return formatInfTime(new Date(ms));
}

/** a settlement as the store reads it: a ReconRow's own fields, plus where it sits and when it was made */
type RawRow = ReconcileRawRow;

/** the five amounts of a reversal record: the settlement's, negated (never -0) */
function negated(a: Amounts): Amounts {
  return Object.fromEntries(RECON_AMOUNT_FIELDS.map((f) => [f, a[f] === 0 ? 0 : -a[f]])) as Amounts;
}

function toRow(r: RawRow, state: 'counted' | 'pending'): ReconRow {
  const { rid: _rid, created_at, last_error: _error, ...fields } = r;
  return { ...fields, init_setl_id: null, setl_time: chinaTime(created_at), refd_setl_flag: '0', state };
}

export interface LocalReader {
  /** settlements of the period (not refused) in time order, one page after the cursor (null: from the start); next is null after the last page */
  page(p: Period, after: PageCursor | null, limit: number, group?: { insutype: string; clr_type: string }): { rows: ReconRow[]; next: PageCursor | null };
  /** reversal records the center confirmed whose reversal time falls in the period */
  reversals(p: Period, group?: { insutype: string; clr_type: string }): ReconRow[];
  /** totals per group from the covering index, plus reversal records, pending apart */
  summary(p: Period): LocalSummary;
  /** how many settlement rows the period has (for progress) */
  count(p: Period): number;
}

/** where the next page starts: after this (business_date, created_at, rowid) */
export interface PageCursor {
  date: string;
  created_at: string;
  rowid: number;
}

export interface LocalGroupTotals {
  insutype: string;
  clr_type: string;
  settlements: ReconTotals;
  reversals: ReconTotals;
  pending: ReconTotals;
}

export interface LocalSummary {
  groups: Map<string, LocalGroupTotals>;
  pending: PendingItem[];
  refusedCount: number;
}

export function createLocalReader(rows: ReconcileRows): LocalReader {
  function reversals(p: Period, group?: { insutype: string; clr_type: string }): ReconRow[] {
    const out: ReconRow[] = [];
    for (const r of rows.reversals()) {
      if (group && (r.insutype !== group.insutype || r.clr_type !== group.clr_type)) continue;
      if (!r.setl_id) continue; // reversed before the center ever had it: nothing to reverse there
      const time = r.rv_time && /^\d{4}-\d{2}-\d{2}/.test(r.rv_time) ? r.rv_time : chinaTime(r.rv_done ?? r.created_at);
      const day = time.slice(0, 10);
      if (day < p.from || day > p.to) continue;
      const base = toRow(r, 'counted');
      out.push({ ...base, setl_id: r.rv_setl_id ?? `${r.setl_id}-R`, init_setl_id: r.setl_id, setl_time: time, refd_setl_flag: '1', ...negated(base) });
    }
    return out.sort((a, b) => a.setl_time.localeCompare(b.setl_time));
  }

  return {
    page(p, after, limit, group) {
      const from = after ?? { date: p.from, created_at: '', rowid: 0 };
      const raw = rows.page(from, p.to, limit, group);
      const out: ReconRow[] = [];
      for (const r of raw) {
        const st = stateOf(r.status, r.setl_id);
        if (st !== 'skip') out.push(toRow(r, st));
      }
      const tail = raw[raw.length - 1];
      return { rows: out, next: raw.length < limit ? null : { date: tail.bd, created_at: tail.created_at, rowid: tail.rid } };
    },

    reversals,

    summary(p) {
      const groups = new Map<string, LocalGroupTotals>();
      const groupOf = (insutype: string, clr_type: string) => {
        const k = groupKey({ insutype, clr_type });
        let g = groups.get(k);
        if (!g) {
          g = { insutype, clr_type, settlements: zeroTotals(), reversals: zeroTotals(), pending: zeroTotals() };
          groups.set(k, g);
        }
        return g;
      };
      let refusedCount = 0;
      for (const r of rows.groupTotals(p.from, p.to)) {
        const st = stateOf(r.status, r.has_setl ? 'x' : null);
        if (r.status === 'refused') refusedCount += r.n;
        if (st === 'skip') continue;
        const g = groupOf(r.insutype, r.clr_type);
        const amounts = { medfee_sumamt: r.medfee ?? 0, fund_pay_sumamt: r.fund ?? 0, acct_pay: r.acct ?? 0, acct_mulaid_pay: r.mulaid ?? 0, psn_cash_pay: r.cash ?? 0 };
        addTo(st === 'counted' ? g.settlements : g.pending, amounts, r.n);
      }
      for (const rv of reversals(p)) addTo(groupOf(rv.insutype, rv.clr_type).reversals, rv);

      const pending: PendingItem[] = [];
      const item = (r: RawRow, what: 'settlement' | 'reversal'): PendingItem => {
        if (what === 'reversal') {
          // the settlement is counted; its reversal (negative amounts) waits apart
          addTo(groupOf(r.insutype, r.clr_type).pending, negated(r));
        }
        return pendingItem(r, what);
      };
      const pendingItem = (r: RawRow, what: 'settlement' | 'reversal'): PendingItem => ({
        settlement_id: r.settlement_id,
        what,
        status: r.status,
        insutype: r.insutype,
        clr_type: r.clr_type,
        created_at: r.created_at,
        psn_name_masked: r.psn_name_masked,
        medfee_sumamt: what === 'reversal' ? -r.medfee_sumamt : r.medfee_sumamt,
        last_error: r.last_error,
      });
      for (const r of rows.pending(p.from, p.to)) {
        if (stateOf(r.status, r.setl_id) === 'pending') pending.push(item(r, 'settlement'));
        // the settlement is at the center but its reversal is not yet: the reversal is what is pending
        else if (r.status === 'reversing') pending.push(item(r, 'reversal'));
      }
      // a reversal of an earlier day's settlement still waiting for the center belongs to today's list too
      for (const r of rows.reversingOutside(p.from, p.to)) if (r.setl_id) pending.push(item(r, 'reversal'));
      return { groups, pending, refusedCount };
    },

    count(p) {
      return rows.count(p.from, p.to);
    },
  };
}

/**
 * The institution's totals shaped from the PostgreSQL sums (pg/eod-totals.ts): per group
 * (insutype × clr_type) over all windows, and per window × group (the breakdown the exports show).
 * The group's totals are built by adding the windows' so "institution = sum of the windows" holds
 * by construction and is checked again by the tests against the raw rows.
 */
import type { ReconTotals } from '../../../shared/api-reconcile.js';
import type { WindowGroupTotals } from '../../../shared/api-institution-eod.js';
import { groupKey } from '../../reconcile/codes.js';
import { addTo, sumTotals, zeroTotals, type LocalGroupTotals } from '../../reconcile/local.js';
import type { SumRow } from '../pg/eod-totals.js';

const neg = (n: number) => (n === 0 ? 0 : -n);

function amountsOf(r: SumRow, sign: 1 | -1) {
  const f = sign === 1 ? (n: number) => n : neg;
  return {
    medfee_sumamt: f(r.medfee_sumamt),
    fund_pay_sumamt: f(r.fund_pay_sumamt),
    acct_pay: f(r.acct_pay),
    acct_mulaid_pay: f(r.acct_mulaid_pay),
    psn_cash_pay: f(r.psn_cash_pay),
  };
}

export interface ShapedTotals {
  groups: Map<string, LocalGroupTotals>;
  windows: WindowGroupTotals[];
  refusedCount: number;
}

export function shapeTotals(rows: readonly SumRow[], labels: ReadonlyMap<string, string>): ShapedTotals {
  const perWindow = new Map<string, { terminal_id: string; insutype: string; clr_type: string; settlements: ReconTotals; reversals: ReconTotals; pending: ReconTotals }>();
  let refusedCount = 0;
  for (const r of rows) {
    if (r.state === 'refused') refusedCount += r.n;
    if (r.state === 'refused' || r.state === 'skip') continue;
    const k = `${r.terminal_id}\u0000${groupKey(r)}`;
    let w = perWindow.get(k);
    if (!w) perWindow.set(k, (w = { terminal_id: r.terminal_id, insutype: r.insutype, clr_type: r.clr_type, settlements: zeroTotals(), reversals: zeroTotals(), pending: zeroTotals() }));
    if (r.state === 'counted') addTo(w.settlements, amountsOf(r, 1), r.n);
    else if (r.state === 'reversal') addTo(w.reversals, amountsOf(r, -1), r.n);
    else if (r.state === 'pending') addTo(w.pending, amountsOf(r, 1), r.n);
    else if (r.state === 'reversing') addTo(w.pending, amountsOf(r, -1), r.n);
  }
  const windows: WindowGroupTotals[] = [...perWindow.values()]
    .sort((a, b) => a.terminal_id.localeCompare(b.terminal_id) || a.insutype.localeCompare(b.insutype) || a.clr_type.localeCompare(b.clr_type))
    .map((w) => ({ ...w, label: labels.get(w.terminal_id) ?? '', local: sumTotals(w.settlements, w.reversals) }));
  const groups = new Map<string, LocalGroupTotals>();
  for (const w of windows) {
    const k = groupKey(w);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { insutype: w.insutype, clr_type: w.clr_type, settlements: zeroTotals(), reversals: zeroTotals(), pending: zeroTotals() }));
    g.settlements = sumTotals(g.settlements, w.settlements);
    g.reversals = sumTotals(g.reversals, w.reversals);
    g.pending = sumTotals(g.pending, w.pending);
  }
  return { groups, windows, refusedCount };
}

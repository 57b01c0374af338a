/**
 * The simulated center's end of day: 3201 (totals per insutype and clr_type over a period) and
 * 3202 (its detail rows, paged), computed from its own settlement records. A settlement counts on
 * the day of its setl_time; its reversal is a record of its own (setl_id RV…, negative amounts)
 * on the day it was reversed.
 *
 * Per institution: the envelope's fixmedins_code picks the records; every terminal of that
 * institution counts (dev_no is no key). 3201 sums in SQL; 3202 reads keyset pages and remembers
 * where the next page_num starts, so paging through a day of a million records is linear and
 * never holds more than a page (a page_num it does not know is found by walking from the start).
 */
import type { TxInput, TxOutput } from '../../main/center/registry.js';
import { RECON_AMOUNT_FIELDS, type ReconAmountField } from '../../shared/api-reconcile.js';
import { readDrift, type ReconcileDrift } from '../reconcile-drift.js';
import { refuse } from '../refusal.js';
import type { ReconCursor, ReconGroupPeriod, ReconRecord, SimStore } from '../store/index.js';
import { negated } from './common.js';
import type { Family, HandlerContext } from './context.js';

type Row = TxOutput<'3202'>['detail'][number];

/** one record as a 3202 row: the original (phase 0) or its reversal record (phase 1, negated) */
function toRow(s: ReconRecord, phase: 0 | 1, drift: ReconcileDrift): Row {
  // written out field by field: a million rows a day go through here
  if (phase === 1) {
    // the reversal record carries the original's amounts as stored, negated (the alter switch touches the original only)
    return {
      mdtrt_id: s.mdtrt_id, psn_no: s.psn_no, insutype: s.insutype, clr_type: s.clr_type, setl_id: s.reversal_setl_id ?? '', init_setl_id: s.setl_id,
      setl_time: s.reversed_at ?? '', medfee_sumamt: negated(s.medfee_sumamt), fund_pay_sumamt: negated(s.fund_pay_sumamt), acct_pay: negated(s.acct_pay),
      acct_mulaid_pay: negated(s.acct_mulaid_pay), psn_cash_pay: negated(s.psn_cash_pay), refd_setl_flag: '1',
    };
  }
  const row: Row = {
    mdtrt_id: s.mdtrt_id, psn_no: s.psn_no, insutype: s.insutype, clr_type: s.clr_type, setl_id: s.setl_id, init_setl_id: '', setl_time: s.setl_time,
    medfee_sumamt: s.medfee_sumamt, fund_pay_sumamt: s.fund_pay_sumamt, acct_pay: s.acct_pay, acct_mulaid_pay: s.acct_mulaid_pay, psn_cash_pay: s.psn_cash_pay,
    refd_setl_flag: '0',
  };
  if (drift.alter && drift.alter.setl_id === s.setl_id) row[drift.alter.field] += drift.alter.delta;
  return row;
}

const SCAN = 5000;

/** Up to `limit` rows from the cursor on (both phases), and where the next row starts. */
function readRows(store: SimStore, g: ReconGroupPeriod, drift: ReconcileDrift, from: ReconCursor, limit: number, keep = true): { rows: Row[]; next: ReconCursor; read: number } {
  const rows: Row[] = [];
  let at = { ...from };
  let read = 0;
  while (read < limit) {
    const page = store.reconcile.page(g, drift.lose_setl_id, at, Math.min(SCAN, limit - read));
    for (const s of page) if (keep) rows.push(toRow(s, at.phase, drift));
    read += page.length;
    const last = page[page.length - 1];
    if (last) at = { phase: at.phase, t: (at.phase === 0 ? last.setl_time : last.reversed_at) ?? '', setl_id: last.setl_id };
    if (page.length < Math.min(SCAN, limit - read + page.length)) {
      if (at.phase === 1) break;
      at = { phase: 1, t: '', setl_id: '' };
    }
  }
  return { rows, next: at, read };
}

/** where each page_num of a query starts, and the query's total, per store (bounded) */
const cursors = new WeakMap<SimStore, Map<string, ReconCursor>>();
const totals = new WeakMap<SimStore, Map<string, number>>();
const MAX_CURSORS = 2000;

function cursorFor(store: SimStore, key: string, g: ReconGroupPeriod, drift: ReconcileDrift, pageNum: number, pageSize: number): ReconCursor {
  const known = cursors.get(store)?.get(`${key}|${pageNum}`);
  if (known) return known;
  if (pageNum === 1) return { phase: 0, t: '', setl_id: '' };
  return readRows(store, g, drift, { phase: 0, t: '', setl_id: '' }, (pageNum - 1) * pageSize, false).next;
}

function remember(store: SimStore, key: string, pageNum: number, c: ReconCursor): void {
  let m = cursors.get(store);
  if (!m) cursors.set(store, (m = new Map()));
  if (m.size >= MAX_CURSORS) m.delete(m.keys().next().value as string);
  m.set(`${key}|${pageNum}`, c);
}

function checkPeriod(from: string, to: string): void {
  if (from > to) refuse(`对账开始日期 ${from} 晚于结束日期 ${to} (stmt_begndate)`);
}

function groupOf(d: { insutype: string; clr_type: string; stmt_begndate: string; stmt_enddate: string }, ctx: HandlerContext): ReconGroupPeriod {
  return { fixmedins_code: ctx.env.fixmedins_code, insutype: d.insutype, clr_type: d.clr_type, from: d.stmt_begndate, to: d.stmt_enddate };
}

/** The center's count and sums of a group and period: originals plus reversal records (negated), drift applied. */
export function simTotals(store: SimStore, g: ReconGroupPeriod) {
  const drift = readDrift(store);
  const o = store.reconcile.sums(g, drift.lose_setl_id, 0);
  const r = store.reconcile.sums(g, drift.lose_setl_id, 1);
  const c = {
    medfee_sumamt: (o.medfee ?? 0) - (r.medfee ?? 0),
    fund_pay_sumamt: (o.fund ?? 0) - (r.fund ?? 0),
    acct_pay: (o.acct ?? 0) - (r.acct ?? 0),
    acct_mulaid_pay: (o.mulaid ?? 0) - (r.mulaid ?? 0),
    cash_payamt: (o.cash ?? 0) - (r.cash ?? 0),
    fixmedins_setl_cnt: o.n + r.n,
  };
  if (drift.alter && store.reconcile.inPeriod(g, drift.alter.setl_id)) {
    const k = drift.alter.field === 'psn_cash_pay' ? 'cash_payamt' : drift.alter.field;
    c[k] += drift.alter.delta;
  }
  return c;
}

export function h3201(input: TxInput<'3201'>, ctx: HandlerContext): TxOutput<'3201'> {
  const d = input.data;
  checkPeriod(d.stmt_begndate, d.stmt_enddate);
  const c = simTotals(ctx.store, groupOf(d, ctx));
  const differs: string[] = [];
  if (c.fixmedins_setl_cnt !== d.fixmedins_setl_cnt) differs.push(`结算笔数 中心${c.fixmedins_setl_cnt} 机构${d.fixmedins_setl_cnt}`);
  const money: Array<[keyof typeof c, number | undefined, string]> = [
    ['medfee_sumamt', d.medfee_sumamt, '医疗费总额'],
    ['fund_pay_sumamt', d.fund_pay_sumamt, '基金支付总额'],
    ['acct_pay', d.acct_pay, '个人账户支付'],
    ['acct_mulaid_pay', d.acct_mulaid_pay, '共济账户支付'],
    ['cash_payamt', d.cash_payamt, '现金支付'],
  ];
  for (const [k, sent, zh] of money) {
    if (sent === undefined) continue;
    if (c[k] !== sent) differs.push(`${zh} 中心${(c[k] / 100).toFixed(2)} 机构${(sent / 100).toFixed(2)}`);
  }
  return {
    stmtinfo: {
      setl_optins: d.setl_optins,
      stmt_rslt: differs.length === 0 ? '0' : '1',
      stmt_rslt_dscr: differs.length === 0 ? '对账平' : `对账不平: ${differs.join('; ')}`,
      ...c,
    },
  };
}

export function h3202(input: TxInput<'3202'>, ctx: HandlerContext): TxOutput<'3202'> {
  const d = input.data;
  checkPeriod(d.stmt_begndate, d.stmt_enddate);
  if (d.page_num < 1) refuse('当前页数从1开始 (page_num)');
  if (d.page_size < 1 || d.page_size > 5000) refuse('本页数据量为1至5000 (page_size)');
  const g = groupOf(d, ctx);
  const drift = readDrift(ctx.store);
  const key = JSON.stringify([g, d.page_size, drift]);
  // the total is counted on page 1 and kept for the pages after it (a later page_num alone counts again)
  let known = totals.get(ctx.store);
  if (!known) totals.set(ctx.store, (known = new Map()));
  let total = d.page_num === 1 ? undefined : known.get(key);
  if (total === undefined) {
    total = simTotals(ctx.store, g).fixmedins_setl_cnt;
    if (known.size >= MAX_CURSORS) known.delete(known.keys().next().value as string);
    known.set(key, total);
  }
  const start = cursorFor(ctx.store, key, g, drift, d.page_num, d.page_size);
  const { rows, next } = readRows(ctx.store, g, drift, start, d.page_size);
  remember(ctx.store, key, d.page_num + 1, next);
  return { total, page_num: d.page_num, page_size: d.page_size, detail: rows };
}

export const reconcile = { '3201': h3201, '3202': h3202 } satisfies Family;

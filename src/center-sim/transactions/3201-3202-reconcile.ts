/**
 * The simulated center's end of day: 3201 (totals per insutype and clr_type over a period) and
 * 3202 (its detail rows, paged), computed from its own settlement records. A settlement counts on
 * the day of its setl_time; its reversal is a record of its own (setl_id RV…, negative amounts)
 * on the day it was reversed.
 *
 * Every terminal's settlements count (dev_no is no key). Per-institution reconciliation would pass
 * ctx.env.fixmedins_code into the group below (see store/reconcile.ts).
 */
import type { TxInput, TxOutput } from '../../main/center/registry.js';
import { RECON_AMOUNT_FIELDS, type ReconAmountField } from '../../shared/api-reconcile.js';
import { readDrift } from '../reconcile-drift.js';
import { refuse } from '../refusal.js';
import type { ReconGroupPeriod, ReconRecord, SimStore } from '../store/index.js';
import { negated } from './common.js';
import type { Family, HandlerContext } from './context.js';

type Row = TxOutput<'3202'>['detail'][number];

/** a record's five amounts, each passed through f */
const amountsOf = (s: ReconRecord, f: (n: number) => number) =>
  Object.fromEntries(RECON_AMOUNT_FIELDS.map((k) => [k, f(s[k])])) as Record<ReconAmountField, number>;

/** The center's records of one group and period: originals by setl_time, reversal records by reversed_at. */
export function simDetailRows(store: SimStore, g: ReconGroupPeriod): Row[] {
  const drift = readDrift(store);
  const base = store.reconcile.records(g);
  const inPeriod = (t: string | null) => !!t && t.slice(0, 10) >= g.from && t.slice(0, 10) <= g.to;
  const rows: Row[] = [];
  for (const s of base) {
    if (s.setl_id === drift.lose_setl_id) continue; // the test switch: the center "lost" this one (and its reversal)
    const amounts = amountsOf(s, (n) => n);
    if (drift.alter && drift.alter.setl_id === s.setl_id) amounts[drift.alter.field] += drift.alter.delta;
    const common = { mdtrt_id: s.mdtrt_id, psn_no: s.psn_no, insutype: s.insutype, clr_type: s.clr_type };
    if (inPeriod(s.setl_time)) rows.push({ ...common, setl_id: s.setl_id, init_setl_id: '', setl_time: s.setl_time, ...amounts, refd_setl_flag: '0' });
    if (s.status === 'reversed' && s.reversal_setl_id && inPeriod(s.reversed_at)) {
      // the reversal record carries the original's amounts as stored, negated (the alter switch touches the original only)
      rows.push({ ...common, setl_id: s.reversal_setl_id, init_setl_id: s.setl_id, setl_time: s.reversed_at ?? '', ...amountsOf(s, negated), refd_setl_flag: '1' });
    }
  }
  return rows;
}

function checkPeriod(from: string, to: string): void {
  if (from > to) refuse(`对账开始日期 ${from} 晚于结束日期 ${to} (stmt_begndate)`);
}

export function h3201(input: TxInput<'3201'>, ctx: HandlerContext): TxOutput<'3201'> {
  const d = input.data;
  checkPeriod(d.stmt_begndate, d.stmt_enddate);
  const rows = simDetailRows(ctx.store, { insutype: d.insutype, clr_type: d.clr_type, from: d.stmt_begndate, to: d.stmt_enddate });
  const c = { medfee_sumamt: 0, fund_pay_sumamt: 0, acct_pay: 0, acct_mulaid_pay: 0, cash_payamt: 0, fixmedins_setl_cnt: rows.length };
  for (const r of rows) {
    c.medfee_sumamt += r.medfee_sumamt;
    c.fund_pay_sumamt += r.fund_pay_sumamt;
    c.acct_pay += r.acct_pay;
    c.acct_mulaid_pay += r.acct_mulaid_pay;
    c.cash_payamt += r.psn_cash_pay;
  }
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
  const rows = simDetailRows(ctx.store, { insutype: d.insutype, clr_type: d.clr_type, from: d.stmt_begndate, to: d.stmt_enddate });
  const start = (d.page_num - 1) * d.page_size;
  return { total: rows.length, page_num: d.page_num, page_size: d.page_size, detail: rows.slice(start, start + d.page_size) };
}

export const reconcile = { '3201': h3201, '3202': h3202 } satisfies Family;

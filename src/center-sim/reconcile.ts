/**
 * The simulated center's end of day: 3201 (totals per insutype and clr_type over a period) and
 * 3202 (its detail rows, paged), computed from its own settlement records. A settlement counts on
 * the day of its setl_time; its reversal is a record of its own (setl_id RV…, negative amounts)
 * on the day it was reversed.
 *
 * The test switch ("drift") makes the center lose one settlement or alter one amount of one, so a
 * mismatch can be tested end to end; it lives in the simulator's SQLite file.
 */
import type { ReconGroupPeriod, SimStore } from './store/index.js';
import type { TxInput, TxOutput } from '../main/center/registry.js';
import type { HandlerContext } from './handlers.js';
import { refuse } from './refusal.js';
import { RECON_AMOUNT_FIELDS } from '../shared/api-reconcile.js';

/** the amounts end of day compares; the one the drift switch may alter */
export const DRIFT_FIELDS = RECON_AMOUNT_FIELDS;
export type DriftField = (typeof DRIFT_FIELDS)[number];

export interface ReconcileDrift {
  /** setl_id of the settlement the center "loses" (absent from 3201/3202), or null */
  lose_setl_id: string | null;
  /** one settlement whose amount the center reports altered, or null */
  alter: { setl_id: string; field: DriftField; delta: number } | null;
}

export interface DriftRequest {
  /** 'latest' = the most recent settlement; a setl_id; null = clear */
  lose?: string | null;
  alter?: { setl_id?: string; field: DriftField; delta: number } | null;
}

export function readDrift(store: SimStore): ReconcileDrift {
  const r = store.reconcile.drift();
  if (!r) return { lose_setl_id: null, alter: null };
  return {
    lose_setl_id: r.lose_setl_id,
    // only setDrift writes the row, with a field it checked against DRIFT_FIELDS
    alter: r.alter_setl_id && r.alter_field ? { setl_id: r.alter_setl_id, field: r.alter_field as DriftField, delta: r.alter_delta ?? 0 } : null,
  };
}

function latestSetlId(store: SimStore, excluding: string | null): string {
  const id = store.settlements.latestSettledId(excluding);
  if (id === null) throw new Error('the simulator has no settlement to drift');
  return id;
}

/** Set (or with nulls clear) the drift; 'latest' resolves to the newest settled record now. */
export function setDrift(store: SimStore, req: DriftRequest): ReconcileDrift {
  const current = readDrift(store);
  let lose = current.lose_setl_id;
  if (req.lose !== undefined) lose = req.lose === 'latest' ? latestSetlId(store, null) : req.lose;
  let alter = current.alter;
  if (req.alter !== undefined) {
    if (req.alter === null) alter = null;
    else {
      if (!(DRIFT_FIELDS as readonly string[]).includes(req.alter.field)) throw new Error(`unknown drift field ${req.alter.field}`);
      if (!Number.isSafeInteger(req.alter.delta) || req.alter.delta === 0) throw new Error('drift delta must be a non-zero integer (fen)');
      const id = !req.alter.setl_id || req.alter.setl_id === 'latest' ? latestSetlId(store, lose) : req.alter.setl_id;
      alter = { setl_id: id, field: req.alter.field, delta: req.alter.delta };
    }
  }
  store.reconcile.putDrift({ lose_setl_id: lose, alter_setl_id: alter?.setl_id ?? null, alter_field: alter?.field ?? null, alter_delta: alter?.delta ?? null });
  return readDrift(store);
}

type Row = TxOutput<'3202'>['detail'][number];

/** The center's records of one group and period: originals by setl_time, reversal records by reversed_at. */
export function simDetailRows(store: SimStore, g: ReconGroupPeriod): Row[] {
  const drift = readDrift(store);
  const base = store.reconcile.records(g);
  const inPeriod = (t: string | null) => !!t && t.slice(0, 10) >= g.from && t.slice(0, 10) <= g.to;
  const rows: Row[] = [];
  for (const s of base) {
    if (s.setl_id === drift.lose_setl_id) continue; // the test switch: the center "lost" this one (and its reversal)
    const amounts = {
      medfee_sumamt: s.medfee_sumamt,
      fund_pay_sumamt: s.fund_pay_sumamt,
      acct_pay: s.acct_pay,
      acct_mulaid_pay: s.acct_mulaid_pay,
      psn_cash_pay: s.psn_cash_pay,
    };
    if (drift.alter && drift.alter.setl_id === s.setl_id) amounts[drift.alter.field] += drift.alter.delta;
    const common = { mdtrt_id: s.mdtrt_id, psn_no: s.psn_no, insutype: s.insutype, clr_type: s.clr_type };
    if (inPeriod(s.setl_time)) rows.push({ ...common, setl_id: s.setl_id, init_setl_id: '', setl_time: s.setl_time, ...amounts, refd_setl_flag: '0' });
    if (s.status === 'reversed' && s.reversal_setl_id && inPeriod(s.reversed_at)) {
      const neg = (n: number) => (n === 0 ? 0 : -n);
      rows.push({
        ...common,
        setl_id: s.reversal_setl_id,
        init_setl_id: s.setl_id,
        setl_time: s.reversed_at ?? '',
        medfee_sumamt: neg(s.medfee_sumamt),
        fund_pay_sumamt: neg(s.fund_pay_sumamt),
        acct_pay: neg(s.acct_pay),
        acct_mulaid_pay: neg(s.acct_mulaid_pay),
        psn_cash_pay: neg(s.psn_cash_pay),
        refd_setl_flag: '1',
      });
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

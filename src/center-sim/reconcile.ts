/**
 * The simulated center's end of day: 3201 (totals per insutype and clr_type over a period) and
 * 3202 (its detail rows, paged), computed from its own settlement records. A settlement counts on
 * the day of its setl_time; its reversal is a record of its own (setl_id RV…, negative amounts)
 * on the day it was reversed.
 *
 * The test switch ("drift") makes the center lose one settlement or alter one amount of one, so a
 * mismatch can be tested end to end; it lives in the simulator's SQLite file.
 */
import type { SimDb } from './db.js';
import type { TxInput, TxOutput } from '../main/center/registry.js';
import { refuse } from './refusal.js';
import { RECON_AMOUNT_FIELDS } from '../shared/api-reconcile.js';

/** clr_type by the kind of settlement: pharmacy purchases clear as 41, outpatient as 11 (the terminal agrees). */
export const SIM_CLR_TYPE_SQL = "CASE kind WHEN 'pharmacy' THEN '41' ELSE '11' END";

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

function ensureDriftTable(db: SimDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS reconcile_drift (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    lose_setl_id TEXT,
    alter_setl_id TEXT,
    alter_field TEXT,
    alter_delta INTEGER
  )`);
}

export function readDrift(db: SimDb): ReconcileDrift {
  ensureDriftTable(db);
  const r = db.prepare('SELECT * FROM reconcile_drift WHERE id = 1').get() as
    | { lose_setl_id: string | null; alter_setl_id: string | null; alter_field: DriftField | null; alter_delta: number | null }
    | undefined;
  if (!r) return { lose_setl_id: null, alter: null };
  return {
    lose_setl_id: r.lose_setl_id,
    alter: r.alter_setl_id && r.alter_field ? { setl_id: r.alter_setl_id, field: r.alter_field, delta: r.alter_delta ?? 0 } : null,
  };
}

function latestSetlId(db: SimDb, excluding: string | null): string {
  const r = db
    .prepare("SELECT setl_id FROM settlements WHERE status = 'settled' AND setl_id != ? ORDER BY rowid DESC LIMIT 1")
    .get(excluding ?? '') as { setl_id: string } | undefined;
  if (!r) throw new Error('the simulator has no settlement to drift');
  return r.setl_id;
}

/** Set (or with nulls clear) the drift; 'latest' resolves to the newest settled record now. */
export function setDrift(db: SimDb, req: DriftRequest): ReconcileDrift {
  ensureDriftTable(db);
  const current = readDrift(db);
  let lose = current.lose_setl_id;
  if (req.lose !== undefined) lose = req.lose === 'latest' ? latestSetlId(db, null) : req.lose;
  let alter = current.alter;
  if (req.alter !== undefined) {
    if (req.alter === null) alter = null;
    else {
      if (!(DRIFT_FIELDS as readonly string[]).includes(req.alter.field)) throw new Error(`unknown drift field ${req.alter.field}`);
      if (!Number.isSafeInteger(req.alter.delta) || req.alter.delta === 0) throw new Error('drift delta must be a non-zero integer (fen)');
      const id = !req.alter.setl_id || req.alter.setl_id === 'latest' ? latestSetlId(db, lose) : req.alter.setl_id;
      alter = { setl_id: id, field: req.alter.field, delta: req.alter.delta };
    }
  }
  db.prepare(
    `INSERT INTO reconcile_drift (id, lose_setl_id, alter_setl_id, alter_field, alter_delta) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET lose_setl_id = excluded.lose_setl_id, alter_setl_id = excluded.alter_setl_id,
       alter_field = excluded.alter_field, alter_delta = excluded.alter_delta`,
  ).run(lose, alter?.setl_id ?? null, alter?.field ?? null, alter?.delta ?? null);
  return readDrift(db);
}

type Row = TxOutput<'3202'>['detail'][number];

/** The center's records of one group and period: originals by setl_time, reversal records by reversed_at. */
export function simDetailRows(db: SimDb, g: { insutype: string; clr_type: string; from: string; to: string }): Row[] {
  const drift = readDrift(db);
  const base = db
    .prepare(
      `SELECT setl_id, mdtrt_id, psn_no, insutype, setl_time, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay,
              status, reversal_setl_id, reversed_at, ${SIM_CLR_TYPE_SQL} AS clr_type
       FROM settlements WHERE insutype = ? AND ${SIM_CLR_TYPE_SQL} = ?
         AND ((substr(setl_time, 1, 10) BETWEEN ? AND ?) OR (status = 'reversed' AND substr(reversed_at, 1, 10) BETWEEN ? AND ?))
       ORDER BY rowid`,
    )
    .all(g.insutype, g.clr_type, g.from, g.to, g.from, g.to) as Array<{
    setl_id: string;
    mdtrt_id: string;
    psn_no: string;
    insutype: string;
    setl_time: string;
    medfee_sumamt: number;
    fund_pay_sumamt: number;
    acct_pay: number;
    acct_mulaid_pay: number;
    psn_cash_pay: number;
    status: string;
    reversal_setl_id: string | null;
    reversed_at: string | null;
    clr_type: string;
  }>;
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

export function h3201(input: TxInput<'3201'>, db: SimDb): TxOutput<'3201'> {
  const d = input.data;
  checkPeriod(d.stmt_begndate, d.stmt_enddate);
  const rows = simDetailRows(db, { insutype: d.insutype, clr_type: d.clr_type, from: d.stmt_begndate, to: d.stmt_enddate });
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

export function h3202(input: TxInput<'3202'>, db: SimDb): TxOutput<'3202'> {
  const d = input.data;
  checkPeriod(d.stmt_begndate, d.stmt_enddate);
  if (d.page_num < 1) refuse('当前页数从1开始 (page_num)');
  if (d.page_size < 1 || d.page_size > 5000) refuse('本页数据量为1至5000 (page_size)');
  const rows = simDetailRows(db, { insutype: d.insutype, clr_type: d.clr_type, from: d.stmt_begndate, to: d.stmt_enddate });
  const start = (d.page_num - 1) * d.page_size;
  return { total: rows.length, page_num: d.page_num, page_size: d.page_size, detail: rows.slice(start, start + d.page_size) };
}

/**
 * Institution end of day, the records (PostgreSQL, finance connection), always through a
 * server-side cursor or a COPY stream so a day of a million rows never sits in this process:
 *  - the 3202 compare: the center's detail pages go into a temporary table, then one FULL JOIN
 *    against the institution's counted records of the group yields only the differences;
 *  - the detail rows every export writes (settlements of the period, then reversal records).
 */
import pg from 'pg';
import { copyRows, type CopyColumns } from './copy-rows.js';
import type { ReconRow } from '../../reconcile/local.js';
import type { EodPeriod } from './eod-totals.js';

const CN_TIME = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS')`;
const AMOUNTS = ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay'] as const;

/** Run `body` in one transaction on its own client, with a long statement timeout (end of day's compare). */
export async function inEodTransaction<T>(pool: pg.Pool, body: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query("SET LOCAL statement_timeout = '15min'");
    const out = await body(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

let cursorSeq = 0;

/** Rows of `sql` in batches of `batch`, through a cursor (inside the caller's transaction). */
export async function* cursorRows<R extends pg.QueryResultRow>(c: pg.ClientBase, sql: string, params: unknown[], batch = 2000): AsyncGenerator<R[]> {
  const name = `eod_cursor_${++cursorSeq}`;
  await c.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
  const fetch = () => c.query<R>(`FETCH ${batch} FROM ${name}`);
  // the next batch is asked for before this one is handed on: PostgreSQL reads and sends it while the
  // caller formats and writes this one (a million-row export overlaps the two instead of taking turns)
  let next: Promise<pg.QueryResult<R>> | null = fetch();
  try {
    while (next) {
      const r: pg.QueryResult<R> = await next;
      next = r.rows.length < batch ? null : fetch();
      if (r.rows.length > 0) yield r.rows;
    }
  } finally {
    // a caller that stopped early: let the batch in flight land before the cursor is closed
    if (next) await next.catch(() => undefined);
    await c.query(`CLOSE ${name}`).catch(() => undefined);
  }
}

export interface CenterDetailRow {
  setl_id: string;
  refd_setl_flag: string;
  mdtrt_id: string;
  psn_no: string;
  setl_time: string;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
}

/** A temporary table for the center's detail of one group (dropped at the end of the transaction). */
export async function createCenterTable(c: pg.ClientBase): Promise<void> {
  await c.query(`CREATE TEMP TABLE IF NOT EXISTS eod_center (setl_id text, refd_setl_flag text, mdtrt_id text, psn_no text, setl_time text,
    medfee_sumamt int8, fund_pay_sumamt int8, acct_pay int8, acct_mulaid_pay int8, psn_cash_pay int8) ON COMMIT DROP`);
  await c.query('TRUNCATE eod_center');
}

export async function addCenterRows(c: pg.ClientBase, rows: readonly CenterDetailRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof CenterDetailRow>(k: K) => rows.map((r) => r[k]);
  await c.query(
    `INSERT INTO eod_center SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int8[], $7::int8[], $8::int8[], $9::int8[], $10::int8[])`,
    [col('setl_id'), col('refd_setl_flag'), col('mdtrt_id'), col('psn_no'), col('setl_time'), ...AMOUNTS.map((a) => col(a))],
  );
}

/** fresh statistics, so the planner joins the center's rows by hash */
export async function analyzeCenterTable(c: pg.ClientBase): Promise<void> {
  await c.query('ANALYZE eod_center');
}

/** the institution's counted records of a group: settlements and confirmed reversal records (negated) */
function localRecordsSql(): string {
  const base = `fixmedins_code = $1 AND insutype = $4 AND clr_type = $5`;
  return `
    SELECT setl_id, '0' AS refd_setl_flag, mdtrt_id, psn_no, psn_name_masked, id AS settlement_id, terminal_id, cashier_no, ${CN_TIME('created_at')} AS setl_time,
           ${AMOUNTS.join(', ')}
      FROM pos.settlements WHERE ${base} AND business_date BETWEEN $2 AND $3 AND setl_id IS NOT NULL AND status NOT IN ('queued', 'refused')
    UNION ALL
    SELECT rv_setl_id, '1', mdtrt_id, psn_no, psn_name_masked, id, terminal_id, cashier_no, ${CN_TIME('rv_time')},
           ${AMOUNTS.map((a) => `-${a}`).join(', ')}
      FROM pos.settlements WHERE ${base} AND rv_setl_id IS NOT NULL AND setl_id IS NOT NULL AND rv_business_date BETWEEN $2 AND $3`;
}

export interface DiffRow {
  l_setl_id: string | null;
  c_setl_id: string | null;
  refd_setl_flag: string;
  mdtrt_id: string;
  psn_no: string;
  psn_name_masked: string | null;
  settlement_id: string | null;
  terminal_id: string | null;
  cashier_no: string | null;
  setl_time: string;
  /** l_medfee_sumamt … c_psn_cash_pay */
  [k: string]: unknown;
}

/**
 * The differences between the institution's records of a group and eod_center, in time order.
 * A center-only record is given the window and cashier of the institution's row with the same visit.
 */
export function differences(c: pg.ClientBase, p: EodPeriod, g: { insutype: string; clr_type: string }): AsyncGenerator<DiffRow[]> {
  // the join first (hash join over the whole group), the visit of a center-only record looked up for the few differences only
  const sql = `
    WITH l AS (${localRecordsSql()}),
    d AS (
      SELECT l.setl_id AS l_setl_id, c.setl_id AS c_setl_id, coalesce(l.refd_setl_flag, c.refd_setl_flag) AS refd_setl_flag,
             coalesce(l.mdtrt_id, c.mdtrt_id, '') AS mdtrt_id, coalesce(l.psn_no, c.psn_no) AS psn_no, l.psn_name_masked,
             l.settlement_id, l.terminal_id, l.cashier_no, coalesce(l.setl_time, c.setl_time) AS setl_time,
             ${AMOUNTS.map((a) => `l.${a} AS l_${a}, c.${a} AS c_${a}`).join(', ')}
        FROM l FULL JOIN eod_center c ON c.setl_id = l.setl_id
       WHERE l.setl_id IS NULL OR c.setl_id IS NULL OR ${AMOUNTS.map((a) => `l.${a} <> c.${a}`).join(' OR ')}
    )
    SELECT d.l_setl_id, d.c_setl_id, d.refd_setl_flag, d.mdtrt_id, d.psn_no, d.psn_name_masked,
           coalesce(d.settlement_id, v.id) AS settlement_id, coalesce(d.terminal_id, v.terminal_id) AS terminal_id,
           coalesce(d.cashier_no, v.cashier_no) AS cashier_no, d.setl_time, ${AMOUNTS.map((a) => `d.l_${a}, d.c_${a}`).join(', ')}
      FROM d LEFT JOIN LATERAL (SELECT s.id, s.terminal_id, s.cashier_no FROM pos.settlements s
                                 WHERE d.l_setl_id IS NULL AND s.fixmedins_code = $1 AND s.mdtrt_id = d.mdtrt_id ORDER BY s.created_at DESC LIMIT 1) v ON true
     ORDER BY d.setl_time, coalesce(d.l_setl_id, d.c_setl_id)`;
  return cursorRows<DiffRow>(c, sql, [p.code, p.from, p.to, g.insutype, g.clr_type], 1000);
}

/** one record of an export: the terminal's own detail row (reconcile/local.ts) with its window in front */
export type ExportRow = ReconRow & { terminal_id: string; window_label: string };

/** the export rows' columns, in the order the query writes them (COPY's text format has no names) */
const EXPORT_COLUMNS: CopyColumns = [
  ['terminal_id', 'text'], ['window_label', 'text'], ['settlement_id', 'text'], ['setl_id', 'text'], ['init_setl_id', 'text'], ['mdtrt_id', 'text'],
  ['psn_no', 'text'], ['psn_name_masked', 'text'], ['certno_masked', 'text'], ['insutype', 'text'], ['clr_type', 'text'], ['med_type', 'text'],
  ['setl_time', 'text'], ['refd_setl_flag', 'text'], ...AMOUNTS.map((a) => [a, 'int'] as const), ['mulaid_name_masked', 'text'], ['cashier_no', 'text'],
  ['status', 'text'], ['state', 'text'],
];

/**
 * Every record of the period for the exports: settlements (not refused) by window and time, then
 * confirmed reversal records. Read through COPY (pg/copy-rows.ts), the period's values inlined as literals.
 */
export function exportRows(c: pg.ClientBase, p: EodPeriod, batch = 5000): AsyncGenerator<ExportRow[]> {
  const [code, from, to] = [p.code, p.from, p.to].map((v) => pg.escapeLiteral(v));
  const cols = `s.terminal_id, w.label AS window_label, s.id AS settlement_id, s.mdtrt_id, s.psn_no, s.psn_name_masked, s.certno_masked, s.insutype, s.clr_type, s.med_type,
    s.mulaid_name_masked, s.cashier_no, s.status`;
  const sql = `
    SELECT ${EXPORT_COLUMNS.map(([name]) => name).join(', ')} FROM (
      SELECT ${cols}, s.setl_id, NULL::text AS init_setl_id, ${CN_TIME('s.created_at')} AS setl_time, '0' AS refd_setl_flag,
             ${AMOUNTS.map((a) => `s.${a}`).join(', ')}, CASE WHEN s.setl_id IS NOT NULL AND s.status <> 'queued' THEN 'counted' ELSE 'pending' END AS state, 0 AS part
        FROM pos.settlements s JOIN pos.windows w USING (terminal_id)
       WHERE s.fixmedins_code = ${code} AND s.business_date BETWEEN ${from} AND ${to} AND s.status <> 'refused' AND NOT (s.setl_id IS NULL AND s.status = 'reversed')
      UNION ALL
      SELECT ${cols}, s.rv_setl_id, s.setl_id, ${CN_TIME('s.rv_time')}, '1', ${AMOUNTS.map((a) => `-s.${a}`).join(', ')}, 'counted', 1
        FROM pos.settlements s JOIN pos.windows w USING (terminal_id)
       WHERE s.fixmedins_code = ${code} AND s.rv_setl_id IS NOT NULL AND s.setl_id IS NOT NULL AND s.rv_business_date BETWEEN ${from} AND ${to}
    ) r ORDER BY part, terminal_id, setl_time, settlement_id`;
  return copyRows<ExportRow>(c, sql, EXPORT_COLUMNS, batch);
}

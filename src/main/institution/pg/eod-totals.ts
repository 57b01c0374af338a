/**
 * Institution end of day, the sums (PostgreSQL, finance connection): per window × insutype ×
 * clr_type × state over migration 1's covering index, the reversal records the center confirmed on
 * their own day, the pending items, which windows are not complete for the period, and the runs.
 *
 * The rules mirror src/main/reconcile/local.ts: a settlement counts on its business date when the
 * center confirmed it (setl_id, not queued, not refused); one without setl_id is pending unless it was
 * reversed before it was ever sent; a confirmed reversal (rv_setl_id) counts negated on rv_business_date;
 * one still 'reversing' is pending (negated).
 */
import type pg from 'pg';

/** a pool or one client: whatever can run a query */
export type Queryable = Pick<pg.ClientBase, 'query'>;

export interface EodPeriod {
  code: string;
  from: string;
  to: string;
}

/** the state a settlement row has in end of day */
const STATE_SQL = `CASE WHEN status = 'refused' THEN 'refused'
  WHEN setl_id IS NOT NULL AND status <> 'queued' THEN 'counted'
  WHEN setl_id IS NULL AND status = 'reversed' THEN 'skip'
  ELSE 'pending' END`;

const SUMS = `count(*)::int AS n, coalesce(sum(medfee_sumamt), 0)::int8 AS medfee_sumamt, coalesce(sum(fund_pay_sumamt), 0)::int8 AS fund_pay_sumamt,
  coalesce(sum(acct_pay), 0)::int8 AS acct_pay, coalesce(sum(acct_mulaid_pay), 0)::int8 AS acct_mulaid_pay, coalesce(sum(psn_cash_pay), 0)::int8 AS psn_cash_pay`;

export interface SumRow {
  terminal_id: string;
  insutype: string;
  clr_type: string;
  /** counted | pending | refused | skip | reversal (confirmed, amounts as stored: negate them) | reversing (pending reversal, as stored) */
  state: string;
  n: number;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
}

/** STATE_SQL's rule in TypeScript: the sums group by the raw status and whether a setl_id is there (cheaper than a CASE per row) */
function stateOf(status: string, hasSetlId: boolean): string {
  if (status === 'refused') return 'refused';
  if (hasSetlId && status !== 'queued') return 'counted';
  if (!hasSetlId && status === 'reversed') return 'skip';
  return 'pending';
}

/** the rows a settlement can be open in (no setl_id yet, queued, reversing): migration 4's partial index holds only these */
const OPEN = `(setl_id IS NULL OR status IN ('queued', 'reversing'))`;

export async function eodSums(c: Queryable, p: EodPeriod): Promise<SumRow[]> {
  const q = `
    SELECT 'day' AS part, terminal_id, insutype, clr_type, status AS state, setl_id IS NOT NULL AS has_setl, ${SUMS}
      FROM pos.settlements WHERE fixmedins_code = $1 AND business_date BETWEEN $2 AND $3 GROUP BY 2, 3, 4, 5, 6
    UNION ALL
    SELECT 'reversal', terminal_id, insutype, clr_type, 'reversal', true, ${SUMS}
      FROM pos.settlements WHERE fixmedins_code = $1 AND rv_setl_id IS NOT NULL AND setl_id IS NOT NULL AND rv_business_date BETWEEN $2 AND $3 GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'reversing', terminal_id, insutype, clr_type, 'reversing', true, ${SUMS}
      FROM pos.settlements WHERE fixmedins_code = $1 AND ${OPEN} AND status = 'reversing' AND setl_id IS NOT NULL AND business_date <= $3 GROUP BY 2, 3, 4`;
  const rows = (await c.query<SumRow & { part: string; has_setl: boolean }>(q, [p.code, p.from, p.to])).rows;
  // rows of the same state (e.g. settled and reversing, both counted) are added up by shapeTotals
  return rows.map(({ part, has_setl, ...r }) => ({ ...r, state: part === 'day' ? stateOf(r.state, has_setl) : r.state }));
}

export interface PendingRow {
  id: string;
  terminal_id: string;
  cashier_no: string;
  status: string;
  what: 'settlement' | 'reversal';
  insutype: string;
  clr_type: string;
  created_at: Date;
  psn_no: string;
  psn_name_masked: string;
  medfee_sumamt: number;
  last_error: string | null;
}

/** settlements and reversals of the period the center has not confirmed, oldest first, at most `limit` */
export async function eodPending(c: Queryable, p: EodPeriod, limit: number): Promise<{ rows: PendingRow[]; total: number }> {
  const where = `fixmedins_code = $1 AND ${OPEN} AND ((business_date BETWEEN $2 AND $3 AND ${STATE_SQL} = 'pending')
    OR (status = 'reversing' AND setl_id IS NOT NULL AND business_date <= $3))`;
  const rows = (
    await c.query<PendingRow>(
      `SELECT id, terminal_id, cashier_no, status, CASE WHEN status = 'reversing' AND setl_id IS NOT NULL THEN 'reversal' ELSE 'settlement' END AS what,
              insutype, clr_type, created_at, psn_no, psn_name_masked, medfee_sumamt, last_error
         FROM pos.settlements WHERE ${where} ORDER BY created_at, id LIMIT $4`,
      [p.code, p.from, p.to, limit],
    )
  ).rows;
  const total = rows.length < limit ? rows.length : (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pos.settlements WHERE ${where}`, [p.code, p.from, p.to])).rows[0]!.n;
  return { rows, total };
}

export interface WindowStateRow {
  terminal_id: string;
  label: string;
  heard_at: Date | null;
  backlog: number | null;
  oldest_unsent_date: string | null;
  /** heard_at (server clock) older than staleAfter before min(now, the end of the period in China time), or never heard */
  silent: boolean;
}

export async function eodWindows(c: Queryable, p: EodPeriod, staleAfterMs: number): Promise<WindowStateRow[]> {
  return (
    await c.query<WindowStateRow>(
      `SELECT w.terminal_id, w.label, s.heard_at, s.backlog, s.oldest_unsent_date,
              (s.heard_at IS NULL OR s.heard_at < LEAST(now(), ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') - make_interval(secs => $3::float8 / 1000)) AS silent
         FROM pos.windows w LEFT JOIN pos.window_status s USING (terminal_id)
        WHERE w.fixmedins_code = $1 ORDER BY w.terminal_id`,
      [p.code, p.to, staleAfterMs],
    )
  ).rows;
}

export interface RunRow {
  id: string;
  code: string;
  from: string;
  to: string;
  operator: { no: string; name: string };
  status: string;
  result: unknown;
}

export async function saveRun(c: Queryable, r: RunRow): Promise<void> {
  await c.query(
    `INSERT INTO pos.reconcile_runs (id, fixmedins_code, date_from, date_to, operator_no, operator_name, status, result) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO NOTHING`,
    [r.id, r.code, r.from, r.to, r.operator.no, r.operator.name, r.status, JSON.stringify(r.result)],
  );
}

/** the newest run of exactly that period (its result as saved), or null */
export async function lastRun(c: Queryable, p: EodPeriod): Promise<unknown> {
  const r = await c.query<{ result: unknown }>(
    'SELECT result FROM pos.reconcile_runs WHERE fixmedins_code = $1 AND date_from = $2 AND date_to = $3 ORDER BY at DESC LIMIT 1',
    [p.code, p.from, p.to],
  );
  return r.rows[0]?.result ?? null;
}

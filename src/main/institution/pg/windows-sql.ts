/**
 * The windows overview's SQL (finance role): each window of a fixmedins_code with what it last said
 * (window_status) and its day's figures from pos.settlements, in one round trip each. Amounts in fen.
 */
import type pg from 'pg';

export interface WindowStatusRow {
  terminal_id: string;
  label: string;
  heard_at: Date | null;
  silent_ms: number | null;
  acked_seq: number | null;
  local_seq: number | null;
  backlog: number | null;
  oldest_unsent_date: string | null;
  center_queue: number | null;
  open_conflicts: number | null;
  cashier_no: string | null;
  app_version: string | null;
}

export interface WindowDayRow {
  terminal_id: string;
  settled_count: number;
  medfee: number;
  fund: number;
  acct: number;
  acct_mulaid: number;
  cash: number;
  counted_local: number;
  queued_count: number;
  queued_medfee: number;
  reversed_count: number;
  reversed_medfee: number;
}

export async function windowStatuses(db: pg.Pool | pg.ClientBase, fixmedinsCode: string): Promise<{ rows: WindowStatusRow[]; readAt: Date }> {
  const r = await db.query<WindowStatusRow & { read_at: Date }>(
    `SELECT w.terminal_id, w.label, s.heard_at, (extract(epoch FROM (now() - s.heard_at)) * 1000)::bigint AS silent_ms,
            s.acked_seq, s.local_seq, s.backlog, s.oldest_unsent_date, s.center_queue, s.open_conflicts, s.cashier_no, s.app_version, now() AS read_at
       FROM pos.windows w LEFT JOIN pos.window_status s ON s.terminal_id = w.terminal_id
      WHERE w.fixmedins_code = $1 ORDER BY w.terminal_id`,
    [fixmedinsCode],
  );
  const readAt = r.rows[0]?.read_at ?? (await db.query<{ n: Date }>('SELECT now() AS n')).rows[0]!.n;
  return { rows: r.rows, readAt };
}

/** the day's figures per window: settled on the date, reversed on the date (rv_business_date), queued */
export async function windowDayTotals(db: pg.Pool | pg.ClientBase, fixmedinsCode: string, businessDate: string): Promise<WindowDayRow[]> {
  const r = await db.query<WindowDayRow>(
    `SELECT terminal_id,
            count(*) FILTER (WHERE counted)::int AS settled_count,
            coalesce(sum(medfee_sumamt) FILTER (WHERE counted), 0)::bigint AS medfee,
            coalesce(sum(fund_pay_sumamt) FILTER (WHERE counted), 0)::bigint AS fund,
            coalesce(sum(acct_pay) FILTER (WHERE counted), 0)::bigint AS acct,
            coalesce(sum(acct_mulaid_pay) FILTER (WHERE counted), 0)::bigint AS acct_mulaid,
            coalesce(sum(psn_cash_pay) FILTER (WHERE counted), 0)::bigint AS cash,
            count(*) FILTER (WHERE counted AND counted_from = 'local')::int AS counted_local,
            count(*) FILTER (WHERE on_day AND status = 'queued')::int AS queued_count,
            coalesce(sum(medfee_sumamt) FILTER (WHERE on_day AND status = 'queued'), 0)::bigint AS queued_medfee,
            count(*) FILTER (WHERE rv_on_day)::int AS reversed_count,
            coalesce(sum(medfee_sumamt) FILTER (WHERE rv_on_day), 0)::bigint AS reversed_medfee
       FROM (SELECT terminal_id, status, counted_from, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay,
                    business_date = $2::date AS on_day,
                    business_date = $2::date AND status IN ('settled', 'reversing', 'reversed') AS counted,
                    rv_setl_id IS NOT NULL AND rv_business_date = $2::date AS rv_on_day
               FROM pos.settlements
              WHERE fixmedins_code = $1 AND (business_date = $2::date OR rv_business_date = $2::date)) s
      GROUP BY terminal_id`,
    [fixmedinsCode, businessDate],
  );
  return r.rows;
}

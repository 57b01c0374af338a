/**
 * The rows end of day reads (reconcile/local.ts shapes them): settlements of a period in time order,
 * per-group totals from the covering index, reversal messages with the center's answer, what is still
 * pending. Reads are short pages (keyset on rowid), never a long-open iterator, so a big day does not
 * hold the connection and the caller can yield between pages.
 */
import type { SettlementStatus } from '../../shared/domain.js';
import type { Db } from './db.js';

// clr_type written out over kind (migration 1's generated column, which SQLite will not read from an index)
const CLR_TYPE_OF_KIND = `CASE kind WHEN 'pharmacy' THEN '41' ELSE '11' END`;
// the amounts are migration 1's plain integer columns (re-reading them from the split JSON for
// 100,000 rows costs seconds)
const ROW_COLUMNS = `s.rowid AS rid, s.id AS settlement_id, s.setl_id, s.mdtrt_id, s.psn_no, s.psn_name_masked, s.certno_masked, s.insutype,
  s.clr_type, s.med_type, s.cashier_no, s.mulaid_name_masked, s.created_at, s.status, s.last_error, s.amt_medfee AS medfee_sumamt,
  s.amt_fund AS fund_pay_sumamt, s.amt_acct AS acct_pay, s.amt_mulaid AS acct_mulaid_pay, s.amt_cash AS psn_cash_pay`;
const FROM = 'settlements s';

/** a settlement as end of day reads it: where it sits, when it was made, its five amounts (fen) */
export interface ReconcileRawRow {
  rid: number;
  settlement_id: string;
  setl_id: string | null;
  mdtrt_id: string | null;
  psn_no: string;
  psn_name_masked: string;
  certno_masked: string;
  insutype: string;
  clr_type: string;
  med_type: string;
  cashier_no: string;
  mulaid_name_masked: string | null;
  created_at: string;
  status: SettlementStatus;
  last_error: string | null;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
}

/** a reversed settlement with its reversal message's answer from the send log */
export type ReversalRawRow = ReconcileRawRow & { rv_setl_id: string | null; rv_time: string | null; rv_done: string | null };

export interface GroupTotalsRow {
  insutype: string;
  clr_type: string;
  status: string;
  has_setl: number;
  n: number;
  medfee: number | null;
  fund: number | null;
  acct: number | null;
  mulaid: number | null;
  cash: number | null;
}

/**
 * Totals per group for a period: one range of settlements_by_date, which covers every column used, so
 * the index alone is read, no table rows (grouped by position: the name clr_type would mean the table's
 * generated column, which the index lacks). Exported for the test that checks the plan.
 */
export const GROUP_TOTALS_SQL = `SELECT insutype, ${CLR_TYPE_OF_KIND} AS clr_type, status, setl_id IS NOT NULL AS has_setl, COUNT(*) AS n,
    SUM(amt_medfee) AS medfee, SUM(amt_fund) AS fund, SUM(amt_acct) AS acct, SUM(amt_mulaid) AS mulaid, SUM(amt_cash) AS cash
  FROM settlements INDEXED BY settlements_by_date WHERE business_date BETWEEN ? AND ? GROUP BY 1, 2, 3, 4`;

export function createReconcileRows(db: Db) {
  // keyset pages in time order along settlements_by_date (business_date, created_at, rowid): each page is one index range
  const pageAll = db.prepare(
    `SELECT ${ROW_COLUMNS}, s.business_date AS bd FROM ${FROM}
     WHERE (s.business_date, s.created_at, s.rowid) > (?, ?, ?) AND s.business_date <= ? AND s.status != 'refused'
     ORDER BY s.business_date, s.created_at, s.rowid LIMIT ?`,
  );
  const pageGroup = db.prepare(
    `SELECT ${ROW_COLUMNS}, s.business_date AS bd FROM ${FROM}
     WHERE (s.business_date, s.created_at, s.rowid) > (?, ?, ?) AND s.business_date <= ? AND s.insutype = ? AND s.clr_type = ? AND s.status != 'refused'
     ORDER BY s.business_date, s.created_at, s.rowid LIMIT ?`,
  );
  // the reversal message of a reversed settlement and the center's answer to it, kept in the send log (setl_id, setl_time of the record)
  const reversalRows = db.prepare(
    `SELECT ${ROW_COLUMNS},
        json_extract(l.reply, '$.setlinfo.setl_id') AS rv_setl_id, json_extract(l.reply, '$.setlinfo.setl_time') AS rv_time, l.ended_at AS rv_done
     FROM outbox o JOIN settlements s ON s.id = o.settlement_id LEFT JOIN send_log l ON l.msgid = o.msgid AND l.state = 'success'
     WHERE o.infno IN ('2208', '2103') AND o.status = 'done' AND s.status = 'reversed'`,
  );
  const groupTotals = db.prepare(GROUP_TOTALS_SQL);
  // filtered on the index's status and setl_id, then the few that match are read
  const pendingRows = db.prepare(
    `SELECT ${ROW_COLUMNS} FROM ${FROM} INDEXED BY settlements_by_date
     WHERE s.business_date BETWEEN ? AND ? AND (s.status IN ('queued', 'reversing') OR (s.setl_id IS NULL AND s.status = 'settled'))
     ORDER BY s.created_at, s.rowid`,
  );
  const reversingOutside = db.prepare(`SELECT ${ROW_COLUMNS} FROM ${FROM} WHERE s.status = 'reversing' AND s.business_date NOT BETWEEN ? AND ?`);
  const countRows = db.prepare('SELECT COUNT(*) FROM settlements WHERE business_date BETWEEN ? AND ?').pluck();

  type Cursor = { date: string; created_at: string; rowid: number };
  return {
    /** settlements (not refused) after the cursor up to `to`, in time order; bd is each row's business date */
    page(after: Cursor, to: string, limit: number, group?: { insutype: string; clr_type: string }): Array<ReconcileRawRow & { bd: string }> {
      return (group
        ? pageGroup.all(after.date, after.created_at, after.rowid, to, group.insutype, group.clr_type, limit)
        : pageAll.all(after.date, after.created_at, after.rowid, to, limit)) as Array<ReconcileRawRow & { bd: string }>;
    },
    /** every reversed settlement whose reversal the center answered (the caller picks the period by reversal time) */
    reversals: (): ReversalRawRow[] => reversalRows.all() as ReversalRawRow[],
    groupTotals: (from: string, to: string): GroupTotalsRow[] => groupTotals.all(from, to) as GroupTotalsRow[],
    /** settlements of the period the center has not confirmed, or being reversed */
    pending: (from: string, to: string): ReconcileRawRow[] => pendingRows.all(from, to) as ReconcileRawRow[],
    /** settlements of other days whose reversal is still on its way */
    reversingOutside: (from: string, to: string): ReconcileRawRow[] => reversingOutside.all(from, to) as ReconcileRawRow[],
    count: (from: string, to: string): number => countRows.get(from, to) as number,
  };
}
export type ReconcileRows = ReturnType<typeof createReconcileRows>;

/**
 * What end of day (3201/3202) reads: the settlement records of one group and period, and the
 * reconcile drift switch (one row).
 *
 * The group is insutype × clr_type over the whole file: every terminal's settlements count, dev_no
 * is no key. Reconciling per institution (fixmedins_code) needs that code stored on each settlement
 * (settlements.ts `add`, from the envelope) and one more condition here.
 */
import type { ReconDetailFields } from '../../main/center/transactions/3201-3202-reconcile.js';
import type { SimDb } from './db.js';

/** clr_type by the kind of settlement: pharmacy purchases clear as 41, outpatient as 11 (the terminal agrees). */
const SIM_CLR_TYPE_SQL = "CASE kind WHEN 'pharmacy' THEN '41' ELSE '11' END";

export interface ReconGroupPeriod {
  insutype: string;
  clr_type: string;
  /** yyyy-MM-dd, both ends included */
  from: string;
  to: string;
}

/** A settlement as end of day reads it: the 3202 detail fields with its reversal state. */
export type ReconRecord = Omit<ReconDetailFields, 'refd_setl_flag'> & {
  insutype: string;
  clr_type: string;
  status: string;
  reversal_setl_id: string | null;
  reversed_at: string | null;
};

export interface DriftRow {
  lose_setl_id: string | null;
  alter_setl_id: string | null;
  alter_field: string | null;
  alter_delta: number | null;
}

export function createReconcileRepo(db: SimDb) {
  return {
    /** originals settled in the period and originals reversed in it (by reversed_at), in the order they were made */
    records: (g: ReconGroupPeriod) =>
      db
        .prepare(
          `SELECT setl_id, mdtrt_id, psn_no, insutype, setl_time, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay,
                  status, reversal_setl_id, reversed_at, ${SIM_CLR_TYPE_SQL} AS clr_type
           FROM settlements WHERE insutype = ? AND ${SIM_CLR_TYPE_SQL} = ?
             AND ((substr(setl_time, 1, 10) BETWEEN ? AND ?) OR (status = 'reversed' AND substr(reversed_at, 1, 10) BETWEEN ? AND ?))
           ORDER BY rowid`,
        )
        .all(g.insutype, g.clr_type, g.from, g.to, g.from, g.to) as ReconRecord[],
    drift: () => db.prepare('SELECT * FROM reconcile_drift WHERE id = 1').get() as DriftRow | undefined,
    putDrift: (d: DriftRow) =>
      void db
        .prepare(
          `INSERT INTO reconcile_drift (id, lose_setl_id, alter_setl_id, alter_field, alter_delta) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET lose_setl_id = excluded.lose_setl_id, alter_setl_id = excluded.alter_setl_id,
             alter_field = excluded.alter_field, alter_delta = excluded.alter_delta`,
        )
        .run(d.lose_setl_id, d.alter_setl_id, d.alter_field, d.alter_delta),
  };
}

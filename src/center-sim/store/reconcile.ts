/**
 * What end of day (3201/3202) reads: the settlement records of one institution, group and period,
 * and the reconcile drift switch (one row).
 *
 * The center reconciles per institution: the group is fixmedins_code (from the envelope of the
 * settling message, stored on each settlement) × insutype × clr_type. Every terminal (dev_no) of the
 * institution counts; dev_no is no key.
 *
 * A period's records are the originals settled in it (by setl_time) followed by the reversal
 * records reversed in it (by reversed_at), each in (time, setl_id) order. 3202 reads them in keyset
 * pages (a cursor: phase + time + setl_id) that seek in an index of the group, so a page costs its
 * own rows whatever the day's size and a day of a million records is never held at once; 3201 sums in SQL.
 */
import type { ReconDetailFields } from '../../main/center/transactions/3201-3202-reconcile.js';
import type { SimDb } from './db.js';

/** clr_type by the kind of settlement: pharmacy purchases clear as 41, outpatient as 11 (the terminal agrees). */
const SIM_CLR_TYPE_SQL = "CASE kind WHEN 'pharmacy' THEN '41' ELSE '11' END";

export interface ReconGroupPeriod {
  fixmedins_code: string;
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

/** where a page starts: phase 0 = originals, 1 = reversal records; after this (time, setl_id) */
export interface ReconCursor {
  phase: 0 | 1;
  /** setl_time (phase 0) or reversed_at (phase 1) of the last row read; '' before the first */
  t: string;
  setl_id: string;
}

export interface ReconSums {
  n: number;
  medfee: number | null;
  fund: number | null;
  acct: number | null;
  mulaid: number | null;
  cash: number | null;
}

export interface DriftRow {
  lose_setl_id: string | null;
  alter_setl_id: string | null;
  alter_field: string | null;
  alter_delta: number | null;
}

const COLS = `setl_id, mdtrt_id, psn_no, insutype, setl_time, medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay,
  status, reversal_setl_id, reversed_at, ${SIM_CLR_TYPE_SQL} AS clr_type`;
const GROUP = `fixmedins_code = @code AND insutype = @insutype AND ${SIM_CLR_TYPE_SQL} = @clr_type AND setl_id != @lose`;
const ORIGINALS = `${GROUP} AND setl_time >= @from AND setl_time < @until`;
const REVERSALS = `${GROUP} AND status = 'reversed' AND reversed_at >= @from AND reversed_at < @until`;
// the page's lower bound is the row value alone (no second bound on the time), so SQLite seeks to it in the index
const ORIGINALS_AFTER = `${GROUP} AND (setl_time, setl_id) > (@t, @after) AND setl_time < @until`;
const REVERSALS_AFTER = `${GROUP} AND status = 'reversed' AND (reversed_at, setl_id) > (@t, @after) AND reversed_at < @until`;
const SUMS = 'count(*) AS n, sum(medfee_sumamt) AS medfee, sum(fund_pay_sumamt) AS fund, sum(acct_pay) AS acct, sum(acct_mulaid_pay) AS mulaid, sum(psn_cash_pay) AS cash';

export function createReconcileRepo(db: SimDb) {
  // the group's key (with the clearing type as stored nowhere but computed), then the keyset's order
  db.exec(`DROP INDEX IF EXISTS settlements_recon; DROP INDEX IF EXISTS settlements_recon_rv;
    CREATE INDEX IF NOT EXISTS settlements_recon_group ON settlements (fixmedins_code, insutype, (${SIM_CLR_TYPE_SQL}), setl_time, setl_id);
    CREATE INDEX IF NOT EXISTS settlements_recon_reversed ON settlements (fixmedins_code, insutype, (${SIM_CLR_TYPE_SQL}), reversed_at, setl_id)
      WHERE status = 'reversed'`);
  const params = (g: ReconGroupPeriod, lose: string | null) => ({
    code: g.fixmedins_code,
    insutype: g.insutype,
    clr_type: g.clr_type,
    lose: lose ?? '',
    from: g.from,
    // setl_time is 'yyyy-MM-dd HH:mm:ss': everything of `to` sorts below `to` + '~'
    until: `${g.to}~`,
  });
  const page = [
    db.prepare(`SELECT ${COLS} FROM settlements WHERE ${ORIGINALS_AFTER} ORDER BY setl_time, setl_id LIMIT @limit`),
    db.prepare(`SELECT ${COLS} FROM settlements WHERE ${REVERSALS_AFTER} ORDER BY reversed_at, setl_id LIMIT @limit`),
  ];
  const sums = [db.prepare(`SELECT ${SUMS} FROM settlements WHERE ${ORIGINALS}`), db.prepare(`SELECT ${SUMS} FROM settlements WHERE ${REVERSALS}`)];
  return {
    /** up to `limit` records of one phase after the cursor, the lost one (drift) left out */
    page: (g: ReconGroupPeriod, lose: string | null, at: ReconCursor, limit: number) =>
      page[at.phase].all({ ...params(g, lose), t: at.t < g.from ? g.from : at.t, after: at.setl_id, limit }) as ReconRecord[],
    /** count and sums of the originals (phase 0) or of the reversed ones (phase 1, amounts as stored, not negated) */
    sums: (g: ReconGroupPeriod, lose: string | null, phase: 0 | 1) => sums[phase].get(params(g, lose)) as ReconSums,
    /** is this setl_id an original of the group and period (for the drift switch's altered amount) */
    inPeriod: (g: ReconGroupPeriod, setl_id: string) =>
      !!db.prepare(`SELECT 1 FROM settlements WHERE ${ORIGINALS} AND setl_id = @id`).get({ ...params(g, null), id: setl_id }),
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

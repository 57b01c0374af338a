/** Settlements (2207 outpatient, 2102 pharmacy) and their reversal state (2208, 2103, 2601). */
import type { SimDb } from './db.js';

export interface SettlementRow {
  setl_id: string;
  /** the institution whose message made it (envelope fixmedins_code) */
  fixmedins_code: string;
  kind: 'outpatient' | 'pharmacy';
  infno: string;
  msgid: string;
  mdtrt_id: string;
  psn_no: string;
  insutype: string;
  med_type: string;
  mulaid_psn_no: string | null;
  setl_time: string;
  year: number;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  acct_mulaid_pay: number;
  psn_cash_pay: number;
  split_json: string;
  ytd_delta_json: string;
  status: 'settled' | 'reversed';
  reversal_setl_id: string | null;
  reversal_msgid: string | null;
  reversed_at: string | null;
}

/** A new settlement: always 'settled', not yet reversed. */
export type NewSettlement = Omit<SettlementRow, 'status' | 'reversal_setl_id' | 'reversal_msgid' | 'reversed_at'>;

export function createSettlementRepo(db: SimDb) {
  return {
    add: (s: NewSettlement) =>
      void db
        .prepare(
          `INSERT INTO settlements (setl_id, fixmedins_code, kind, infno, msgid, mdtrt_id, psn_no, insutype, med_type, mulaid_psn_no, setl_time, year,
            medfee_sumamt, fund_pay_sumamt, acct_pay, acct_mulaid_pay, psn_cash_pay, split_json, ytd_delta_json, status)
           VALUES (@setl_id, @fixmedins_code, @kind, @infno, @msgid, @mdtrt_id, @psn_no, @insutype, @med_type, @mulaid_psn_no, @setl_time, @year,
            @medfee_sumamt, @fund_pay_sumamt, @acct_pay, @acct_mulaid_pay, @psn_cash_pay, @split_json, @ytd_delta_json, 'settled')`,
        )
        .run(s),
    get: (setl_id: string) => db.prepare('SELECT * FROM settlements WHERE setl_id = ?').get(setl_id) as SettlementRow | undefined,
    activeOfVisit: (mdtrt_id: string) =>
      db.prepare("SELECT * FROM settlements WHERE mdtrt_id = ? AND status = 'settled'").get(mdtrt_id) as SettlementRow | undefined,
    all: () => db.prepare('SELECT * FROM settlements ORDER BY rowid').all() as SettlementRow[],
    /** the settlements a settling message made that still stand (for 2601) */
    settledByMsgid: (msgid: string) =>
      db.prepare("SELECT * FROM settlements WHERE msgid = ? AND status = 'settled'").all(msgid) as SettlementRow[],
    /** the settlements a reversing message reversed that are still reversed (for 2601) */
    reversedByMsgid: (msgid: string) =>
      db.prepare("SELECT * FROM settlements WHERE reversal_msgid = ? AND status = 'reversed'").all(msgid) as SettlementRow[],
    /** the newest settled record, optionally passing one over (the reconcile drift switch's 'latest') */
    latestSettledId: (excluding: string | null) =>
      (
        db.prepare("SELECT setl_id FROM settlements WHERE status = 'settled' AND setl_id != ? ORDER BY rowid DESC LIMIT 1").get(excluding ?? '') as
          | { setl_id: string }
          | undefined
      )?.setl_id ?? null,
    markReversed: (setl_id: string, r: { reversal_setl_id: string; reversal_msgid: string; reversed_at: string }) =>
      void db
        .prepare("UPDATE settlements SET status = 'reversed', reversal_setl_id = ?, reversal_msgid = ?, reversed_at = ? WHERE setl_id = ?")
        .run(r.reversal_setl_id, r.reversal_msgid, r.reversed_at, setl_id),
    /** undoes a reversal (2601 of a 2208/2103) */
    markSettled: (setl_id: string) =>
      void db
        .prepare("UPDATE settlements SET status = 'settled', reversal_setl_id = NULL, reversal_msgid = NULL, reversed_at = NULL WHERE setl_id = ?")
        .run(setl_id),
  };
}

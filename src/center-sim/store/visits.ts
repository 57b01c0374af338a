/** Outpatient visits (2201, mdtrt_id) and the fee lines uploaded to them (2204). */
import type { SimDb } from './db.js';

export interface VisitRow {
  mdtrt_id: string;
  psn_no: string;
  insutype: string;
  msgid: string;
  created_at: string;
}

export interface FeeLineRow {
  mdtrt_id: string;
  feedetl_sn: string;
  ord: number;
  med_list_codg: string;
  pric: number;
  cnt: string;
  det_item_fee_sumamt: number;
  /** '2' (审批不通过): the institution sends the line as fully self-paid */
  hosp_appr_flag: string;
}

export function createVisitRepo(db: SimDb) {
  return {
    add: (v: VisitRow) =>
      void db
        .prepare('INSERT INTO visits (mdtrt_id, psn_no, insutype, msgid, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(v.mdtrt_id, v.psn_no, v.insutype, v.msgid, v.created_at),
    get: (mdtrt_id: string) => db.prepare('SELECT * FROM visits WHERE mdtrt_id = ?').get(mdtrt_id) as VisitRow | undefined,
    /** the visits one message registered (for 2601) */
    byMsgid: (msgid: string) =>
      db.prepare('SELECT mdtrt_id, psn_no FROM visits WHERE msgid = ?').all(msgid) as Array<Pick<VisitRow, 'mdtrt_id' | 'psn_no'>>,
    /** the visit and its fee lines */
    remove(mdtrt_id: string): void {
      db.prepare('DELETE FROM fee_lines WHERE mdtrt_id = ?').run(mdtrt_id);
      db.prepare('DELETE FROM visits WHERE mdtrt_id = ?').run(mdtrt_id);
    },
    feeLines: (mdtrt_id: string) => db.prepare('SELECT * FROM fee_lines WHERE mdtrt_id = ? ORDER BY ord, feedetl_sn').all(mdtrt_id) as FeeLineRow[],
    /** Appends lines after those already uploaded; a feedetl_sn sent again replaces its line in place. */
    upsertFeeLines(mdtrt_id: string, lines: ReadonlyArray<Omit<FeeLineRow, 'mdtrt_id' | 'ord'>>): void {
      const ins = db.prepare(
        `INSERT INTO fee_lines (mdtrt_id, feedetl_sn, ord, med_list_codg, pric, cnt, det_item_fee_sumamt, hosp_appr_flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(mdtrt_id, feedetl_sn) DO UPDATE SET med_list_codg = excluded.med_list_codg, pric = excluded.pric,
           cnt = excluded.cnt, det_item_fee_sumamt = excluded.det_item_fee_sumamt, hosp_appr_flag = excluded.hosp_appr_flag`,
      );
      const base = (db.prepare('SELECT COALESCE(MAX(ord), -1) + 1 AS n FROM fee_lines WHERE mdtrt_id = ?').get(mdtrt_id) as { n: number }).n;
      lines.forEach((l, i) => ins.run(mdtrt_id, l.feedetl_sn, base + i, l.med_list_codg, l.pric, l.cnt, l.det_item_fee_sumamt, l.hosp_appr_flag));
    },
  };
}

/** Every 2601 the center answered, by the original msgid it was about. */
import type { SimDb } from './db.js';

export interface SimReversal {
  omsgid: string;
  oinfno: string;
  msgid: string;
  psn_no: string;
  rvs_flag: '0' | '1';
  at: string;
}

export function createReversalRepo(db: SimDb) {
  return {
    byOmsgid: (omsgid: string) => db.prepare('SELECT * FROM sim_reversals WHERE omsgid = ?').get(omsgid) as SimReversal | undefined,
    add: (r: SimReversal) =>
      void db
        .prepare('INSERT INTO sim_reversals (omsgid, oinfno, msgid, psn_no, rvs_flag, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(r.omsgid, r.oinfno, r.msgid, r.psn_no, r.rvs_flag, r.at),
    all: () => db.prepare('SELECT * FROM sim_reversals ORDER BY rowid').all() as SimReversal[],
  };
}

/** People (参保人员) and their personal-account balances. */
import type { SimDb } from './db.js';

export interface PersonRow {
  psn_no: string;
  ord: number;
  label: string;
  psn_name: string;
  gend: string;
  naty: string;
  brdy: string;
  certno: string;
  insutype: string;
  psn_type: string;
  psn_insu_stas: string;
  psn_insu_date: string;
  insuplc_admdvs: string;
  cvlserv_flag: number;
  emp_name: string;
  balc: number;
  card_no: string | null;
  card_sn: string | null;
  basic_info: string | null;
  qr_token: string | null;
  filing_admdvs: string | null;
  filing_begn: string | null;
  filing_end: string | null;
}

export function createPeopleRepo(db: SimDb) {
  const one = (where: 'psn_no' | 'certno' | 'card_no' | 'qr_token', value: string) => db.prepare(`SELECT * FROM people WHERE ${where} = ?`).get(value) as PersonRow | undefined;
  return {
    get: (psn_no: string) => one('psn_no', psn_no),
    byCertno: (certno: string) => one('certno', certno),
    byCard: (card_no: string) => one('card_no', card_no),
    byQr: (token: string) => one('qr_token', token),
    all: () => db.prepare('SELECT * FROM people ORDER BY ord').all() as PersonRow[],
    /** a tester's top-up: false for an unknown psn_no */
    setBalance: (psn_no: string, balc: number) => db.prepare('UPDATE people SET balc = ? WHERE psn_no = ?').run(balc, psn_no).changes === 1,
    /** throws rather than let a balance go below zero (the engine never asks for that) */
    addBalance(psn_no: string, delta: number): void {
      const r = db.prepare('UPDATE people SET balc = balc + ? WHERE psn_no = ? AND balc + ? >= 0').run(delta, psn_no, delta);
      if (r.changes !== 1) throw new Error(`balance of ${psn_no} cannot change by ${delta}`);
    },
  };
}

export type PeopleRepo = ReturnType<typeof createPeopleRepo>;

/** Year-to-date counters per person (deductible met, pooling and critical-illness paid). */
import type { SimDb } from './db.js';

export interface YtdRow {
  year: number;
  dedc_used: number;
  hifp_paid: number;
  hifmi_paid: number;
}

export type YtdDelta = Omit<YtdRow, 'year'>;

export function createYtdRepo(db: SimDb) {
  return {
    /** a year with no row reads as all zero */
    get: (psn_no: string, year: number): YtdRow =>
      (db.prepare('SELECT year, dedc_used, hifp_paid, hifmi_paid FROM ytd WHERE psn_no = ? AND year = ?').get(psn_no, year) as
        | YtdRow
        | undefined) ?? { year, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 },
    /** adds (sign 1) or takes back (sign -1) a settlement's delta; never below zero */
    add(psn_no: string, year: number, d: YtdDelta, sign: 1 | -1): void {
      db.prepare('INSERT INTO ytd (psn_no, year, dedc_used, hifp_paid, hifmi_paid) VALUES (?, ?, 0, 0, 0) ON CONFLICT DO NOTHING').run(
        psn_no,
        year,
      );
      db.prepare(
        `UPDATE ytd SET dedc_used = MAX(0, dedc_used + ?), hifp_paid = MAX(0, hifp_paid + ?), hifmi_paid = MAX(0, hifmi_paid + ?)
         WHERE psn_no = ? AND year = ?`,
      ).run(sign * d.dedc_used, sign * d.hifp_paid, sign * d.hifmi_paid, psn_no, year);
    },
  };
}

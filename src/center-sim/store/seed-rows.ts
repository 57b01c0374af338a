/** Writes the demo population (../seed.ts) into a fresh simulator file; a file with people is left as it is. */
import { SEED_BINDINGS, SEED_PEOPLE, basicInfoFor, credentialsFor } from '../seed.js';
import type { SimDb } from './db.js';

export function seedIfEmpty(db: SimDb, year: number): void {
  const count = (db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n;
  if (count === 0) seed(db, year);
}

function seed(db: SimDb, year: number): void {
  const insPerson = db.prepare(`INSERT INTO people
    (psn_no, ord, label, psn_name, gend, naty, brdy, certno, insutype, psn_type, psn_insu_stas, psn_insu_date,
     insuplc_admdvs, cvlserv_flag, emp_name, balc, card_no, card_sn, basic_info, qr_token, filing_admdvs, filing_begn, filing_end)
    VALUES (@psn_no, @ord, @label, @psn_name, @gend, '01', @brdy, @certno, @insutype, @psn_type, '1', @psn_insu_date,
     @insuplc_admdvs, @cvlserv_flag, @emp_name, @balc, @card_no, @card_sn, @basic_info, @qr_token, @filing_admdvs, @filing_begn, @filing_end)`);
  const insYtd = db.prepare('INSERT INTO ytd (psn_no, year, dedc_used, hifp_paid, hifmi_paid) VALUES (?, ?, ?, ?, ?)');
  const insBinding = db.prepare(
    'INSERT INTO bindings (user_psn_no, authorizer_psn_no, relation, begn_date, end_date) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    SEED_PEOPLE.forEach((p, ord) => {
      const c = credentialsFor(p);
      insPerson.run({
        psn_no: p.psn_no,
        ord,
        label: p.label,
        psn_name: p.psn_name,
        gend: p.gend,
        brdy: p.brdy,
        certno: c.certno,
        insutype: p.insutype,
        psn_type: p.psn_type,
        psn_insu_date: p.insutype === '310' ? '2005-01-01' : '2010-01-01',
        insuplc_admdvs: p.insuplc_admdvs,
        cvlserv_flag: p.cvlserv_flag ? 1 : 0,
        emp_name: p.emp_name,
        balc: p.balc,
        card_no: c.card_no,
        card_sn: c.card_sn,
        basic_info: basicInfoFor(p, c),
        qr_token: c.qr,
        filing_admdvs: p.filing?.insuplc_admdvs ?? null,
        filing_begn: p.filing?.begn_date ?? null,
        filing_end: p.filing?.end_date ?? null,
      });
      if (p.ytd) insYtd.run(p.psn_no, year, p.ytd.dedc_used, p.ytd.hifp_paid, p.ytd.hifmi_paid);
    });
    for (const b of SEED_BINDINGS) insBinding.run(b.user, b.authorizer, b.relation, b.begn_date, b.end_date);
  })();
}

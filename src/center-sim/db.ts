/**
 * The simulator's own SQLite file: people, bindings, year-to-date counters, visits, fee lines,
 * settlements and the reply of every msgid (deduplication). WAL, synchronous=FULL.
 */
import Database from 'better-sqlite3';
import { SEED_BINDINGS, SEED_PEOPLE, basicInfoFor, credentialsFor } from './seed.js';

export type SimDb = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS people (
  psn_no TEXT PRIMARY KEY,
  ord INTEGER NOT NULL,
  label TEXT NOT NULL,
  psn_name TEXT NOT NULL,
  gend TEXT NOT NULL,
  naty TEXT NOT NULL,
  brdy TEXT NOT NULL,
  certno TEXT NOT NULL UNIQUE,
  insutype TEXT NOT NULL,
  psn_type TEXT NOT NULL,
  psn_insu_stas TEXT NOT NULL,
  psn_insu_date TEXT NOT NULL,
  insuplc_admdvs TEXT NOT NULL,
  cvlserv_flag INTEGER NOT NULL,
  emp_name TEXT NOT NULL,
  balc INTEGER NOT NULL CHECK (balc >= 0),
  card_no TEXT UNIQUE,
  card_sn TEXT,
  basic_info TEXT,
  qr_token TEXT UNIQUE,
  filing_admdvs TEXT,
  filing_begn TEXT,
  filing_end TEXT
);
CREATE TABLE IF NOT EXISTS bindings (
  user_psn_no TEXT NOT NULL,
  authorizer_psn_no TEXT NOT NULL,
  relation TEXT NOT NULL,
  begn_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  PRIMARY KEY (user_psn_no, authorizer_psn_no)
);
CREATE TABLE IF NOT EXISTS ytd (
  psn_no TEXT NOT NULL,
  year INTEGER NOT NULL,
  dedc_used INTEGER NOT NULL,
  hifp_paid INTEGER NOT NULL,
  hifmi_paid INTEGER NOT NULL,
  PRIMARY KEY (psn_no, year)
);
CREATE TABLE IF NOT EXISTS sign_ins (sign_no TEXT PRIMARY KEY, opter TEXT NOT NULL, sign_time TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS visits (
  mdtrt_id TEXT PRIMARY KEY,
  psn_no TEXT NOT NULL,
  insutype TEXT NOT NULL,
  msgid TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fee_lines (
  mdtrt_id TEXT NOT NULL,
  feedetl_sn TEXT NOT NULL,
  ord INTEGER NOT NULL,
  med_list_codg TEXT NOT NULL,
  pric INTEGER NOT NULL,
  cnt TEXT NOT NULL,
  det_item_fee_sumamt INTEGER NOT NULL,
  PRIMARY KEY (mdtrt_id, feedetl_sn)
);
CREATE TABLE IF NOT EXISTS settlements (
  setl_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  mdtrt_id TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  insutype TEXT NOT NULL,
  med_type TEXT NOT NULL,
  mulaid_psn_no TEXT,
  setl_time TEXT NOT NULL,
  year INTEGER NOT NULL,
  medfee_sumamt INTEGER NOT NULL,
  fund_pay_sumamt INTEGER NOT NULL,
  acct_pay INTEGER NOT NULL,
  acct_mulaid_pay INTEGER NOT NULL,
  psn_cash_pay INTEGER NOT NULL,
  split_json TEXT NOT NULL,
  ytd_delta_json TEXT NOT NULL,
  status TEXT NOT NULL,
  reversal_setl_id TEXT,
  reversal_msgid TEXT,
  reversed_at TEXT
);
CREATE TABLE IF NOT EXISTS messages (
  msgid TEXT PRIMARY KEY,
  infno TEXT NOT NULL,
  reply TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;

export function openSimDb(dbPath: string, seedYear: number): SimDb {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const count = (db.prepare('SELECT COUNT(*) AS n FROM people').get() as { n: number }).n;
  if (count === 0) seed(db, seedYear);
  return db;
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

/** Next value of a named counter (persistent, so ids stay unique across restarts). */
export function nextCounter(db: SimDb, name: string): number {
  db.prepare('INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT(name) DO NOTHING').run(name);
  db.prepare('UPDATE counters SET value = value + 1 WHERE name = ?').run(name);
  return (db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number }).value;
}

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

export interface BindingRow {
  user_psn_no: string;
  authorizer_psn_no: string;
  relation: 'spouse' | 'child' | 'parent';
  begn_date: string;
  end_date: string;
}

export interface SettlementRow {
  setl_id: string;
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

export interface YtdRow {
  year: number;
  dedc_used: number;
  hifp_paid: number;
  hifmi_paid: number;
}

export const q = {
  person: (db: SimDb, psn_no: string) => db.prepare('SELECT * FROM people WHERE psn_no = ?').get(psn_no) as PersonRow | undefined,
  personByCertno: (db: SimDb, certno: string) =>
    db.prepare('SELECT * FROM people WHERE certno = ?').get(certno) as PersonRow | undefined,
  personByCard: (db: SimDb, card_no: string) =>
    db.prepare('SELECT * FROM people WHERE card_no = ?').get(card_no) as PersonRow | undefined,
  personByQr: (db: SimDb, token: string) => db.prepare('SELECT * FROM people WHERE qr_token = ?').get(token) as PersonRow | undefined,
  people: (db: SimDb) => db.prepare('SELECT * FROM people ORDER BY ord').all() as PersonRow[],
  bindingsOfUser: (db: SimDb, user: string) =>
    db.prepare('SELECT * FROM bindings WHERE user_psn_no = ? ORDER BY begn_date, authorizer_psn_no').all(user) as BindingRow[],
  binding: (db: SimDb, user: string, authorizer: string) =>
    db.prepare('SELECT * FROM bindings WHERE user_psn_no = ? AND authorizer_psn_no = ?').get(user, authorizer) as
      | BindingRow
      | undefined,
  ytd: (db: SimDb, psn_no: string, year: number): YtdRow =>
    (db.prepare('SELECT year, dedc_used, hifp_paid, hifmi_paid FROM ytd WHERE psn_no = ? AND year = ?').get(psn_no, year) as
      | YtdRow
      | undefined) ?? { year, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 },
  addYtd: (db: SimDb, psn_no: string, year: number, d: { dedc_used: number; hifp_paid: number; hifmi_paid: number }, sign: 1 | -1) => {
    db.prepare('INSERT INTO ytd (psn_no, year, dedc_used, hifp_paid, hifmi_paid) VALUES (?, ?, 0, 0, 0) ON CONFLICT DO NOTHING').run(
      psn_no,
      year,
    );
    db.prepare(
      `UPDATE ytd SET dedc_used = MAX(0, dedc_used + ?), hifp_paid = MAX(0, hifp_paid + ?), hifmi_paid = MAX(0, hifmi_paid + ?)
       WHERE psn_no = ? AND year = ?`,
    ).run(sign * d.dedc_used, sign * d.hifp_paid, sign * d.hifmi_paid, psn_no, year);
  },
  setBalance: (db: SimDb, psn_no: string, balc: number) => db.prepare('UPDATE people SET balc = ? WHERE psn_no = ?').run(balc, psn_no).changes === 1,
  addBalance: (db: SimDb, psn_no: string, delta: number) => {
    const r = db.prepare('UPDATE people SET balc = balc + ? WHERE psn_no = ? AND balc + ? >= 0').run(delta, psn_no, delta);
    if (r.changes !== 1) throw new Error(`balance of ${psn_no} cannot change by ${delta}`);
  },
  visit: (db: SimDb, mdtrt_id: string) =>
    db.prepare('SELECT * FROM visits WHERE mdtrt_id = ?').get(mdtrt_id) as
      | { mdtrt_id: string; psn_no: string; insutype: string; msgid: string; created_at: string }
      | undefined,
  feeLines: (db: SimDb, mdtrt_id: string) =>
    db.prepare('SELECT * FROM fee_lines WHERE mdtrt_id = ? ORDER BY ord, feedetl_sn').all(mdtrt_id) as Array<{
      mdtrt_id: string;
      feedetl_sn: string;
      ord: number;
      med_list_codg: string;
      pric: number;
      cnt: string;
      det_item_fee_sumamt: number;
    }>,
  settlement: (db: SimDb, setl_id: string) =>
    db.prepare('SELECT * FROM settlements WHERE setl_id = ?').get(setl_id) as SettlementRow | undefined,
  activeSettlementOfVisit: (db: SimDb, mdtrt_id: string) =>
    db.prepare("SELECT * FROM settlements WHERE mdtrt_id = ? AND status = 'settled'").get(mdtrt_id) as SettlementRow | undefined,
  settlements: (db: SimDb) => db.prepare('SELECT * FROM settlements ORDER BY rowid').all() as SettlementRow[],
  message: (db: SimDb, msgid: string) =>
    db.prepare('SELECT infno, reply FROM messages WHERE msgid = ?').get(msgid) as { infno: string; reply: string } | undefined,
  saveMessage: (db: SimDb, msgid: string, infno: string, reply: string, at: string) =>
    db.prepare('INSERT OR IGNORE INTO messages (msgid, infno, reply, created_at) VALUES (?, ?, ?, ?)').run(msgid, infno, reply, at),
};

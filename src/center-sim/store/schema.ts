/**
 * The simulator's tables. Every statement is CREATE … IF NOT EXISTS and runs at each open, so a
 * file written by an older simulator gains the tables added since (reversals, reconcile drift).
 */
export const SIM_SCHEMA = `
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
CREATE TABLE IF NOT EXISTS sim_reversals (
  omsgid TEXT PRIMARY KEY,
  oinfno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  rvs_flag TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reconcile_drift (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  lose_setl_id TEXT,
  alter_setl_id TEXT,
  alter_field TEXT,
  alter_delta INTEGER
);
`;

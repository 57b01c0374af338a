import { migration3Reconcile } from './migration-3-reconcile.js';
import { migration2Sync } from './migration-2-sync.js';

/** Schema of terminal.db. Append new migrations; never edit a shipped one. */
export const migrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE cashiers (
  no TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('cashier','supervisor')),
  pin_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

-- one row per settlement the cashier confirmed; amounts in integer fen
CREATE TABLE settlements (
  id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('pharmacy','outpatient')),
  med_type TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued','settled','refused','reversing','reversed')),
  business_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  terminal_id TEXT NOT NULL,
  cashier_no TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  psn_name_masked TEXT NOT NULL,
  certno_masked TEXT NOT NULL,
  insutype TEXT NOT NULL,
  insuplc_admdvs TEXT NOT NULL,
  mdtrt_cert_type TEXT NOT NULL,
  mdtrt_cert_no TEXT NOT NULL,
  card_sn TEXT,
  use_acct INTEGER NOT NULL,
  mulaid_psn_no TEXT,
  mulaid_name_masked TEXT,
  local_split TEXT NOT NULL,
  center_split TEXT,
  explanation TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  his TEXT,
  medfee_sumamt INTEGER NOT NULL CHECK (medfee_sumamt >= 0),
  mdtrt_id TEXT,
  setl_id TEXT,
  last_error TEXT
);
CREATE INDEX settlements_by_date ON settlements (business_date, created_at);

CREATE TABLE settlement_items (
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  line_no INTEGER NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  chrgitm_lv TEXT NOT NULL,
  pric INTEGER NOT NULL CHECK (pric >= 0),
  cnt TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  selfpay_prop INTEGER NOT NULL,
  pric_uplmt_amt INTEGER,
  PRIMARY KEY (settlement_id, line_no)
) WITHOUT ROWID; -- one B-tree instead of table + key index: one less page to write per confirm

-- every message to the center, written in the same transaction as the state it reports
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  step INTEGER NOT NULL,
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL UNIQUE,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','done','parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  response TEXT,
  created_at TEXT NOT NULL,
  done_at TEXT
);
-- covering for the worker's queue scan and the status bar's "settlements with pending messages"
CREATE INDEX outbox_pending ON outbox (status, id, settlement_id);
-- "is an earlier message of this settlement still open?", asked for every message the worker sends
CREATE INDEX outbox_by_settlement ON outbox (settlement_id, id);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT,
  detail TEXT
);

-- last 1101 answer per person, for offline identification (marked stale when used)
CREATE TABLE person_cache (
  psn_no TEXT PRIMARY KEY,
  certno TEXT NOT NULL,
  card_no TEXT,
  data TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
CREATE INDEX person_cache_certno ON person_cache (certno);
CREATE INDEX person_cache_card ON person_cache (card_no);

-- msgid sequence per second: institution code (12) + yyyyMMddHHmmss + 4 digits
CREATE TABLE msgid_seq (stamp TEXT PRIMARY KEY, seq INTEGER NOT NULL);

CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  migration2Sync,
  migration3Reconcile,
];

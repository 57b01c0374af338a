import { migration3Reconcile } from './migration-3-reconcile.js';
import { migration2Sync } from './migration-2-sync.js';
import { migration4Receipts } from './migration-4-receipts.js';
import { migration6Security } from './migration-6-security.js';
import { migration7Institution } from './migration-7-institution.js';
import { migration9CatalogHis } from './migration-9-catalog-his.js';

/**
 * Schema of terminal.db. Append new migrations; never edit a shipped one (1–3 were rewritten before the
 * first release: db.ts refuses files made earlier). Each area owns its numbers, in a file of its own
 * beside its repository (migration-N-<area>.ts), listed here once:
 *   1 settlements, outbox, audit, person cache, cashiers   2 sync   3 reconcile
 *   4 receipts, cash and hand-over   5 cashier screen   6 security (cashiers, audit chain, data at rest)
 *   7 institution replication   8 center transport and card library   9 catalog and HIS
 */
/** late: landed below the newest number already shipped; its SQL runs again harmlessly (db.ts migrate) */
export const migrations: { version: number; sql: string; late?: boolean }[] = [
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

-- one row per settlement the cashier confirmed; amounts in integer fen.
-- The confirm path writes as few B-trees as it can (bench/sync-commit.bench.ts): every B-tree a
-- transaction touches is at least one more page in the WAL and in the fsync.
--  * id is the renderer's request id (a UUIDv7: time-ordered, so new keys land at the right edge of
--    the key index instead of splitting pages in the middle); confirming the same request twice finds
--    the row by its key, so nothing is doubled.
--  * items: the bill's lines as a JSON array, part of the row (the settlement_items view below reads
--    them as rows); fee lines for the center are made from them at send time.
--  * last_outbox_id: the settlement's newest outbox message (the messages chain through after_id), so
--    neither the worker nor a reversal needs an index of the outbox by settlement.
CREATE TABLE settlements (
  id TEXT PRIMARY KEY,
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
  items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array'),
  last_outbox_id INTEGER,
  mdtrt_id TEXT,
  setl_id TEXT,
  last_error TEXT,
  -- clearing type (清算类别): 41 pharmacy purchase, 11 outpatient; the same rule as the simulator
  clr_type TEXT GENERATED ALWAYS AS (CASE kind WHEN 'pharmacy' THEN '41' ELSE '11' END) VIRTUAL,
  -- the amounts end of day adds up: the center's split where it answered (authoritative), the local
  -- preview otherwise. Plain columns the repository writes with the split (SQLite does not read generated
  -- columns from an index, and end of day must total a 100,000-row day from the index alone); the CHECK
  -- makes a write that disagrees with the split fail instead of leaving a wrong total.
  amt_medfee INTEGER NOT NULL,
  amt_fund INTEGER NOT NULL,
  amt_acct INTEGER NOT NULL,
  amt_mulaid INTEGER NOT NULL,
  amt_cash INTEGER NOT NULL,
  CHECK (json_array(amt_medfee, amt_fund, amt_acct, amt_mulaid, amt_cash) = json_array(
    json_extract(COALESCE(center_split, local_split), '$.medfee_sumamt'), json_extract(COALESCE(center_split, local_split), '$.fund_pay_sumamt'),
    json_extract(COALESCE(center_split, local_split), '$.acct_pay'), json_extract(COALESCE(center_split, local_split), '$.acct_mulaid_pay'),
    json_extract(COALESCE(center_split, local_split), '$.psn_cash_pay')))
);
-- One index serves the whole day: lists and exports in time order, the settlements the center has not
-- confirmed (status, setl_id), and end of day's totals per insutype x clr_type read from the index alone.
CREATE INDEX settlements_by_date ON settlements (business_date, created_at, status, setl_id, insutype, kind,
  amt_medfee, amt_fund, amt_acct, amt_mulaid, amt_cash);

-- the bill's lines as rows, for SQL readers (support, audits, tests)
CREATE VIEW settlement_items AS
  SELECT s.id AS settlement_id,
    json_extract(j.value, '$.line_no') AS line_no, json_extract(j.value, '$.code') AS code, json_extract(j.value, '$.name') AS name,
    json_extract(j.value, '$.chrgitm_lv') AS chrgitm_lv, json_extract(j.value, '$.pric') AS pric, json_extract(j.value, '$.cnt') AS cnt,
    json_extract(j.value, '$.amount') AS amount, json_extract(j.value, '$.selfpay_prop') AS selfpay_prop,
    json_extract(j.value, '$.pric_uplmt_amt') AS pric_uplmt_amt
  FROM settlements s, json_each(s.items) j;

-- every message to the center, written in the same transaction as the state it reports.
-- Rows are never deleted, so the plain rowid only grows (no AUTOINCREMENT bookkeeping per insert); msgids
-- are unique by construction (msgid.ts) and looked up in send_log, not here. after_id is the previous
-- message of the same settlement: a message goes only once that one is done (a reversal never
-- overtakes its settlement, 2207 never overtakes 2201). When and how the center answered is kept in
-- send_log, whose newest row it completes, not here: a row that grows in the middle of the queue splits
-- its page, so answering a message changes only its status and counters.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  after_id INTEGER REFERENCES outbox(id),
  step INTEGER NOT NULL,
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending','done','parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL
);
-- the worker's queue and the status bar's "settlements with pending messages": partial, so it holds only
-- the open messages and stays a page or two however long the history grows
CREATE INDEX outbox_pending ON outbox (id, settlement_id, next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_parked ON outbox (id) WHERE status = 'parked';

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
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

CREATE TABLE kv (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`,
  },
  migration2Sync,
  migration3Reconcile,
  migration4Receipts,
  migration6Security,
  migration7Institution,
  migration9CatalogHis,
];

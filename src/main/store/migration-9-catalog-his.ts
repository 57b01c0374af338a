/**
 * Migration 9 (catalog and HIS): the institution's own catalog in versions, the national catalog
 * behind it, the mapping uploads, and what the terminal owes the HIS.
 *
 * catalog_versions / catalog_items — every import is a version of the whole institution catalog.
 *   'staged' until activated with an effective time; the version in force is the newest 'active' one
 *   whose effective_at has come; 'withdrawn' (rollback) puts the one before it back in force. Pinyin
 *   initials and full pinyin are computed at import and stored, so starting up needs no pinyin library.
 * national_items / national_downloads — the national catalog (医保目录: 1312 items, 1318 price caps,
 *   1319 self-pay ratios) by national code, with the high-water mark of updt_time it was downloaded
 *   to (its version); a download writes its pages into national_staging and swaps them in at the end
 *   in one transaction, so a cut download leaves the previous catalog whole.
 * catalog_mappings — the mapping (对照) of an institution code to a national code as uploaded to the
 *   center (3301) or revoked (3302), with the center's answer.
 * his_bills / his_line_removals — a bill as the HIS gave it when the cashier loaded it by number, and
 *   the lines a supervisor allowed to be removed from it (the load starts them over).
 * his_claims — the settlement a bill number belongs to while that settlement stands: the second
 *   settlement of a bill is refused in the transaction that would commit it.
 * his_notices — what the HIS must hear (settled / reversed), written in the transaction of the center's
 *   answer, keyed by an idempotency key the HIS checks, sent until the HIS acknowledges.
 */
export const migration9CatalogHis = {
  version: 9,
  sql: `
CREATE TABLE catalog_versions (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('staged','active','withdrawn','discarded')),
  source TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  item_count INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  effective_at TEXT,
  activated_at TEXT,
  activated_by TEXT,
  withdrawn_at TEXT,
  withdrawn_by TEXT
);
CREATE TABLE catalog_items (
  version_id INTEGER NOT NULL REFERENCES catalog_versions(id),
  medins_list_codg TEXT NOT NULL,
  name TEXT NOT NULL,
  spec TEXT NOT NULL,
  unit TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('drug','service','material')),
  price INTEGER NOT NULL CHECK (price >= 0),
  barcode TEXT,
  whole_units INTEGER NOT NULL CHECK (whole_units IN (0, 1)),
  med_list_codg TEXT,
  py_initials TEXT NOT NULL,
  py_full TEXT NOT NULL,
  PRIMARY KEY (version_id, medins_list_codg)
) WITHOUT ROWID;

CREATE TABLE national_items (
  med_list_codg TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  chrgitm_lv TEXT NOT NULL CHECK (chrgitm_lv IN ('01','02','03')),
  list_type TEXT NOT NULL,
  med_chrgitm_type TEXT NOT NULL,
  begndate TEXT NOT NULL,
  enddate TEXT NOT NULL,
  vali_flag TEXT NOT NULL,
  selfpay_prop INTEGER NOT NULL DEFAULT 0 CHECK (selfpay_prop BETWEEN 0 AND 10000),
  pric_uplmt_amt INTEGER CHECK (pric_uplmt_amt >= 0),
  updt_time TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE national_staging (
  download_id INTEGER NOT NULL,
  part TEXT NOT NULL CHECK (part IN ('item','cap','ratio')),
  med_list_codg TEXT NOT NULL,
  data TEXT NOT NULL,
  updt_time TEXT NOT NULL,
  PRIMARY KEY (download_id, part, med_list_codg)
) WITHOUT ROWID;
CREATE TABLE national_downloads (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('running','done','failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT,
  since TEXT NOT NULL,
  max_updt_time TEXT,
  counts TEXT,
  error TEXT,
  operator TEXT NOT NULL
);

CREATE TABLE catalog_mappings (
  medins_list_codg TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','uploaded','refused','revoke_pending','revoked')),
  msgid TEXT,
  err_msg TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (medins_list_codg, med_list_codg)
) WITHOUT ROWID;

CREATE TABLE his_bills (
  his_bill_no TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  doc TEXT NOT NULL,
  loaded_at TEXT NOT NULL,
  loaded_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE his_line_removals (
  his_bill_no TEXT NOT NULL REFERENCES his_bills(his_bill_no),
  line_index INTEGER NOT NULL,
  line TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (his_bill_no, line_index)
) WITHOUT ROWID;
CREATE TABLE his_claims (
  his_bill_no TEXT PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  claimed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE his_notices (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  kind TEXT NOT NULL CHECK (kind IN ('settled','reversed')),
  his_bill_no TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','acked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  acked_at TEXT,
  ack TEXT
);
-- the sender's queue and the status bar's count: only the unacknowledged ones
CREATE INDEX his_notices_pending ON his_notices (id, settlement_id, next_attempt_at) WHERE state = 'pending';
`,
};

/**
 * Migration 2 (sync area): the send log, unknown-outcome resolution, conflicts and offline confirmations.
 *
 * send_log — one row per msgid that ever left (or was about to leave) the terminal. Written as
 *   'pending' in its own committed transaction BEFORE the request goes out, then ended as:
 *     success  the center answered infcode 0
 *     refused  the center answered a business refusal (infcode < 0, err_msg)
 *     unknown  no usable answer (timeout, connection dropped, HTTP 5xx, unreadable body): the center
 *              may or may not have applied it. For a state-changing message it is resolved with 2601
 *              and the message goes again under a new msgid; `resolved_by` names that 2601.
 *     unsent   the connection was refused: the request never reached the center
 *   A row still 'pending' when the terminal starts means the process died mid-send: it is unknown.
 *
 * outbox.unknown_msgid / outbox.reversal_msgid — a message whose last msgid has an unknown outcome:
 *   the 2601 (under reversal_msgid, stable across its retries) must succeed before the message is
 *   sent again under a new msgid (outbox.msgid is then replaced; the old one stays in send_log).
 */
export const migration2Sync = {
  version: 2,
  sql: `
ALTER TABLE outbox ADD COLUMN unknown_msgid TEXT;
ALTER TABLE outbox ADD COLUMN reversal_msgid TEXT;

CREATE TABLE send_log (
  msgid TEXT PRIMARY KEY,
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  infno TEXT NOT NULL,
  -- 2601 only: the message it reverses
  omsgid TEXT,
  oinfno TEXT,
  state TEXT NOT NULL CHECK (state IN ('pending','success','refused','unknown','unsent')),
  tries INTEGER NOT NULL DEFAULT 0,
  -- why the last try did not succeed: network | timeout | http | bad_reply | refused | crash
  failure TEXT,
  http_status INTEGER,
  infcode INTEGER,
  err_msg TEXT,
  -- the center's reply body when it could not be used (kept for support, truncated)
  raw_reply TEXT,
  -- success: the answer's identifiers and times as JSON ({data, setlinfo}: setl_id, mdtrt_id, setl_time, …);
  -- end of day reads a reversal's setl_id and time from it; the amounts are the settlement's center_split
  reply TEXT,
  first_at TEXT NOT NULL,
  sent_at TEXT NOT NULL,
  ended_at TEXT,
  -- unknown outcomes: the 2601 msgid that resolved it, and what it found ('reversed' | 'not_applied')
  resolved_by TEXT,
  resolution TEXT
) WITHOUT ROWID; -- one B-tree keyed by msgid (msgids only grow: rows append) instead of a table and its key index
CREATE INDEX send_log_by_settlement ON send_log (settlement_id);
-- partial: a 'success' entry would land in the middle of an index ordered by state (success sorts
-- before unknown/unsent) and split pages on every answer; the rest are few
CREATE INDEX send_log_open ON send_log (state) WHERE state != 'success';

-- differences between the terminal and the center that a person must look at
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  kind TEXT NOT NULL CHECK (kind IN ('split_differs','refused')),
  reason TEXT NOT NULL,
  -- JSON: the split fields that differ (split_differs)
  fields TEXT NOT NULL,
  local_split TEXT NOT NULL,
  center_split TEXT,
  state TEXT NOT NULL CHECK (state IN ('open','accepted','reversed')),
  raised_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  note TEXT,
  UNIQUE (settlement_id, kind)
);
CREATE INDEX conflicts_open ON conflicts (state, raised_at);

-- settlements confirmed while the center was unreachable (configuration offline.allowConfirm)
CREATE TABLE offline_confirms (
  settlement_id TEXT PRIMARY KEY REFERENCES settlements(id),
  business_date TEXT NOT NULL,
  -- what the center is expected to pay: fund + own account + co-pay account (everything but cash)
  insured_fen INTEGER NOT NULL,
  person_fetched_at TEXT,
  confirmed_at TEXT NOT NULL
);
CREATE INDEX offline_confirms_by_date ON offline_confirms (business_date);
`,
};

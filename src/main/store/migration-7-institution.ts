/**
 * Migration 7 (institution replication): what this window owes the institution's PostgreSQL.
 *
 * repl_queue  — one row per change of a settlement's state, written by the replication follower in the
 *               change's own transaction (so a SIGKILL can never separate a confirm from its row here).
 *               seq is the rowid: it only grows, because rows are never deleted (acked rows stay as the
 *               window's own trail; a row is ~100 bytes). business_date is the settlement's, for "the
 *               oldest unsent day" without a join. detail: the change's own facts (JSON).
 * repl_state  — one row: the newest seq PostgreSQL has committed (acked). The sender commits a batch in
 *               PostgreSQL first and acks here after; a crash in between replays the batch, which the
 *               institution database ignores (the upserts are guarded by repl_seq).
 * Marked late: it landed after 9 had, so a data file made while 9 was the newest migration gets it at
 * its next open (db.ts keeps the set of applied migrations); written to run again harmlessly.
 */
export const migration7Institution = {
  version: 7,
  late: true,
  sql: `
CREATE TABLE IF NOT EXISTS repl_queue (
  seq INTEGER PRIMARY KEY,
  settlement_id TEXT NOT NULL REFERENCES settlements(id),
  kind TEXT NOT NULL CHECK (kind IN ('confirmed', 'answered', 'refused', 'reversal_requested', 'conflict_resolved')),
  at TEXT NOT NULL,
  business_date TEXT NOT NULL,
  detail TEXT NOT NULL CHECK (json_valid(detail))
);
CREATE TABLE IF NOT EXISTS repl_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  acked_seq INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO repl_state (id, acked_seq) VALUES (1, 0);
`,
};

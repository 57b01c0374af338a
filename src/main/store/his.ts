/** What the terminal keeps of the HIS (migration 9): bills as loaded, approved line removals, bill claims, the notices owed. */
import type { Db } from './db.js';

export interface HisBillRow {
  his_bill_no: string;
  source: string;
  /** the bill as the HIS gave it (JSON) */
  doc: string;
  loaded_at: string;
  loaded_by: string;
}

export interface HisRemovalRow {
  his_bill_no: string;
  line_index: number;
  /** the removed line as the bill had it (JSON): a changed bill does not inherit the removal */
  line: string;
  reason: string;
  requested_by: string;
  approved_by: string;
  at: string;
}

export interface HisNoticeRow {
  id: number;
  key: string;
  settlement_id: string;
  kind: 'settled' | 'reversed';
  his_bill_no: string;
  payload: string;
  state: 'pending' | 'acked';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
  acked_at: string | null;
  ack: string | null;
}

export function createHisRepo(db: Db, nowIso: () => string) {
  const claimOf = db.prepare('SELECT settlement_id, claimed_at FROM his_claims WHERE his_bill_no = ?');
  const insertNotice = db.prepare(
    "INSERT INTO his_notices (key, settlement_id, kind, his_bill_no, payload, state, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT(key) DO NOTHING",
  );
  // the oldest due notice of each settlement (a reversal never overtakes its settlement's notice)
  const due = db.prepare(
    `SELECT * FROM his_notices n WHERE n.state = 'pending' AND n.next_attempt_at <= ?
       AND NOT EXISTS (SELECT 1 FROM his_notices e WHERE e.state = 'pending' AND e.settlement_id = n.settlement_id AND e.id < n.id)
     ORDER BY n.id LIMIT ?`,
  );
  return {
    // ---- bills loaded by number, and the removals a supervisor approved
    /** the bill as loaded now; a new load starts its removals over */
    holdBill(b: Omit<HisBillRow, 'loaded_at'>): void {
      db.transaction(() => {
        db.prepare('DELETE FROM his_line_removals WHERE his_bill_no = ?').run(b.his_bill_no);
        db.prepare(
          `INSERT INTO his_bills (his_bill_no, source, doc, loaded_at, loaded_by) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(his_bill_no) DO UPDATE SET source = excluded.source, doc = excluded.doc, loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by`,
        ).run(b.his_bill_no, b.source, b.doc, nowIso(), b.loaded_by);
      })();
    },
    bill: (no: string) => (db.prepare('SELECT * FROM his_bills WHERE his_bill_no = ?').get(no) as HisBillRow | undefined) ?? null,
    addRemoval(r: Omit<HisRemovalRow, 'at'>): void {
      db.prepare('INSERT INTO his_line_removals (his_bill_no, line_index, line, reason, requested_by, approved_by, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        r.his_bill_no,
        r.line_index,
        r.line,
        r.reason,
        r.requested_by,
        r.approved_by,
        nowIso(),
      );
    },
    removals: (no: string) => db.prepare('SELECT * FROM his_line_removals WHERE his_bill_no = ? ORDER BY line_index').all(no) as HisRemovalRow[],

    // ---- which settlement a bill number belongs to
    claim: (no: string) => (claimOf.get(no) as { settlement_id: string; claimed_at: string } | undefined) ?? null,
    /** in the caller's transaction */
    putClaim(no: string, settlementId: string): void {
      db.prepare('INSERT INTO his_claims (his_bill_no, settlement_id, claimed_at) VALUES (?, ?, ?)').run(no, settlementId, nowIso());
    },
    /** in the caller's transaction: the settlement no longer stands, the bill may be settled again */
    releaseClaim(no: string, settlementId: string): void {
      db.prepare('DELETE FROM his_claims WHERE his_bill_no = ? AND settlement_id = ?').run(no, settlementId);
    },

    // ---- the notices owed to the HIS
    /** in the caller's transaction; a key already queued is not queued again */
    queueNotice(n: { key: string; settlement_id: string; kind: HisNoticeRow['kind']; his_bill_no: string; payload: unknown }): boolean {
      return insertNotice.run(n.key, n.settlement_id, n.kind, n.his_bill_no, JSON.stringify(n.payload), nowIso()).changes === 1;
    },
    dueNotices: (nowMs: number, limit = 20) => due.all(nowMs, limit) as HisNoticeRow[],
    notice: (key: string) => (db.prepare('SELECT * FROM his_notices WHERE key = ?').get(key) as HisNoticeRow | undefined) ?? null,
    notices: () => db.prepare('SELECT * FROM his_notices ORDER BY id').all() as HisNoticeRow[],
    acked(id: number, ack: string): void {
      db.prepare("UPDATE his_notices SET state = 'acked', acked_at = ?, ack = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND state = 'pending'").run(nowIso(), ack.slice(0, 2000), id);
    },
    /** every unacknowledged notice due now (the cashier's retry) */
    retryAllNow: () => void db.prepare("UPDATE his_notices SET next_attempt_at = 0 WHERE state = 'pending'").run(),
    failed(id: number, error: string, nextAttemptAt: number): void {
      db.prepare("UPDATE his_notices SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'pending'").run(error.slice(0, 500), nextAttemptAt, id);
    },
    /** the status bar's count: notices the HIS has not acknowledged, the oldest, the last error */
    unacked(): { count: number; oldestAt: string | null; lastError: string | null; nextAttemptAt: number | null } {
      const r = db
        .prepare("SELECT COUNT(*) AS count, MIN(created_at) AS oldestAt, MIN(next_attempt_at) AS nextAttemptAt FROM his_notices WHERE state = 'pending'")
        .get() as { count: number; oldestAt: string | null; nextAttemptAt: number | null };
      const lastError = db.prepare("SELECT last_error FROM his_notices WHERE state = 'pending' AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
      return { ...r, lastError: lastError ?? null };
    },
  };
}
export type HisRepo = ReturnType<typeof createHisRepo>;

import type { Db } from './db.js';

export interface OutboxRow {
  id: number;
  settlement_id: string;
  step: number;
  infno: string;
  msgid: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'done' | 'parked';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: string;
}

export interface OutboxStats {
  depth: number;
  oldestAt: string | null;
  parked: number;
}

/**
 * The outbox: messages to the center in commit order. A message is due when it is pending, its
 * retry time has come, and no earlier message of the same settlement is still open (so a reversal
 * never overtakes its settlement, and 2207 never overtakes 2201).
 */
export function createOutboxRepo(db: Db, nowIso: () => string) {
  const due = db.prepare(`
    SELECT o.* FROM outbox o
    WHERE o.status = 'pending' AND o.next_attempt_at <= ?
      AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.settlement_id = o.settlement_id AND p.id < o.id AND p.status != 'done')
    ORDER BY o.id LIMIT ?`);
  const stats = db.prepare(`SELECT
      (SELECT COUNT(DISTINCT settlement_id) FROM outbox WHERE status = 'pending') AS depth,
      (SELECT created_at FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1) AS oldestAt,
      (SELECT COUNT(*) FROM outbox WHERE status = 'parked') AS parked`);
  const nextWake = db.prepare(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE status = 'pending'`);
  const parse = (r: Record<string, unknown>): OutboxRow => ({ ...(r as unknown as OutboxRow), payload: JSON.parse(r.payload as string) });

  return {
    due(nowMs: number, limit = 20): OutboxRow[] {
      return (due.all(nowMs, limit) as Array<Record<string, unknown>>).map(parse);
    },
    /** earliest retry time among pending messages, or null */
    nextWakeAt(): number | null {
      return (nextWake.get() as { t: number | null }).t;
    },
    stats(): OutboxStats {
      return stats.get() as OutboxStats;
    },
    forSettlement(id: string): OutboxRow[] {
      return (db.prepare('SELECT * FROM outbox WHERE settlement_id = ? ORDER BY id').all(id) as Array<Record<string, unknown>>).map(parse);
    },
    markDone(id: number, response: unknown): void {
      db.prepare(`UPDATE outbox SET status = 'done', response = ?, done_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?`).run(
        JSON.stringify(response ?? null),
        nowIso(),
        id,
      );
    },
    markRetry(id: number, error: string, nextAttemptAt: number): void {
      db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`).run(error, nextAttemptAt, id);
    },
    park(id: number, error: string): void {
      db.prepare(`UPDATE outbox SET status = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ?`).run(error, id);
    },
    /** "retry now": every pending message is due at once */
    makeAllDue(): void {
      db.prepare(`UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'`).run();
    },
    /** a parked message's later siblings of the same settlement can never go: park them too */
    parkFollowers(settlementId: string, afterId: number, reason: string): void {
      db.prepare(`UPDATE outbox SET status = 'parked', last_error = ? WHERE settlement_id = ? AND id > ? AND status = 'pending'`).run(
        reason,
        settlementId,
        afterId,
      );
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;

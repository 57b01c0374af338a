import type { Db } from './db.js';

/**
 * What a payload holds in place of the credential number (card number, ID number, e-voucher token):
 * the sync worker binds it from the settlement, where it is sealed, at send time (messages.ts bindLate).
 */
export const LATE_CERT_NO = '$mdtrt_cert_no';

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

/** a message whose last msgid has an unknown outcome, and the 2601 that will resolve it (migration 2) */
export interface UnknownResolution {
  unknown_msgid: string | null;
  reversal_msgid: string | null;
}

/** a due message without its payload: which one goes next */
export type DueHead = Pick<OutboxRow, 'id' | 'settlement_id' | 'infno' | 'msgid'> & { unknown_msgid: string | null };

/** a row of the queue as support and the sync screen list it (no payload) */
export interface QueueRow {
  id: number;
  settlement_id: string;
  step: number;
  infno: string;
  msgid: string;
  status: OutboxRow['status'];
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  unknown_msgid: string | null;
  created_at: string;
}

export interface OutboxStats {
  depth: number;
  oldestAt: string | null;
  parked: number;
}

/**
 * The outbox: messages to the center in commit order. A message is due when it is pending, its
 * retry time has come, and the message before it of the same settlement (after_id) is done — so a
 * reversal never overtakes its settlement, and 2207 never overtakes 2201. (Messages only become
 * done one after another along that chain, so "the one before is done" means "all before are".)
 */
const DUE = `FROM outbox o
  WHERE o.status = 'pending' AND o.next_attempt_at <= ?
    AND (o.after_id IS NULL OR (SELECT p.status FROM outbox p WHERE p.id = o.after_id) = 'done')
  ORDER BY o.id LIMIT ?`;

export function createOutboxRepo(db: Db) {
  const due = db.prepare(`SELECT o.* ${DUE}`);
  // the same queue without the payloads, for picking the next message to log as going
  const dueHeads = db.prepare(`SELECT o.id, o.settlement_id, o.infno, o.msgid, o.unknown_msgid ${DUE}`);
  // a settlement's messages: back along the chain from the settlement's last one
  const chain = db.prepare(`
    WITH RECURSIVE chain(id) AS (
      SELECT last_outbox_id FROM settlements WHERE id = ? AND last_outbox_id IS NOT NULL
      UNION ALL SELECT o.after_id FROM outbox o JOIN chain c ON o.id = c.id WHERE o.after_id IS NOT NULL)
    SELECT * FROM outbox WHERE id IN (SELECT id FROM chain) ORDER BY id`);
  const stats = db.prepare(`SELECT
      (SELECT COUNT(DISTINCT settlement_id) FROM outbox WHERE status = 'pending') AS depth,
      (SELECT created_at FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1) AS oldestAt,
      (SELECT COUNT(*) FROM outbox WHERE status = 'parked') AS parked`);
  // only a message whose predecessor is done can go: a later message of a settlement waiting in backoff
  // (next_attempt_at 0) is not due, and counting it made the worker wake at once, over and over
  const nextWake = db.prepare(`SELECT MIN(o.next_attempt_at) AS t FROM outbox o
    WHERE o.status = 'pending' AND (o.after_id IS NULL OR (SELECT p.status FROM outbox p WHERE p.id = o.after_id) = 'done')`);
  // prepared once: markDone and markRetry run for every answer on the drain's hot path
  const doneStmt = db.prepare(`UPDATE outbox SET status = 'done', attempts = attempts + 1, last_error = NULL WHERE id = ?`);
  const retryStmt = db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`);
  const parkStmt = db.prepare(`UPDATE outbox SET status = 'parked', attempts = attempts + 1, last_error = ? WHERE id = ?`);
  // the pending index holds only open messages: a short scan from afterId on
  const parkFollowersStmt = db.prepare(`UPDATE outbox SET status = 'parked', last_error = ? WHERE status = 'pending' AND id > ? AND settlement_id = ?`);
  const getResolution = db.prepare('SELECT unknown_msgid, reversal_msgid FROM outbox WHERE id = ?');
  const setResolution = db.prepare('UPDATE outbox SET unknown_msgid = ?, reversal_msgid = ? WHERE id = ?');
  const replaceMsgid = db.prepare('UPDATE outbox SET msgid = ?, unknown_msgid = NULL, reversal_msgid = NULL, next_attempt_at = 0, last_error = NULL WHERE id = ?');
  const pendingById = db.prepare("SELECT * FROM outbox WHERE id = ? AND status = 'pending'");
  const makeAllDue = db.prepare(`UPDATE outbox SET next_attempt_at = 0 WHERE status = 'pending'`);
  const QUEUE_COLUMNS = 'id, settlement_id, step, infno, msgid, status, attempts, next_attempt_at, last_error, unknown_msgid, created_at';
  // one SELECT per status, so each is read from its partial index (pending, parked) rather than the whole history
  const queueOf = (statuses: readonly string[]) =>
    db.prepare(`${statuses.map(() => `SELECT ${QUEUE_COLUMNS} FROM outbox WHERE status = ?`).join(' UNION ALL ')} ORDER BY id LIMIT 500`);
  const queueOpen = queueOf(['pending', 'parked']);
  const queueByStatus = { pending: queueOf(['pending']), parked: queueOf(['parked']) };
  const parse = (r: Record<string, unknown>): OutboxRow => ({ ...(r as unknown as OutboxRow), payload: JSON.parse(r.payload as string) });

  return {
    due(nowMs: number, limit = 20): OutboxRow[] {
      return (due.all(nowMs, limit) as Array<Record<string, unknown>>).map(parse);
    },
    /** due() without the payloads: which messages go next */
    dueHeads(nowMs: number, limit: number): DueHead[] {
      return dueHeads.all(nowMs, limit) as DueHead[];
    },
    /** earliest retry time among pending messages, or null */
    nextWakeAt(): number | null {
      return (nextWake.get() as { t: number | null }).t;
    },
    stats(): OutboxStats {
      return stats.get() as OutboxStats;
    },
    forSettlement(id: string): OutboxRow[] {
      return (chain.all(id) as Array<Record<string, unknown>>).map(parse);
    },
    /** answered: the answer and its time go to the send log (sendLog.success) */
    markDone(id: number): void {
      doneStmt.run(id);
    },
    markRetry(id: number, error: string, nextAttemptAt: number): void {
      retryStmt.run(error, nextAttemptAt, id);
    },
    park(id: number, error: string): void {
      parkStmt.run(error, id);
    },
    /** "retry now": every pending message is due at once */
    makeAllDue(): void {
      makeAllDue.run();
    },
    /** a pending message by id with its payload, or null (start-up recovery) */
    pending(id: number): (OutboxRow & UnknownResolution) | null {
      const r = pendingById.get(id) as Record<string, unknown> | undefined;
      return r ? (parse(r) as OutboxRow & UnknownResolution) : null;
    },
    resolution(id: number): UnknownResolution {
      return getResolution.get(id) as UnknownResolution;
    },
    /** the message's last msgid has an unknown outcome; its 2601 goes under reversalMsgid (caller's transaction) */
    markUnknown(id: number, unknownMsgid: string, reversalMsgid: string): void {
      setResolution.run(unknownMsgid, reversalMsgid, id);
    },
    /** the unknown outcome was resolved: the message goes again at once under a new msgid */
    replaceMsgid(id: number, msgid: string): void {
      replaceMsgid.run(msgid, id);
    },
    /** the open queue (pending and parked), or one of the two, oldest first, at most 500 rows */
    queue(status?: 'pending' | 'parked'): QueueRow[] {
      return (status ? queueByStatus[status].all(status) : queueOpen.all('pending', 'parked')) as QueueRow[];
    },
    /** a parked message's later siblings of the same settlement can never go: park them too */
    parkFollowers(settlementId: string, afterId: number, reason: string): void {
      parkFollowersStmt.run(reason, afterId, settlementId);
    },
  };
}
export type OutboxRepo = ReturnType<typeof createOutboxRepo>;

/**
 * The send log (migration 2): every msgid is written 'pending' in a committed transaction before the
 * request leaves — its own, or the one that ended the message before it (sync/worker.ts) — then
 * ended as success, refused, unknown or unsent. A row still 'pending' at start-up means the process
 * died between logging and the answer: its outcome is unknown.
 */
import type { Db } from './db.js';

export type SendState = 'pending' | 'success' | 'refused' | 'unknown' | 'unsent';

/** how a send ended without success, as the sync worker classified it (sync/classify.ts FailedSend) */
export interface SendEnd {
  kind: 'refused' | 'unknown' | 'unsent' | 'local';
  failure: string;
  message: string;
  infcode: number | null;
  httpStatus: number | null;
  rawBody: string | null;
}

export interface SendLogRow {
  msgid: string;
  outbox_id: number;
  settlement_id: string;
  infno: string;
  omsgid: string | null;
  oinfno: string | null;
  state: SendState;
  tries: number;
  failure: string | null;
  http_status: number | null;
  infcode: number | null;
  err_msg: string | null;
  raw_reply: string | null;
  reply: string | null;
  first_at: string;
  sent_at: string;
  ended_at: string | null;
  resolved_by: string | null;
  resolution: 'reversed' | 'not_applied' | null;
}

/** the identifiers and times in an answer: what the send log keeps of it (its amounts go to the settlement's center split) */
const REPLY_KEYS = ['setl_id', 'mdtrt_id', 'setl_time', 'psn_no', 'rvs_flag', 'omsgid', 'oinfno'];
export function replyIdentifiers(output: unknown): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const part of ['data', 'setlinfo'] as const) {
    const x = (output as Record<string, unknown> | null | undefined)?.[part];
    if (!x || typeof x !== 'object') continue;
    out[part] = Object.fromEntries(REPLY_KEYS.filter((k) => (x as Record<string, unknown>)[k] !== undefined).map((k) => [k, (x as Record<string, unknown>)[k]]));
  }
  return out;
}

export function createSendLog(db: Db, nowIso: () => string) {
  const begin = db.prepare(`INSERT INTO send_log (msgid, outbox_id, settlement_id, infno, omsgid, oinfno, state, tries, first_at, sent_at)
      VALUES (@msgid, @outbox_id, @settlement_id, @infno, @omsgid, @oinfno, 'pending', 1, @at, @at)
    ON CONFLICT(msgid) DO UPDATE SET state = 'pending', tries = tries + 1, sent_at = excluded.sent_at, ended_at = NULL`);
  const end = db.prepare(`UPDATE send_log SET state = @state, failure = @failure, http_status = @http_status, infcode = @infcode,
      err_msg = @err_msg, raw_reply = @raw_reply, reply = @reply, ended_at = @at WHERE msgid = @msgid`);
  // prepared once: these run per message or per status update, on the drain's hot path
  const resolvedStmt = db.prepare('UPDATE send_log SET resolved_by = ?, resolution = ? WHERE msgid = ?');
  // from the partial index send_log_open (its condition repeated so SQLite uses it); success = all − the rest
  const openByState = db.prepare("SELECT state, COUNT(*) AS n FROM send_log WHERE state != 'success' GROUP BY state");
  const total = db.prepare('SELECT COUNT(*) FROM send_log').pluck();
  const unresolvedStmt = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending' AND unknown_msgid IS NOT NULL");
  const getStmt = db.prepare('SELECT * FROM send_log WHERE msgid = ?');

  const bySettlement = db.prepare('SELECT * FROM send_log WHERE settlement_id = ? ORDER BY first_at, msgid');
  const newest = db.prepare('SELECT * FROM send_log ORDER BY msgid DESC LIMIT ?');
  const interrupted = db.prepare("SELECT * FROM send_log WHERE state != 'success' AND state = 'pending' ORDER BY first_at");
  const markCrashed = db.prepare("UPDATE send_log SET state = 'unknown', failure = 'crash', err_msg = ?, ended_at = ? WHERE msgid = ?");
  const notSentStmt = db.prepare(`UPDATE send_log SET state = 'unsent', failure = 'not_sent', err_msg = ?, ended_at = ? WHERE msgid = ? AND state = 'pending'`);
  type Begin = { msgid: string; outbox_id: number; settlement_id: string; infno: string; omsgid?: string | null; oinfno?: string | null };
  const logPending = (m: Begin) => begin.run({ omsgid: null, oinfno: null, ...m, at: nowIso() });
  const beginTx = db.transaction(logPending);

  return {
    /** committed on its own, before the request leaves */
    begin(m: Begin): void {
      beginTx.immediate(m);
    },
    /** in the caller's transaction, which must commit before the request leaves */
    beginInTransaction(m: Begin): void {
      logPending(m);
    },
    /** logged to go but never sent (the worker stopped first): nothing reached the center */
    notSent(msgid: string): void {
      notSentStmt.run('logged to go, but the terminal stopped before sending it', nowIso(), msgid);
    },
    /** answered: infcode 0; the answer's identifiers are kept (a short row: the log is appended to on every send) */
    success(msgid: string, output: unknown): void {
      const reply = JSON.stringify(replyIdentifiers(output));
      end.run({ msgid, state: 'success', failure: null, http_status: null, infcode: 0, err_msg: null, raw_reply: null, reply, at: nowIso() });
    },
    failed(msgid: string, f: SendEnd): void {
      const state: SendState = f.kind === 'refused' ? 'refused' : f.kind === 'unknown' ? 'unknown' : 'unsent';
      end.run({
        msgid,
        state,
        failure: f.failure,
        http_status: f.httpStatus,
        infcode: f.infcode,
        err_msg: f.message.slice(0, 500),
        raw_reply: f.rawBody,
        reply: null,
        at: nowIso(),
      });
    },
    /** an unknown outcome resolved by a successful 2601 */
    resolved(msgid: string, by: string, resolution: 'reversed' | 'not_applied' | null): void {
      resolvedStmt.run(by, resolution, msgid);
    },
    /** rows left 'pending' by a process that died mid-send; they become unknown (in the caller's transaction) */
    takeInterrupted(): SendLogRow[] {
      const rows = interrupted.all() as SendLogRow[];
      for (const r of rows) markCrashed.run('the terminal stopped while this message was being sent', nowIso(), r.msgid);
      return rows;
    },
    get(msgid: string): SendLogRow | null {
      return (getStmt.get(msgid) as SendLogRow | undefined) ?? null;
    },
    forSettlement(settlementId: string): SendLogRow[] {
      return bySettlement.all(settlementId) as SendLogRow[];
    },
    all(limit = 1000): SendLogRow[] {
      return newest.all(limit) as SendLogRow[];
    },
    counts(): Record<SendState, number> & { unresolved: number } {
      const out = { pending: 0, success: 0, refused: 0, unknown: 0, unsent: 0, unresolved: 0 };
      let open = 0;
      for (const r of openByState.all() as Array<{ state: SendState; n: number }>) {
        out[r.state] = r.n;
        open += r.n;
      }
      out.success = (total.get() as number) - open;
      out.unresolved = (unresolvedStmt.get() as { n: number }).n;
      return out;
    },
  };
}
export type SendLog = ReturnType<typeof createSendLog>;

/**
 * The print queue (migration 4): jobs written by the print follower inside a settlement's own
 * transaction, taken one at a time by the print worker. Each step that matters for "printed exactly
 * once" is its own committed write: 'sending' before the bytes leave, 'printed' after.
 */
import type { Db } from './db.js';

export type PrintJobKind = 'settlement' | 'reversal' | 'drawer' | 'handover';
export type PrintJobState = 'held' | 'ready' | 'sending' | 'printed' | 'uncertain' | 'cancelled';

export interface PrintJobRow {
  id: number;
  kind: PrintJobKind;
  settlement_id: string | null;
  handover_id: number | null;
  reprint_no: number | null;
  state: PrintJobState;
  hold_until: number;
  next_attempt_at: number;
  attempts: number;
  last_error: string | null;
  actor: string;
  created_at: string;
  sent_at: string | null;
  done_at: string | null;
}

export interface NewPrintJob {
  kind: PrintJobKind;
  settlement_id?: string | null;
  handover_id?: number | null;
  reprint_no?: number | null;
  state: 'held' | 'ready';
  hold_until?: number;
  actor: string;
}

const COLUMNS = 'id, kind, settlement_id, handover_id, reprint_no, state, hold_until, next_attempt_at, attempts, last_error, actor, created_at, sent_at, done_at';

export function createPrintJobs(db: Db, nowIso: () => string) {
  const insert = db.prepare(`INSERT INTO print_jobs (kind, settlement_id, handover_id, reprint_no, state, hold_until, actor, created_at)
    VALUES (@kind, @settlement_id, @handover_id, @reprint_no, @state, @hold_until, @actor, @created_at) ON CONFLICT DO NOTHING`);
  const get = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE id = ?`);
  const bytesOf = db.prepare('SELECT bytes FROM print_jobs WHERE id = ?').pluck();
  // the oldest job that may go now: ready, or held past its hold, and not waiting out a failure
  // (the partial index's own condition is repeated so SQLite may use it)
  const OPEN = "state IN ('held', 'ready', 'sending')";
  const due = db.prepare(`SELECT ${COLUMNS} FROM print_jobs
    WHERE ${OPEN} AND state != 'sending' AND (state = 'ready' OR hold_until <= @now) AND next_attempt_at <= @now ORDER BY id LIMIT 1`);
  const nextWake = db.prepare(`SELECT MIN(MAX(CASE state WHEN 'held' THEN hold_until ELSE 0 END, next_attempt_at)) FROM print_jobs
    WHERE ${OPEN} AND state != 'sending'`).pluck();
  const release = db.prepare("UPDATE print_jobs SET state = 'ready' WHERE settlement_id = ? AND kind = ? AND reprint_no IS NULL AND state = 'held'");
  const cancel = db.prepare("UPDATE print_jobs SET state = 'cancelled', last_error = ?, done_at = ? WHERE settlement_id = ? AND kind = ? AND reprint_no IS NULL AND state = 'held'");
  const sending = db.prepare("UPDATE print_jobs SET state = 'sending', attempts = attempts + 1, sent_at = ? WHERE id = ? AND state IN ('held', 'ready')");
  const printed = db.prepare("UPDATE print_jobs SET state = 'printed', bytes = ?, last_error = NULL, done_at = ? WHERE id = ? AND state = 'sending'");
  const retry = db.prepare("UPDATE print_jobs SET state = 'ready', last_error = ?, next_attempt_at = ? WHERE id = ? AND state IN ('sending', 'ready', 'held')");
  const uncertain = db.prepare("UPDATE print_jobs SET state = 'uncertain', bytes = COALESCE(?, bytes), last_error = ?, done_at = ? WHERE id = ? AND state = 'sending'");
  const interrupted = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE ${OPEN} AND state = 'sending'`);
  const settle = db.prepare("UPDATE print_jobs SET state = 'printed', last_error = ?, done_at = ? WHERE id = ? AND state = 'uncertain'");
  const counts = db.prepare(`SELECT state, COUNT(*) AS n FROM print_jobs WHERE state IN ('held', 'ready', 'sending', 'uncertain') GROUP BY state`);
  const openList = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE state IN ('held', 'ready', 'sending', 'uncertain') ORDER BY id LIMIT 200`);
  const forSettlement = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE settlement_id = ? ORDER BY id`);
  const lastReprint = db.prepare('SELECT MAX(reprint_no) FROM print_jobs WHERE settlement_id IS ? AND handover_id IS ? AND kind = ?').pluck();
  const lastPrinted = db.prepare(`SELECT ${COLUMNS} FROM print_jobs WHERE settlement_id = ? AND kind IN ('settlement', 'reversal') AND state IN ('printed', 'uncertain') ORDER BY id DESC LIMIT 1`);

  return {
    /** in the caller's transaction; a first job already there for this settlement and kind is kept (returns null) */
    add(j: NewPrintJob): number | null {
      const r = insert.run({
        kind: j.kind,
        settlement_id: j.settlement_id ?? null,
        handover_id: j.handover_id ?? null,
        reprint_no: j.reprint_no ?? null,
        state: j.state,
        hold_until: j.hold_until ?? 0,
        actor: j.actor,
        created_at: nowIso(),
      });
      return r.changes === 1 ? Number(r.lastInsertRowid) : null;
    },
    /** the number the next reprint of this slip gets (1 for the first) */
    nextReprintNo(kind: PrintJobKind, ref: { settlement_id?: string | null; handover_id?: number | null }): number {
      return ((lastReprint.get(ref.settlement_id ?? null, ref.handover_id ?? null, kind) as number | null) ?? 0) + 1;
    },
    /** a held first slip may go now (the center answered) */
    release(settlementId: string, kind: PrintJobKind): boolean {
      return release.run(settlementId, kind).changes === 1;
    },
    /** a held first slip will not print (the center refused the settlement or the reversal) */
    cancel(settlementId: string, kind: PrintJobKind, reason: string): boolean {
      return cancel.run(reason, nowIso(), settlementId, kind).changes === 1;
    },
    due: (nowMs: number): PrintJobRow | null => (due.get({ now: nowMs }) as PrintJobRow | undefined) ?? null,
    /** when the worker must look again by itself (ms), or null when nothing waits */
    nextWakeAt: (): number | null => (nextWake.get() as number | null) ?? null,
    /** committed before the bytes leave; false when someone else took the job */
    markSending(id: number): boolean {
      return sending.run(nowIso(), id).changes === 1;
    },
    markPrinted(id: number, bytes: Buffer): void {
      printed.run(bytes, nowIso(), id);
    },
    /** nothing reached the paper (no connection, printer not ready): it goes again at nextAt */
    retryAt(id: number, error: string, nextAt: number): void {
      retry.run(error, nextAt, id);
    },
    /** the bytes may or may not have printed (whole or in part): never printed again by itself */
    markUncertain(id: number, error: string, bytes: Buffer | null): void {
      uncertain.run(bytes, error, nowIso(), id);
    },
    /** at start-up: jobs a killed process left 'sending' become uncertain; returns them */
    takeInterrupted(): PrintJobRow[] {
      const rows = interrupted.all() as PrintJobRow[];
      for (const r of rows) uncertain.run(null, 'the terminal stopped while this slip was being printed', nowIso(), r.id);
      return rows;
    },
    /** the cashier saw the slip on paper: an uncertain job is printed after all */
    acknowledge(id: number, note: string): boolean {
      return settle.run(note, nowIso(), id).changes === 1;
    },
    get: (id: number): PrintJobRow | null => (get.get(id) as PrintJobRow | undefined) ?? null,
    bytes: (id: number): Buffer | null => (bytesOf.get(id) as Buffer | null | undefined) ?? null,
    counts(): Record<'held' | 'ready' | 'sending' | 'uncertain', number> {
      const out = { held: 0, ready: 0, sending: 0, uncertain: 0 };
      for (const r of counts.all() as Array<{ state: keyof typeof out; n: number }>) out[r.state] = r.n;
      return out;
    },
    open: (): PrintJobRow[] => openList.all() as PrintJobRow[],
    forSettlement: (id: string): PrintJobRow[] => forSettlement.all(id) as PrintJobRow[],
    /** the newest slip of a settlement that went to the printer (or may have) */
    lastPrinted: (settlementId: string): PrintJobRow | null => (lastPrinted.get(settlementId) as PrintJobRow | undefined) ?? null,
  };
}
export type PrintJobs = ReturnType<typeof createPrintJobs>;

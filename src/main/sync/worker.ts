/**
 * The outbox worker: sends committed messages to the center in order — one settlement's messages
 * strictly one after another (a reversal never goes before its settlement) — and applies each answer
 * in one transaction with its send-log end, its audit entry and any conflict it raises.
 *
 * Every send is first logged 'pending' in a committed transaction (send-log.ts) — on the drain's hot
 * path the one that applied the answer before it (beginNext): one fsync per message, not two — then ends as:
 *   success  → message done, the settlement takes the center's answer; a settlement whose center split
 *              differs from the local preview is recorded with the center's amounts and a conflict
 *   refused  → message parked with the center's reason, its later siblings parked, the settlement
 *              marked; a refused settlement raises a conflict; the other settlements keep flowing
 *   unsent   → (connection refused) retried later with backoff under the SAME msgid
 *   unknown  → (timeout, dropped connection, HTTP 5xx, unreadable reply, or a crash mid-send) for a
 *              state-changing message (2201 2207 2208 2102 2103): 2601 {psn_no, omsgid, oinfno} under
 *              its own msgid, retried until the center answers; only after it succeeds does the
 *              message go again, under a NEW msgid. Correctness does not rely on the center
 *              deduplicating by msgid. Other messages (2101 2204 2206) are retried under the same msgid.
 */
import type { SettlementView } from '../../shared/domain.js';
import type { OutboxRow, SettlementItem, SettlementRecord, Store } from '../store/index.js';
import { backoffMs } from './backoff.js';
import { classifySendError, SETTLING, STATE_CHANGING, type FailedSend } from './classify.js';
import { createConflictRepo, diffSplits, type ConflictRow } from './conflicts.js';
import { createSendLog } from './send-log.js';

export interface SettlementEffect {
  status?: SettlementRecord['status'];
  center_split?: SettlementRecord['center_split'];
  mdtrt_id?: string;
  setl_id?: string;
}

/** What the worker hands to `send`: the outbox row, or for a 2601 the row re-addressed (infno 2601, its own msgid). */
export type SendMessage = Pick<OutboxRow, 'id' | 'settlement_id' | 'infno' | 'msgid'> & Partial<OutboxRow>;

export interface SyncDeps {
  store: Store;
  /** send one message; resolves to the decoded output, rejects with AppError CENTER_* (cause: the CenterError) */
  send(msg: SendMessage, input: Record<string, unknown>, rec: SettlementRecord): Promise<unknown>;
  /** before a send is logged: sign in if needed. A failure here is not a send (retried later, nothing logged). */
  prepare?(): Promise<void>;
  /** fill the fields the center assigned earlier (mdtrt_id, setl_id) and the fee lines (from the stored lines) into a stored payload */
  bindLate(payload: Record<string, unknown>, rec: SettlementRecord, lines: () => SettlementItem[]): Record<string, unknown>;
  /** what a successful answer changes in the settlement */
  effectOf(infno: string, output: unknown): SettlementEffect;
  retryBaseMs: number;
  retryMaxMs: number;
  onSettlementUpdated(view: SettlementView): void;
  onStatus(): void;
  /** a conflict was raised (or re-opened) */
  onConflict?(c: ConflictRow): void;
  now?: () => number;
  /** idle poll interval, so a center that comes back is noticed without a kick */
  pollMs?: number;
  /** how many settlements are sent at the same time (each settlement's messages stay in order); default 1 */
  concurrency?: number;
  random?: () => number;
}

export type SendOutcome = 'ok' | 'parked' | 'retry';

export interface DrainProgress {
  settlement_id: string;
  infno: string;
  msgid: string;
  outcome: SendOutcome;
  /** what happened, for people: success, refused, unknown → 2601 queued, reversal ok, … */
  detail: string;
}

export function createSyncWorker(deps: SyncDeps) {
  const now = deps.now ?? (() => Date.now());
  const pollMs = deps.pollMs ?? 5_000;
  const concurrency = Math.max(1, Math.floor(deps.concurrency ?? 1));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  /** stop() is waiting for the pass in progress: log nothing more to go */
  let stopping = false;
  let again = false;
  const progressListeners = new Set<(p: DrainProgress) => void>();
  const { store } = deps;
  const nowIso = () => new Date(now()).toISOString();
  const sendLog = createSendLog(store.db, nowIso);
  const conflicts = createConflictRepo(store.db, nowIso);

  const getResolution = store.db.prepare('SELECT unknown_msgid, reversal_msgid FROM outbox WHERE id = ?');
  const setResolution = store.db.prepare('UPDATE outbox SET unknown_msgid = ?, reversal_msgid = ? WHERE id = ?');
  const replaceMsgid = store.db.prepare('UPDATE outbox SET msgid = ?, unknown_msgid = NULL, reversal_msgid = NULL, next_attempt_at = 0, last_error = NULL WHERE id = ?');

  /** msgids logged 'pending' by the transaction that ended the message before them, not yet sent */
  const preBegun = new Set<string>();

  /**
   * Inside the transaction that applies an answer: log the message that goes next as pending, so that
   * its send needs no transaction of its own first. It is the first due message whose settlement is
   * not being sent already (`busy`) — usually the next step of the settlement just answered — and not
   * one waiting for a 2601 (that goes under its own msgid). Should the process die before it is sent,
   * start-up finds it pending and resolves it as an unknown outcome like any other.
   */
  function beginNext(busy: (settlementId: string) => boolean) {
    for (const next of store.outbox.dueHeads(now(), concurrency + 1)) {
      if (busy(next.settlement_id) || preBegun.has(next.msgid) || next.unknown_msgid) continue;
      sendLog.beginInTransaction({ msgid: next.msgid, outbox_id: next.id, settlement_id: next.settlement_id, infno: next.infno });
      preBegun.add(next.msgid);
      return;
    }
  }

  function updated(id: string) {
    const rec = store.settlements.get(id);
    if (rec) deps.onSettlementUpdated(store.settlements.toView(rec));
  }
  function report(p: DrainProgress) {
    for (const l of progressListeners) {
      try {
        l(p);
      } catch {
        // a listener's failure is not the worker's
      }
    }
  }
  const raised: ConflictRow[] = [];
  function flushConflicts() {
    for (const c of raised.splice(0)) deps.onConflict?.(c);
  }

  /** unknown outcome of a state-changing message: remember it and give its 2601 a msgid (caller's transaction) */
  function markUnknown(row: OutboxRow, msgid: string) {
    setResolution.run(msgid, store.msgids.next(), row.id);
  }

  /** Process-start recovery: sends that were in flight when the terminal stopped are unknown. */
  function recoverInterrupted(): number {
    return store.db.transaction(() => {
      const rows = sendLog.takeInterrupted();
      for (const r of rows) {
        if (r.infno === '2601') continue; // the outbox row still names it; it is simply retried
        const o = store.db.prepare("SELECT * FROM outbox WHERE id = ? AND status = 'pending'").get(r.outbox_id) as (OutboxRow & { unknown_msgid: string | null }) | undefined;
        if (!o || o.msgid !== r.msgid) continue;
        if (STATE_CHANGING.has(o.infno) && !o.unknown_msgid) markUnknown(o, r.msgid);
        store.audit.append({ actor: 'sync', action: 'outbox.interrupted', subject: o.settlement_id, detail: { infno: o.infno, msgid: r.msgid } });
      }
      return rows.length;
    }).immediate();
  }

  /** outbox keeps the classified error; the settlement shows the plain message */
  function retryLater(row: OutboxRow, rec: SettlementRecord, error: string, shown = error): SendOutcome {
    const wait = backoffMs(row.attempts, deps.retryBaseMs, deps.retryMaxMs, deps.random);
    store.db.transaction(() => {
      store.outbox.markRetry(row.id, error, now() + wait);
      store.settlements.update(rec.id, { last_error: shown });
    })();
    updated(rec.id);
    return 'retry';
  }

  function failedText(f: FailedSend): string {
    return f.failure === 'refused' ? f.message : `${f.failure}: ${f.message}`;
  }

  async function prepared(row: OutboxRow, rec: SettlementRecord): Promise<boolean> {
    if (!deps.prepare) return true;
    try {
      await deps.prepare();
      return true;
    } catch (err) {
      retryLater(row, rec, `sign-in: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  /** The unknown outcome of row's last msgid is resolved with 2601; then the row gets a new msgid. */
  async function resolveUnknown(row: OutboxRow, rec: SettlementRecord, omsgid: string, rmsgid: string): Promise<SendOutcome> {
    if (!(await prepared(row, rec))) return 'retry';
    const input = { data: { psn_no: rec.psn_no, omsgid, oinfno: row.infno } };
    sendLog.begin({ msgid: rmsgid, outbox_id: row.id, settlement_id: rec.id, infno: '2601', omsgid, oinfno: row.infno });
    let output: unknown;
    try {
      output = await deps.send({ ...row, infno: '2601', msgid: rmsgid }, input, rec);
    } catch (err) {
      const f = classifySendError(err);
      if (f.kind === 'refused') {
        // the center cannot say the message had no effect: a person must find out
        const reason = `冲正(2601)被拒绝，报文 ${omsgid} 的结果无法确认: ${f.message}`;
        store.db.transaction(() => {
          sendLog.failed(rmsgid, f);
          store.outbox.park(row.id, reason);
          store.outbox.parkFollowers(rec.id, row.id, `not sent: the outcome of ${omsgid} could not be resolved`);
          store.settlements.update(rec.id, { last_error: reason });
          const id = conflicts.raise({ settlement_id: rec.id, kind: 'refused', reason, fields: [], local: rec.local_split, center: rec.center_split });
          raised.push(conflicts.get(id)!);
          store.audit.append({ actor: 'sync', action: 'outbox.reversal_refused', subject: rec.id, detail: { infno: row.infno, omsgid, msgid: rmsgid, err_msg: f.message } });
        })();
        updated(rec.id);
        report({ settlement_id: rec.id, infno: '2601', msgid: rmsgid, outcome: 'parked', detail: `2601 refused: ${f.message}` });
        return 'parked';
      }
      store.db.transaction(() => sendLog.failed(rmsgid, f))();
      report({ settlement_id: rec.id, infno: '2601', msgid: rmsgid, outcome: 'retry', detail: `2601 ${f.kind} (${f.failure})` });
      return retryLater(row, rec, `2601 ${f.kind}: ${failedText(f)}`);
    }
    const flag = (output as { data?: { rvs_flag?: string } } | null)?.data?.rvs_flag;
    const resolution = flag === '1' ? 'reversed' : flag === '0' ? 'not_applied' : null;
    let next = '';
    store.db.transaction(() => {
      sendLog.success(rmsgid, output);
      sendLog.resolved(omsgid, rmsgid, resolution);
      next = store.msgids.next();
      replaceMsgid.run(next, row.id);
      store.audit.append({ actor: 'sync', action: 'outbox.unknown_resolved', subject: rec.id, detail: { infno: row.infno, omsgid, reversal: rmsgid, resolution, next_msgid: next } });
    })();
    report({ settlement_id: rec.id, infno: '2601', msgid: rmsgid, outcome: 'ok', detail: `2601 ok (${resolution ?? 'no flag'}); ${row.infno} again as ${next}` });
    return 'ok';
  }

  async function sendOne(row: OutboxRow, busy: (settlementId: string) => boolean = () => false): Promise<SendOutcome> {
    const rec = store.settlements.get(row.settlement_id);
    if (!rec) {
      store.outbox.park(row.id, 'settlement row missing');
      return 'parked';
    }
    const res = getResolution.get(row.id) as { unknown_msgid: string | null; reversal_msgid: string | null };
    if (res.unknown_msgid && res.reversal_msgid) return resolveUnknown(row, rec, res.unknown_msgid, res.reversal_msgid);

    if (!(await prepared(row, rec))) return 'retry';
    let input: Record<string, unknown>;
    try {
      input = deps.bindLate(row.payload, rec, () => store.settlements.items(rec.id));
    } catch (err) {
      return retryLater(row, rec, `local: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!preBegun.delete(row.msgid)) sendLog.begin({ msgid: row.msgid, outbox_id: row.id, settlement_id: rec.id, infno: row.infno });
    let output: unknown;
    try {
      output = await deps.send(row, input, rec);
    } catch (err) {
      const f = classifySendError(err);
      if (f.kind === 'refused') {
        const message = f.message;
        const settling = SETTLING.has(row.infno);
        store.db.transaction(() => {
          sendLog.failed(row.msgid, f);
          store.outbox.park(row.id, message);
          store.outbox.parkFollowers(rec.id, row.id, `not sent: message ${row.msgid} was refused`);
          // a refused reversal leaves the settlement standing; a refused settlement is parked
          store.settlements.update(rec.id, { status: rec.status === 'reversing' ? 'settled' : 'refused', last_error: message });
          if (settling) {
            const id = conflicts.raise({ settlement_id: rec.id, kind: 'refused', reason: message, fields: [], local: rec.local_split, center: null });
            raised.push(conflicts.get(id)!);
          }
          store.audit.append({ actor: 'sync', action: 'outbox.refused', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, infcode: f.infcode, err_msg: message } });
        })();
        updated(rec.id);
        report({ settlement_id: rec.id, infno: row.infno, msgid: row.msgid, outcome: 'parked', detail: `refused: ${message}` });
        return 'parked';
      }
      const unknownStateChange = f.kind === 'unknown' && STATE_CHANGING.has(row.infno);
      store.db.transaction(() => {
        sendLog.failed(row.msgid, f);
        if (unknownStateChange) {
          markUnknown(row, row.msgid);
          store.audit.append({ actor: 'sync', action: 'outbox.unknown', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, failure: f.failure, http_status: f.httpStatus } });
        }
      })();
      report({
        settlement_id: rec.id,
        infno: row.infno,
        msgid: row.msgid,
        outcome: 'retry',
        detail: unknownStateChange ? `unknown (${f.failure}): 2601 before it goes again` : `${f.kind} (${f.failure})`,
      });
      return retryLater(row, rec, failedText(f), f.message);
    }

    const effect = deps.effectOf(row.infno, output);
    // an answer that changes nothing in the settlement (2101, 2204, 2206) leaves its row alone: no write, no event
    const changes = Object.keys(effect).length > 0 || rec.last_error !== null;
    store.db.transaction(() => {
      sendLog.success(row.msgid, output);
      store.outbox.markDone(row.id);
      // a reversal asked for while the settlement's own messages were under way (read now, not before the
      // send): the settlement stays 'reversing' until the reversal is answered. 'settled' here would offer
      // it for reversal a second time, and the center refuses the second one.
      if (effect.status === 'settled' && store.settlements.statusOf(rec.id) === 'reversing') delete effect.status;
      if (changes) store.settlements.update(rec.id, { ...effect, last_error: null });
      if (effect.center_split) {
        const fields = diffSplits(rec.local_split, effect.center_split);
        if (fields.length > 0) {
          const reason = `医保中心结算金额与本机预结算不一致: ${fields.join(', ')}`;
          const id = conflicts.raise({ settlement_id: rec.id, kind: 'split_differs', reason, fields, local: rec.local_split, center: effect.center_split });
          raised.push(conflicts.get(id)!);
          store.audit.append({ actor: 'sync', action: 'conflict.raised', subject: rec.id, detail: { kind: 'split_differs', fields } });
        }
      }
      // the audit log records the answers that changed the settlement; every send is in the send log already
      if (Object.keys(effect).length > 0) {
        store.audit.append({ actor: 'sync', action: 'outbox.sent', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, effect: { ...effect, center_split: undefined } } });
      }
      if (!stopping) beginNext((id) => id !== rec.id && busy(id));
    })();
    if (changes) updated(rec.id);
    report({ settlement_id: rec.id, infno: row.infno, msgid: row.msgid, outcome: 'ok', detail: 'success' });
    return 'ok';
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      const inFlight = new Map<string, Promise<void>>();
      let halted = false;
      // re-read the queue after each answer: a refusal may have parked followers, a success freed the next step
      for (;;) {
        if (!halted && inFlight.size < concurrency) {
          // each settlement in flight has one due message (the one being sent): `concurrency` rows hold every free one wanted
          const rows = store.outbox.due(now(), concurrency).filter((r) => !inFlight.has(r.settlement_id));
          if (rows.length > 0) {
            for (const row of rows.slice(0, concurrency - inFlight.size)) {
              const p = sendOne(row, (id) => inFlight.has(id))
                .then((outcome) => {
                  // the center is unreachable: stop this pass; later rows would fail the same way
                  if (outcome === 'retry') halted = true;
                })
                .catch(() => {
                  halted = true;
                })
                .finally(() => {
                  inFlight.delete(row.settlement_id);
                  flushConflicts();
                  deps.onStatus();
                });
              inFlight.set(row.settlement_id, p);
            }
            continue;
          }
        }
        if (inFlight.size === 0) break;
        await Promise.race(inFlight.values());
      }
    } while (again);
  }

  function schedule(delay: number) {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), Math.max(0, delay));
    timer.unref?.();
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        await drain();
      } catch {
        // a pass that failed (the database went away, a bug) is tried again at the next poll
      } finally {
        running = null;
        let wake: number | null = null;
        try {
          deps.onStatus();
          wake = store.outbox.nextWakeAt();
        } catch {
          // as above: never an unhandled rejection from a timer
        }
        schedule(wake === null ? pollMs : Math.min(pollMs, Math.max(0, wake - now())));
      }
    })();
    return running;
  }

  let recovered = false;
  function recoverOnce() {
    if (recovered) return;
    recovered = true;
    recoverInterrupted();
  }

  return {
    start() {
      recoverOnce();
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      stopping = true;
      if (timer) clearTimeout(timer);
      await running;
      // logged to go by the last answer's transaction, never sent: say so rather than leave them for start-up
      if (preBegun.size > 0 && store.db.open) {
        store.db.transaction(() => {
          for (const msgid of preBegun) sendLog.notSent(msgid);
        })();
        preBegun.clear();
      }
      stopping = false;
    },
    /** something was committed: send it now */
    kick() {
      schedule(0);
    },
    /** "retry now": every pending message due at once, and wait for the pass */
    async drainNow(onProgress?: (p: DrainProgress) => void): Promise<void> {
      recoverOnce();
      if (onProgress) progressListeners.add(onProgress);
      try {
        store.outbox.makeAllDue();
        await run();
      } finally {
        if (onProgress) progressListeners.delete(onProgress);
      }
    },
    isSending: () => running !== null,
    /** the send log and the conflicts, for handlers, the CLI and tests */
    sendLog,
    conflicts,
  };
}
export type SyncWorker = ReturnType<typeof createSyncWorker>;

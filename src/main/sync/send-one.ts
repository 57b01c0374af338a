/**
 * One message to the center and what became of it. Every send is first logged 'pending' in a
 * committed transaction (store/send-log.ts) — on the drain's hot path the one that applied the answer
 * before it (beginNext): one fsync per message, not two — then ends as:
 *   success  → message done; the owner applies the answer in the same transaction
 *   refused  → message parked with the center's reason, its later siblings parked; the owner decides
 *              what that means for the settlement; the other settlements keep flowing
 *   unsent   → (connection refused) retried later with backoff under the SAME msgid
 *   unknown  → (timeout, dropped connection, HTTP 5xx, unreadable reply, or a crash mid-send) for a
 *              state-changing message (2201 2207 2208 2102 2103): 2601 {psn_no, omsgid, oinfno} under
 *              its own msgid, retried until the center answers; only after it succeeds does the
 *              message go again, under a NEW msgid. Correctness does not rely on the center
 *              deduplicating by msgid. Other messages (2101 2204 2206) are retried under the same msgid.
 */
import type { OutboxRow } from '../store/index.js';
import { backoffMs } from './backoff.js';
import { classifySendError, STATE_CHANGING, type FailedSend } from './classify.js';
import type { PreparedSend } from './ports.js';
import type { SyncDeps } from './worker.js';

export type SendOutcome = 'ok' | 'parked' | 'retry';

export interface DrainProgress {
  settlement_id: string;
  infno: string;
  msgid: string;
  outcome: SendOutcome;
  /** what happened, for people: success, refused, unknown → 2601 queued, reversal ok, … */
  detail: string;
}

/** what the worker hands to its sender: its own deps, and how it reports and stops */
export type SendOneDeps<P extends PreparedSend> = Pick<SyncDeps<P>, 'store' | 'owner' | 'center' | 'prepare' | 'retryBaseMs' | 'retryMaxMs' | 'random'> & {
  now(): number;
  report(p: DrainProgress): void;
  /** the worker is stopping: log nothing more to go */
  stopping(): boolean;
  concurrency: number;
};

export function createSender<P extends PreparedSend>(deps: SendOneDeps<P>) {
  const { store, owner } = deps;
  /** msgids logged 'pending' by the transaction that ended the message before them, not yet sent */
  const preBegun = new Set<string>();
  const failedText = (f: FailedSend) => (f.failure === 'refused' ? f.message : `${f.failure}: ${f.message}`);

  /**
   * Inside the transaction that applies an answer: log the message that goes next as pending, so that
   * its send needs no transaction of its own first. It is the first due message whose settlement is
   * not being sent already (`busy`) — usually the next step of the settlement just answered — and not
   * one waiting for a 2601 (that goes under its own msgid). Should the process die before it is sent,
   * start-up finds it pending and resolves it as an unknown outcome like any other.
   */
  function beginNext(busy: (settlementId: string) => boolean) {
    for (const next of store.outbox.dueHeads(deps.now(), deps.concurrency + 1)) {
      if (busy(next.settlement_id) || preBegun.has(next.msgid) || next.unknown_msgid) continue;
      store.sendLog.beginInTransaction({ msgid: next.msgid, outbox_id: next.id, settlement_id: next.settlement_id, infno: next.infno });
      preBegun.add(next.msgid);
      return;
    }
  }

  /** the outbox keeps the classified error; the settlement shows the plain message */
  function retryLater(s: P, error: string, shown = error): SendOutcome {
    const wait = backoffMs(s.row.attempts, deps.retryBaseMs, deps.retryMaxMs, deps.random);
    store.transaction(() => {
      store.outbox.markRetry(s.row.id, error, deps.now() + wait);
      owner.retrying(s, shown);
    });
    owner.committed(s);
    return 'retry';
  }

  /** park the message and the ones after it of the same settlement (caller's transaction) */
  function park(row: OutboxRow, reason: string, followers: string) {
    store.outbox.park(row.id, reason);
    store.outbox.parkFollowers(row.settlement_id, row.id, followers);
  }

  async function signedIn(s: P): Promise<boolean> {
    if (!deps.prepare) return true;
    try {
      await deps.prepare();
      return true;
    } catch (err) {
      retryLater(s, `sign-in: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  /** The unknown outcome of the row's last msgid is resolved with 2601; then the row gets a new msgid. */
  async function resolveUnknown(s: P, omsgid: string, rmsgid: string): Promise<SendOutcome> {
    const { row } = s;
    if (!(await signedIn(s))) return 'retry';
    store.sendLog.begin({ msgid: rmsgid, outbox_id: row.id, settlement_id: row.settlement_id, infno: '2601', omsgid, oinfno: row.infno });
    let output: unknown;
    try {
      output = await deps.center.send('2601', { data: { psn_no: s.psn_no, omsgid, oinfno: row.infno } }, { msgid: rmsgid, insuplc_admdvs: s.insuplc_admdvs });
    } catch (err) {
      const f = classifySendError(err);
      if (f.kind === 'refused') {
        // the center cannot say the message had no effect: a person must find out
        const reason = `冲正(2601)被拒绝，报文 ${omsgid} 的结果无法确认: ${f.message}`;
        store.transaction(() => {
          store.sendLog.failed(rmsgid, f);
          park(row, reason, `not sent: the outcome of ${omsgid} could not be resolved`);
          owner.unresolvable(s, reason, { omsgid, rmsgid, err_msg: f.message });
        });
        owner.committed(s);
        deps.report({ settlement_id: row.settlement_id, infno: '2601', msgid: rmsgid, outcome: 'parked', detail: `2601 refused: ${f.message}` });
        return 'parked';
      }
      store.transaction(() => store.sendLog.failed(rmsgid, f));
      deps.report({ settlement_id: row.settlement_id, infno: '2601', msgid: rmsgid, outcome: 'retry', detail: `2601 ${f.kind} (${f.failure})` });
      return retryLater(s, `2601 ${f.kind}: ${failedText(f)}`);
    }
    const flag = (output as { data?: { rvs_flag?: string } } | null)?.data?.rvs_flag;
    const resolution = flag === '1' ? 'reversed' : flag === '0' ? 'not_applied' : null;
    let next = '';
    store.transaction(() => {
      store.sendLog.success(rmsgid, output);
      store.sendLog.resolved(omsgid, rmsgid, resolution);
      next = store.msgids.next();
      store.outbox.replaceMsgid(row.id, next);
      store.audit.append({ actor: 'sync', action: 'outbox.unknown_resolved', subject: row.settlement_id, detail: { infno: row.infno, omsgid, reversal: rmsgid, resolution, next_msgid: next } });
    });
    deps.report({ settlement_id: row.settlement_id, infno: '2601', msgid: rmsgid, outcome: 'ok', detail: `2601 ok (${resolution ?? 'no flag'}); ${row.infno} again as ${next}` });
    return 'ok';
  }

  async function sendOne(row: OutboxRow, busy: (settlementId: string) => boolean = () => false): Promise<SendOutcome> {
    const s = owner.prepare(row);
    if (!s) {
      store.outbox.park(row.id, 'settlement row missing');
      return 'parked';
    }
    const res = store.outbox.resolution(row.id);
    if (res.unknown_msgid && res.reversal_msgid) return resolveUnknown(s, res.unknown_msgid, res.reversal_msgid);

    if (!(await signedIn(s))) return 'retry';
    let input: Record<string, unknown>;
    try {
      input = s.input();
    } catch (err) {
      return retryLater(s, `local: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!preBegun.delete(row.msgid)) store.sendLog.begin({ msgid: row.msgid, outbox_id: row.id, settlement_id: row.settlement_id, infno: row.infno });
    let output: unknown;
    try {
      output = await deps.center.send(row.infno, input, { msgid: row.msgid, insuplc_admdvs: s.insuplc_admdvs });
    } catch (err) {
      const f = classifySendError(err);
      if (f.kind === 'refused') {
        store.transaction(() => {
          store.sendLog.failed(row.msgid, f);
          park(row, f.message, `not sent: message ${row.msgid} was refused`);
          owner.refused(s, { message: f.message, infcode: f.infcode });
        });
        owner.committed(s);
        deps.report({ settlement_id: row.settlement_id, infno: row.infno, msgid: row.msgid, outcome: 'parked', detail: `refused: ${f.message}` });
        return 'parked';
      }
      const unknownStateChange = f.kind === 'unknown' && STATE_CHANGING.has(row.infno);
      store.transaction(() => {
        store.sendLog.failed(row.msgid, f);
        if (unknownStateChange) {
          store.outbox.markUnknown(row.id, row.msgid, store.msgids.next());
          store.audit.append({ actor: 'sync', action: 'outbox.unknown', subject: row.settlement_id, detail: { infno: row.infno, msgid: row.msgid, failure: f.failure, http_status: f.httpStatus } });
        }
      });
      deps.report({
        settlement_id: row.settlement_id,
        infno: row.infno,
        msgid: row.msgid,
        outcome: 'retry',
        detail: unknownStateChange ? `unknown (${f.failure}): 2601 before it goes again` : `${f.kind} (${f.failure})`,
      });
      return retryLater(s, failedText(f), f.message);
    }

    let changed = false;
    store.transaction(() => {
      store.sendLog.success(row.msgid, output);
      store.outbox.markDone(row.id);
      changed = owner.answered(s, output);
      if (!deps.stopping()) beginNext((id) => id !== row.settlement_id && busy(id));
    });
    // an answer that changes nothing in the settlement (2101, 2204, 2206) leaves its row alone: no event
    if (changed) owner.committed(s);
    deps.report({ settlement_id: row.settlement_id, infno: row.infno, msgid: row.msgid, outcome: 'ok', detail: 'success' });
    return 'ok';
  }

  /** Process-start recovery: sends that were in flight when the terminal stopped are unknown. */
  function recoverInterrupted(): number {
    return store.transaction(() => {
      const rows = store.sendLog.takeInterrupted();
      for (const r of rows) {
        if (r.infno === '2601') continue; // the outbox row still names it; it is simply retried
        const o = store.outbox.pending(r.outbox_id);
        if (!o || o.msgid !== r.msgid) continue;
        if (STATE_CHANGING.has(o.infno) && !o.unknown_msgid) store.outbox.markUnknown(o.id, r.msgid, store.msgids.next());
        store.audit.append({ actor: 'sync', action: 'outbox.interrupted', subject: o.settlement_id, detail: { infno: o.infno, msgid: r.msgid } });
      }
      return rows.length;
    });
  }

  /** logged to go by the last answer's transaction, never sent: say so rather than leave them for start-up */
  function abandonPreBegun() {
    if (preBegun.size === 0 || !store.db.open) return;
    store.transaction(() => {
      for (const msgid of preBegun) store.sendLog.notSent(msgid);
    });
    preBegun.clear();
  }

  return { sendOne, recoverInterrupted, abandonPreBegun };
}

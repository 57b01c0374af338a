/**
 * The center's answers applied to a settlement: what the sync worker reports to, inside the
 * transaction in which it ends the send (send log, outbox row). The worker moves messages; the
 * settlement's status, its center split, its conflicts and what the followers must hear are decided
 * here and nowhere else.
 */
import type { ConflictRow } from '../../store/conflicts.js';
import type { OutboxRow, SettlementRecord, Store } from '../../store/index.js';
import type { SettlementView } from '../../../shared/domain.js';
import { balcAfterOf, diffSplits, effectOf } from './answers.js';
import type { ChangeFacts, ChangeFeed, SettlementChange } from './changes.js';
import { bindLate, SETTLING } from './messages.js';

/** One message made ready to send: where it goes and its input (the fields the center assigned earlier bound in). */
interface PreparedSend {
  readonly row: OutboxRow;
  readonly psn_no: string;
  readonly insuplc_admdvs: string;
  input(): Record<string, unknown>;
}

interface OwnedSend extends PreparedSend {
  readonly rec: SettlementRecord;
  /** conflicts raised and changes made by this send, told after its transaction commits */
  readonly raised: ConflictRow[];
  readonly changes: SettlementChange[];
}

export interface AnswerDeps {
  store: Store;
  feed: ChangeFeed;
  updated(view: SettlementView): void;
  conflictRaised(c: ConflictRow): void;
}

export function createAnswerHandling(deps: AnswerDeps) {
  const { store } = deps;
  const current = (id: string) => () => store.settlements.get(id)!;

  function change(s: OwnedSend, c: ChangeFacts) {
    const full = { ...c, settlementId: s.rec.id, record: current(s.rec.id) } as SettlementChange;
    deps.feed.inTransaction(full);
    s.changes.push(full);
  }

  function raise(s: OwnedSend, c: Parameters<Store['conflicts']['raise']>[0]) {
    const id = store.conflicts.raise(c);
    s.raised.push(store.conflicts.get(id)!);
  }

  return {
    /** the settlement behind a message, read once for its send; null when it is gone */
    prepare(row: OutboxRow): OwnedSend | null {
      const rec = store.settlements.get(row.settlement_id);
      if (!rec) return null;
      return {
        row,
        rec,
        psn_no: rec.psn_no,
        insuplc_admdvs: rec.insuplc_admdvs,
        input: () => bindLate(row.payload, rec, () => store.settlements.items(rec.id)),
        raised: [],
        changes: [],
      };
    },

    /** success; returns whether the settlement changed (an answer to 2101/2204/2206 changes nothing) */
    answered(s: OwnedSend, output: unknown): boolean {
      const { rec, row } = s;
      const effect = effectOf(row.infno, output);
      const changes = Object.keys(effect).length > 0 || rec.last_error !== null;
      // a reversal asked for while the settlement's own messages were under way (read now, not before the
      // send): the settlement stays 'reversing' until the reversal is answered. 'settled' here would offer
      // it for reversal a second time, and the center refuses the second one.
      if (effect.status === 'settled' && store.settlements.statusOf(rec.id) === 'reversing') delete effect.status;
      if (changes) store.settlements.update(rec.id, { ...effect, last_error: null });
      if (effect.center_split) {
        const fields = diffSplits(rec.local_split, effect.center_split);
        if (fields.length > 0) {
          const reason = `医保中心结算金额与本机预结算不一致: ${fields.join(', ')}`;
          raise(s, { settlement_id: rec.id, kind: 'split_differs', reason, fields, local: rec.local_split, center: effect.center_split });
          store.audit.append({ actor: 'sync', action: 'conflict.raised', subject: rec.id, detail: { kind: 'split_differs', fields } });
        }
      }
      // the audit log records the answers that changed the settlement; every send is in the send log already
      if (Object.keys(effect).length > 0) {
        store.audit.append({ actor: 'sync', action: 'outbox.sent', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, effect: { ...effect, center_split: undefined } } });
        change(s, { kind: 'answered', infno: row.infno, effect, balcAfter: balcAfterOf(row.infno, output) });
      }
      return changes;
    },

    /** a business refusal: a refused reversal leaves the settlement standing; a refused settlement is parked */
    refused(s: OwnedSend, f: { message: string; infcode: number | null }): void {
      const { rec, row } = s;
      store.settlements.update(rec.id, { status: rec.status === 'reversing' ? 'settled' : 'refused', last_error: f.message });
      if (SETTLING.has(row.infno)) raise(s, { settlement_id: rec.id, kind: 'refused', reason: f.message, fields: [], local: rec.local_split, center: null });
      store.audit.append({ actor: 'sync', action: 'outbox.refused', subject: rec.id, detail: { infno: row.infno, msgid: row.msgid, infcode: f.infcode, err_msg: f.message } });
      change(s, { kind: 'refused', infno: row.infno, reason: f.message });
    },

    /** the 2601 that should resolve an unknown outcome was refused: nobody can say what the center did, a person must check */
    unresolvable(s: OwnedSend, reason: string, f: { omsgid: string; rmsgid: string; err_msg: string }): void {
      const { rec, row } = s;
      store.settlements.update(rec.id, { last_error: reason });
      raise(s, { settlement_id: rec.id, kind: 'refused', reason, fields: [], local: rec.local_split, center: rec.center_split });
      store.audit.append({ actor: 'sync', action: 'outbox.reversal_refused', subject: rec.id, detail: { infno: row.infno, omsgid: f.omsgid, msgid: f.rmsgid, err_msg: f.err_msg } });
    },

    /** not answered yet; the cashier sees why */
    retrying(s: OwnedSend, shown: string): void {
      store.settlements.update(s.rec.id, { last_error: shown });
    },

    /** after the send's transaction committed: the screens and the followers hear of it */
    committed(s: OwnedSend): void {
      const rec = store.settlements.get(s.rec.id);
      if (rec) deps.updated(store.settlements.toView(rec));
      for (const c of s.raised.splice(0)) deps.conflictRaised(c);
      for (const c of s.changes.splice(0)) deps.feed.afterCommit(c);
    },
  };
}
export type AnswerHandling = ReturnType<typeof createAnswerHandling>;

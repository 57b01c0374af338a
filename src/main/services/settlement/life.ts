/**
 * THE owner of a settlement's life: preview, the offline rule, confirm, reversal (also from a
 * conflict), conflict decisions, and — through answers-applied.ts — the center's answers. It reads the
 * person and the record once per confirm, asks the link for its one bit, and is the only place that
 * decides a settlement's status. Confirm is the durable step: the settlement, its lines, its outbox
 * messages, its audit entry, an offline mark and every follower's rows commit in one SQLite
 * transaction before any network call; the sync worker sends the messages afterwards.
 */
import type { BillDraft, PreviewOutput } from '../../../shared/api.js';
import type { CashTender } from '../../../shared/api-till.js';
import type { SettlementView } from '../../../shared/domain.js';
import { lineAmount, parseQty } from '../../../shared/money.js';
import type { Clock } from '../../clock.js';
import { AppError } from '../../errors.js';
import type { ConflictRow, ConflictState } from '../../store/conflicts.js';
import type { SettlementRecord, Store } from '../../store/index.js';
import type { IdentifyService } from '../identify.js';
import type { CounterConfig } from '../counter-config.js';
import { createAnswerHandling } from './answers-applied.js';
import { requireConfirmedUnusual } from './bill-lines.js';
import { createChangeFeed, type SettlementChange, type SettlementFollower } from './changes.js';
import { computeBill, type PricingDeps } from './compute.js';
import { reversalMessages, settlementMessages } from './messages.js';
import { checkOfflineConfirm, type OfflineLimits } from './offline-rule.js';
import { confirmAudit, recordOf } from './record.js';

export interface SettlementLifeDeps {
  store: Store;
  /** the person priced; it also follows every settlement's change (balances shown, the next preview) */
  identify: Pick<IdentifyService, 'get' | 'settlementChanged'>;
  pricing: PricingDeps;
  terminalId: string;
  /** is the link to the center known to be down */
  centerDown(): boolean;
  offline: OfflineLimits;
  /** what is plausible at the counter: more needs the cashier's second confirmation */
  counter: CounterConfig;
  clock: Clock;
  /** the cashier at the window ('system' when nobody is) */
  actor(): string;
  /** the screens: a settlement changed, a conflict was raised */
  updated(view: SettlementView): void;
  conflictRaised(c: ConflictRow): void;
  log(line: string): void;
}

/** who approved a reversal: a supervisor, or the exception that needed none */
export interface ReversalApproval {
  approvedBy: string | null;
  exception: string | null;
}

export function createSettlementLife(deps: SettlementLifeDeps) {
  const { store, clock } = deps;
  const feed = createChangeFeed(deps.log);
  // the people on screen (and the next preview) follow what each settlement did to their accounts
  feed.follow({ afterCommit: (c) => deps.identify.settlementChanged(c, c.kind === 'answered' ? c.balcAfter : undefined) });
  const answers = createAnswerHandling({ store, feed, updated: deps.updated, conflictRaised: deps.conflictRaised });
  const view = (rec: SettlementRecord) => store.settlements.toView(rec);
  const current = (id: string) => () => store.settlements.get(id)!;

  function requireRecord(id: string): SettlementRecord {
    const rec = store.settlements.get(id);
    if (!rec) throw AppError.keyed('NOT_FOUND', 'settle.noSuchSettlement', {}, { field: 'id', message: 'no such settlement' });
    return rec;
  }

  /** after a change committed: the screens, then the followers (the sync worker is one: it sends what was queued) */
  function told(rec: SettlementRecord, c: SettlementChange) {
    deps.updated(view(rec));
    feed.afterCommit(c);
  }

  /** queue the reversal (2208 / 2103) of a settlement, with its audit and the followers' rows, in one transaction */
  function queueReversal(rec: SettlementRecord, reason: string, conflict: { id: number } | null, within?: () => void, approval?: ReversalApproval): SettlementRecord {
    const actor = deps.actor();
    const c: SettlementChange = { kind: 'reversal_requested', settlementId: rec.id, record: current(rec.id), reason, actor, conflictId: conflict?.id ?? null };
    const updated = store.transaction(() => {
      const u = store.settlements.enqueue(rec.id, reversalMessages(rec), 'reversing', {
        actor,
        action: 'settlement.reverse',
        subject: rec.id,
        detail: { reason, ...(conflict ? { conflict: conflict.id } : {}), ...(approval ? { approved_by: approval.approvedBy, exception: approval.exception } : {}) },
      });
      within?.();
      feed.inTransaction(c);
      return u;
    });
    told(updated, c);
    return updated;
  }

  return {
    /** register a follower of every settlement's changes (printer queue, HIS notices, replication, the sync worker) */
    follow: (f: SettlementFollower) => feed.follow(f),

    preview(draft: BillDraft): PreviewOutput {
      const c = computeBill(deps.pricing, draft, deps.identify.get(draft.personRef), clock.today());
      return {
        ...c.result,
        lines_priced: c.lines.map((l) => ({ code: l.input_code, name: l.name, pric: l.pric, cnt: l.cnt, amount: lineAmount(l.pric, parseQty(l.cnt)), chrgitm_lv: l.chrgitm_lv, unmapped: l.unmapped })),
        stale: c.person.stale,
      };
    },

    confirm(draft: BillDraft & { requestId: string; cash?: CashTender | null }): SettlementView {
      // the same request again (double press, renderer retry, after a restart): what was committed, whatever the link does now
      if (store.settlements.exists(draft.requestId)) return view(requireRecord(draft.requestId));
      const person = deps.identify.get(draft.personRef);
      const today = clock.today();
      const c = computeBill(deps.pricing, draft, person, today);
      requireConfirmedUnusual(draft, c.result.split.medfee_sumamt, deps.counter);
      const offline = person.stale || deps.centerDown();
      let mark: { insured: number; fetchedAt: string | null } | null = null;
      if (offline) {
        const fetchedAt = person.stale ? store.personCache.fetchedAt(person.person.psn_no) : null;
        const insured = checkOfflineConfirm(deps.offline, { stale: person.stale, fetchedAt, nowMs: clock.now().getTime(), usedTodayFen: store.offlineMarks.usedOn(today) }, c.result.split);
        mark = { insured, fetchedAt };
      }
      const { record, items } = recordOf(draft, c, { today, nowIso: clock.now().toISOString(), terminalId: deps.terminalId, cashierNo: deps.actor() });
      const authorizer = record.mulaid_psn_no ? person.person.mulaid.find((a) => a.psn_no === record.mulaid_psn_no) : undefined;
      const accounts = { acct_balc: person.person.hasAccount ? person.person.balc : null, mulaid: authorizer ? { relation: authorizer.relation, balc: authorizer.balc } : null };
      const change: SettlementChange = { kind: 'confirmed', settlementId: record.id, record: () => record, items, offline: mark !== null, cash: draft.cash ?? null, accounts };
      const prepared = store.settlements.prepareConfirmed(record, items, settlementMessages(record), confirmAudit(record));
      const { record: committed, created } = store.settlements.commitPrepared(prepared, () => {
        if (mark) {
          store.offlineMarks.insert({ settlement_id: record.id, business_date: today, insured_fen: mark.insured, person_fetched_at: mark.fetchedAt, confirmed_at: clock.now().toISOString() });
          store.audit.append({ actor: record.cashier_no, action: 'settlement.offline_confirm', subject: record.id, detail: { insured_fen: mark.insured, person_fetched_at: mark.fetchedAt, stale: person.stale } });
        }
        feed.inTransaction(change);
      });
      if (!created) return view(committed);
      const v = store.settlements.toView(committed, items);
      deps.updated(v);
      feed.afterCommit(change);
      return v;
    },

    list(date?: string): SettlementView[] {
      return store.settlements.listByDate(date ?? clock.today()).map(view);
    },

    get: (id: string): SettlementView => view(requireRecord(id)),

    /** `approval`: who approved it (security/approval-rules.ts), recorded in the audit entry */
    reverse(id: string, reason: string, approval?: ReversalApproval): SettlementView {
      const rec = requireRecord(id);
      if (rec.status !== 'settled' && rec.status !== 'queued') {
        throw AppError.keyed('CONFLICT', 'reverse.notReversible', { status: rec.status }, { field: 'id', message: `a settlement in status ${rec.status} cannot be reversed` });
      }
      return view(queueReversal(rec, reason, null, undefined, approval));
    },

    /**
     * A person's decision on an open conflict: accept the center's result, or reverse the settlement
     * (only one the center settled). Returns the conflict as decided.
     */
    resolveConflict(id: number, decision: { accept: true; note: string | null } | { accept: false; reason: string }): ConflictRow {
      const c = store.conflicts.get(id);
      if (!c) throw AppError.keyed('NOT_FOUND', 'conflicts.noSuchConflict', {}, { field: 'id', message: `no conflict ${id}` });
      if (c.state !== 'open') throw AppError.keyed('CONFLICT', 'conflicts.alreadyDecided', { state: c.state }, { field: 'id', message: `conflict ${id} was already ${c.state}` });
      const actor = deps.actor();
      const resolution: Exclude<ConflictState, 'open'> = decision.accept ? 'accepted' : 'reversed';
      const note = decision.accept ? decision.note : decision.reason;
      const resolved: SettlementChange = { kind: 'conflict_resolved', settlementId: c.settlement_id, record: current(c.settlement_id), conflictId: c.id, resolution, actor, note };
      const write = () => {
        store.conflicts.resolve(c.id, resolution, actor, note);
        store.audit.append(
          decision.accept
            ? { actor, action: 'conflict.accept', subject: c.settlement_id, detail: { conflict: c.id, kind: c.kind, fields: c.fields, note } }
            : { actor, action: 'conflict.reverse', subject: c.settlement_id, detail: { conflict: c.id, reason: decision.reason } },
        );
        feed.inTransaction(resolved);
      };
      if (decision.accept) {
        store.transaction(write);
        feed.afterCommit(resolved);
      } else {
        const rec = store.settlements.get(c.settlement_id);
        if (!rec || c.kind !== 'split_differs' || rec.status !== 'settled') {
          throw AppError.keyed('CONFLICT', 'conflicts.onlySettledReversible', {}, { field: 'id', message: 'only a settlement the center settled can be reversed from a conflict' });
        }
        queueReversal(rec, decision.reason, c, write);
        feed.afterCommit(resolved);
      }
      return store.conflicts.get(c.id)!;
    },

    /** what the sync worker reports the center's answers to */
    answers,
  };
}
export type SettlementLife = ReturnType<typeof createSettlementLife>;

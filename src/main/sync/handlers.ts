/**
 * Calls of the sync area (src/shared/api-sync.ts): status, queue, send log, conflicts and the
 * decisions on them (made by the settlement's owner, audited there), offline marks.
 */
import type { SendLogView, SyncStatus } from '../../shared/api-sync.js';
import type { syncCalls } from '../../shared/api-sync.js';
import type { Clock } from '../clock.js';
import type { EventBus } from '../event-bus.js';
import type { AreaHandlers } from '../router.js';
import type { SettlementLife } from '../services/settlement/life.js';
import type { OfflineLimits } from '../services/settlement/offline-rule.js';
import type { Store } from '../store/index.js';
import { conflictView } from './conflict-view.js';
import type { SyncWorker } from './worker.js';

export interface SyncAreaDeps {
  store: Store;
  worker: Pick<SyncWorker, 'isSending'>;
  life: Pick<SettlementLife, 'resolveConflict'>;
  offline: OfflineLimits;
  clock: Pick<Clock, 'today'>;
  bus: EventBus;
  emitStatus(): void;
  /** a reversal from a conflict needs a supervisor's approval like any other (security/approval-rules.ts); throws when missing */
  authorize?(action: 'settlement.reverse', subject: string, token: string | undefined): unknown;
}

export function syncStatusOf(d: Pick<SyncAreaDeps, 'store' | 'worker' | 'offline' | 'clock'>): SyncStatus {
  const o = d.store.outbox.stats();
  const c = d.store.sendLog.counts();
  return {
    queueDepth: o.depth,
    oldestPendingAt: o.oldestAt,
    parked: o.parked,
    sending: d.worker.isSending(),
    unknownUnresolved: c.unresolved,
    sends: { pending: c.pending, success: c.success, refused: c.refused, unknown: c.unknown, unsent: c.unsent },
    conflictsOpen: d.store.conflicts.openCount(),
    offline: {
      allowConfirm: d.offline.allowConfirm,
      maxPerSettlementFen: d.offline.maxPerSettlementFen,
      maxPerDayFen: d.offline.maxPerDayFen,
      maxPersonAgeHours: d.offline.maxPersonAgeHours,
      usedTodayFen: d.store.offlineMarks.usedOn(d.clock.today()),
    },
  };
}

export function createSyncHandlers(d: SyncAreaDeps): AreaHandlers<typeof syncCalls> {
  const changed = () => {
    d.bus.emit('sync.changed', syncStatusOf(d));
    d.emitStatus();
  };
  return {
    'sync.status': () => syncStatusOf(d),
    'sync.queue': (i) =>
      d.store.outbox.queue(i.status === 'all' ? undefined : i.status).map(({ next_attempt_at, ...r }) => ({
        ...r,
        nextAttemptAt: next_attempt_at > 0 ? new Date(next_attempt_at).toISOString() : null,
      })),
    'sync.sends': (i): SendLogView[] =>
      d.store.sendLog.forSettlement(i.settlementId).map((r) => ({
        msgid: r.msgid,
        settlement_id: r.settlement_id,
        infno: r.infno,
        omsgid: r.omsgid,
        state: r.state,
        tries: r.tries,
        failure: r.failure,
        http_status: r.http_status,
        infcode: r.infcode,
        err_msg: r.err_msg,
        raw_reply: r.raw_reply,
        first_at: r.first_at,
        ended_at: r.ended_at,
        resolved_by: r.resolved_by,
        resolution: r.resolution,
      })),
    'sync.conflicts': (i) => d.store.conflicts.list(i.state ?? 'open').map((c) => conflictView(d.store, c)),
    'sync.acceptConflict': (i) => {
      const c = d.life.resolveConflict(i.id, { accept: true, note: i.note ?? null });
      changed();
      return conflictView(d.store, c);
    },
    'sync.reverseConflict': (i) => {
      const open = d.store.conflicts.get(i.id);
      if (open) d.authorize?.('settlement.reverse', open.settlement_id, i.approval);
      const c = d.life.resolveConflict(i.id, { accept: false, reason: i.reason });
      changed();
      return conflictView(d.store, c);
    },
    'sync.offlineMarks': (i) =>
      d.store.offlineMarks.onDate(i.date ?? d.clock.today()).map((m) => ({
        settlement_id: m.settlement_id,
        insured_fen: m.insured_fen,
        person_fetched_at: m.person_fetched_at,
        confirmed_at: m.confirmed_at,
      })),
  };
}

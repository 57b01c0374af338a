/**
 * Calls of the sync area (src/shared/api-sync.ts): status, queue, send log, conflicts and their
 * actions (each audited), offline marks. Reads go through the worker's send log and conflict repo.
 */
import type { ConflictView, QueueItemView, SendLogView, SyncStatus } from '../../shared/api-sync.js';
import type { syncCalls } from '../../shared/api-sync.js';
import type { AppContext, AreaHandlers } from '../app-context.js';
import { AppError } from '../router.js';
import { reversalMessages } from '../services/center-messages.js';
import type { ConflictRow } from './conflicts.js';
import { createOfflineMarks } from './offline.js';

export function syncStatusOf(ctx: Pick<AppContext, 'store' | 'worker' | 'config' | 'clock'>): SyncStatus {
  const o = ctx.store.outbox.stats();
  const c = ctx.worker.sendLog.counts();
  const cfg = ctx.config.offline;
  return {
    queueDepth: o.depth,
    oldestPendingAt: o.oldestAt,
    parked: o.parked,
    sending: ctx.worker.isSending(),
    unknownUnresolved: c.unresolved,
    sends: { pending: c.pending, success: c.success, refused: c.refused, unknown: c.unknown, unsent: c.unsent },
    conflictsOpen: ctx.worker.conflicts.openCount(),
    offline: {
      allowConfirm: cfg.allowConfirm,
      maxPerSettlementFen: cfg.maxPerSettlementFen,
      maxPerDayFen: cfg.maxPerDayFen,
      maxPersonAgeHours: cfg.maxPersonAgeHours,
      usedTodayFen: createOfflineMarks(ctx).usedOn(ctx.clock.today()),
    },
  };
}

export function conflictView(ctx: Pick<AppContext, 'store'>, c: ConflictRow): ConflictView {
  const rec = ctx.store.settlements.get(c.settlement_id);
  if (!rec) throw new AppError('NOT_FOUND', `the settlement of conflict ${c.id} is missing`, 'id');
  const actions: ConflictView['actions'] = [];
  if (c.state === 'open') {
    actions.push('accept');
    // reversing makes sense only for what the center settled
    if (c.kind === 'split_differs' && rec.status === 'settled') actions.push('reverse');
  }
  return {
    id: c.id,
    settlement_id: c.settlement_id,
    kind: c.kind,
    reason: c.reason,
    fields: c.fields,
    local: c.local_split,
    center: c.center_split,
    state: c.state,
    raised_at: c.raised_at,
    resolved_at: c.resolved_at,
    resolved_by: c.resolved_by,
    note: c.note,
    actions,
    settlement: {
      kind: rec.kind,
      status: rec.status,
      created_at: rec.created_at,
      psn_name_masked: rec.psn_name_masked,
      certno_masked: rec.certno_masked,
      mulaid_name_masked: rec.mulaid_name_masked,
      setl_id: rec.setl_id,
      offline: createOfflineMarks(ctx).has(rec.id),
    },
  };
}

export function createSyncHandlers(ctx: AppContext): AreaHandlers<typeof syncCalls> {
  const marks = createOfflineMarks(ctx);
  const actor = () => ctx.session.current()?.no ?? 'system';
  const changed = () => {
    ctx.bus.emit('sync.changed', syncStatusOf(ctx));
    ctx.emitStatus();
  };
  const openConflict = (id: number): ConflictRow => {
    const c = ctx.worker.conflicts.get(id);
    if (!c) throw new AppError('NOT_FOUND', `no conflict ${id}`, 'id');
    if (c.state !== 'open') throw new AppError('CONFLICT', `conflict ${id} was already ${c.state}`, 'id');
    return c;
  };

  return {
    'sync.status': () => syncStatusOf(ctx),
    'sync.queue': (i) => {
      const cols = 'id, settlement_id, step, infno, msgid, status, attempts, next_attempt_at, last_error, unknown_msgid, created_at';
      // one SELECT per status, so each is read from its partial index (pending, parked) rather than the whole history
      const statuses = i.status && i.status !== 'all' ? [i.status] : ['pending', 'parked'];
      const rows = ctx.store.db
        .prepare(`${statuses.map(() => `SELECT ${cols} FROM outbox WHERE status = ?`).join(' UNION ALL ')} ORDER BY id LIMIT 500`)
        .all(...statuses) as Array<Omit<QueueItemView, 'nextAttemptAt'> & { next_attempt_at: number }>;
      return rows.map(({ next_attempt_at, ...r }) => ({ ...r, nextAttemptAt: next_attempt_at > 0 ? new Date(next_attempt_at).toISOString() : null }));
    },
    'sync.sends': (i): SendLogView[] =>
      ctx.worker.sendLog.forSettlement(i.settlementId).map((r) => ({
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
    'sync.conflicts': (i) => ctx.worker.conflicts.list(i.state ?? 'open').map((c) => conflictView(ctx, c)),
    'sync.acceptConflict': (i) => {
      const c = openConflict(i.id);
      ctx.store.db.transaction(() => {
        ctx.worker.conflicts.resolve(c.id, 'accepted', actor(), i.note ?? null);
        ctx.store.audit.append({ actor: actor(), action: 'conflict.accept', subject: c.settlement_id, detail: { conflict: c.id, kind: c.kind, fields: c.fields, note: i.note ?? null } });
      })();
      changed();
      return conflictView(ctx, ctx.worker.conflicts.get(c.id)!);
    },
    'sync.reverseConflict': (i) => {
      const c = openConflict(i.id);
      const rec = ctx.store.settlements.get(c.settlement_id);
      if (!rec || c.kind !== 'split_differs' || rec.status !== 'settled') {
        throw new AppError('CONFLICT', 'only a settlement the center settled can be reversed from a conflict', 'id');
      }
      let updated = rec;
      ctx.store.db.transaction(() => {
        updated = ctx.store.settlements.enqueue(rec.id, reversalMessages(rec), 'reversing', {
          actor: actor(),
          action: 'settlement.reverse',
          subject: rec.id,
          detail: { reason: i.reason, conflict: c.id },
        });
        ctx.worker.conflicts.resolve(c.id, 'reversed', actor(), i.reason);
        ctx.store.audit.append({ actor: actor(), action: 'conflict.reverse', subject: rec.id, detail: { conflict: c.id, reason: i.reason } });
      })();
      ctx.bus.emit('settlement.updated', ctx.store.settlements.toView(updated));
      ctx.worker.kick();
      changed();
      return conflictView(ctx, ctx.worker.conflicts.get(c.id)!);
    },
    'sync.offlineMarks': (i) =>
      marks.onDate(i.date ?? ctx.clock.today()).map((m) => ({
        settlement_id: m.settlement_id,
        insured_fen: m.insured_fen,
        person_fetched_at: m.person_fetched_at,
        confirmed_at: m.confirmed_at,
      })),
  };
}

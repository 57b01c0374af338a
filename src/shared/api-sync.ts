/**
 * Calls and events of the sync area, merged into the one contract by api.ts: the outbox and send
 * log for support, conflicts between the terminal and the center (with their actions), and the
 * marks of settlements confirmed while the center was unreachable.
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { BillKind, SettlementStatus, Split, fen, isoDate } from './domain.js';

const int = z.number().int().nonnegative();

export const SendState = z.enum(['pending', 'success', 'refused', 'unknown', 'unsent']);

export const SyncStatus = z.object({
  /** settlements with a message still to send */
  queueDepth: int,
  oldestPendingAt: z.string().nullable(),
  /** messages parked after a refusal */
  parked: int,
  sending: z.boolean(),
  /** messages whose last send has an unknown outcome, waiting for their 2601 */
  unknownUnresolved: int,
  sends: z.object({ pending: int, success: int, refused: int, unknown: int, unsent: int }),
  conflictsOpen: int,
  offline: z.object({
    allowConfirm: z.boolean(),
    maxPerSettlementFen: fen,
    maxPerDayFen: fen,
    maxPersonAgeHours: z.number().nonnegative(),
    /** insured amount (everything but cash) confirmed offline today */
    usedTodayFen: fen,
  }),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const QueueItemView = z.object({
  id: int,
  settlement_id: z.string(),
  step: int,
  infno: z.string(),
  msgid: z.string(),
  status: z.enum(['pending', 'done', 'parked']),
  attempts: int,
  nextAttemptAt: z.string().nullable(),
  last_error: z.string().nullable(),
  /** the msgid whose outcome is unknown (a 2601 goes first), else null */
  unknown_msgid: z.string().nullable(),
  created_at: z.string(),
});
export type QueueItemView = z.infer<typeof QueueItemView>;

export const SendLogView = z.object({
  msgid: z.string(),
  settlement_id: z.string(),
  infno: z.string(),
  omsgid: z.string().nullable(),
  state: SendState,
  tries: int,
  failure: z.string().nullable(),
  http_status: z.number().int().nullable(),
  infcode: z.number().int().nullable(),
  err_msg: z.string().nullable(),
  /** the center's unusable reply, kept for support */
  raw_reply: z.string().nullable(),
  first_at: z.string(),
  ended_at: z.string().nullable(),
  resolved_by: z.string().nullable(),
  resolution: z.enum(['reversed', 'not_applied']).nullable(),
});
export type SendLogView = z.infer<typeof SendLogView>;

export const ConflictAction = z.enum(['accept', 'reverse']);
export type ConflictAction = z.infer<typeof ConflictAction>;

export const ConflictView = z.object({
  id: int,
  settlement_id: z.string(),
  kind: z.enum(['split_differs', 'refused']),
  /** the center's reason (refused) or the differing fields (split_differs) */
  reason: z.string(),
  fields: z.array(z.string()),
  local: Split,
  center: Split.nullable(),
  state: z.enum(['open', 'accepted', 'reversed']),
  raised_at: z.string(),
  resolved_at: z.string().nullable(),
  resolved_by: z.string().nullable(),
  note: z.string().nullable(),
  /** what can be done now; accept needs a supervisor */
  actions: z.array(ConflictAction),
  settlement: z.object({
    kind: BillKind,
    status: SettlementStatus,
    created_at: z.string(),
    psn_name_masked: z.string(),
    certno_masked: z.string(),
    mulaid_name_masked: z.string().nullable(),
    setl_id: z.string().nullable(),
    offline: z.boolean(),
  }),
});
export type ConflictView = z.infer<typeof ConflictView>;

export const OfflineMark = z.object({
  settlement_id: z.string(),
  /** insured amount (everything but cash) */
  insured_fen: fen,
  /** when the person data used was fetched from the center (cache age), or null */
  person_fetched_at: z.string().nullable(),
  confirmed_at: z.string(),
});
export type OfflineMark = z.infer<typeof OfflineMark>;

const call = defineCall;

export const syncCalls = {
  /** queue depth, oldest pending, parked, unknown outcomes, open conflicts, offline allowance */
  'sync.status': call(empty, SyncStatus),
  'sync.queue': call(z.object({ status: z.enum(['pending', 'parked', 'all']).optional() }).strict(), z.array(QueueItemView)),
  /** the send log of one settlement: every msgid, its outcome and the kept reply */
  'sync.sends': call(z.object({ settlementId: z.string().min(1) }).strict(), z.array(SendLogView)),
  'sync.conflicts': call(z.object({ state: z.enum(['open', 'accepted', 'reversed', 'all']).optional() }).strict(), z.array(ConflictView)),
  /** acknowledge the center's result: the settlement stays as the center recorded it (audited) */
  'sync.acceptConflict': call(z.object({ id: int, note: z.string().max(200).optional() }).strict(), ConflictView, { supervisor: true }),
  /** reverse the settlement at the center (2208 / 2103 queued, audited) */
  'sync.reverseConflict': call(z.object({ id: int, reason: z.string().min(1).max(100), approval: z.string().max(100).optional() }).strict(), ConflictView),
  /** settlements of a day confirmed while the center was unreachable */
  'sync.offlineMarks': call(z.object({ date: isoDate.optional() }).strict(), z.array(OfflineMark)),
} as const;

export const syncEvents = {
  /** the queue, the send log or the conflicts changed */
  'sync.changed': SyncStatus,
  'conflict.raised': ConflictView,
} as const;

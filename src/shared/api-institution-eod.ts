/**
 * Calls of the institution's end of day (all windows of one fixmedins_code, read from the
 * institution's PostgreSQL over the finance connection), merged into the one contract by api.ts.
 * Supervisor only. Amounts are signed integer fen as in api-reconcile.ts, whose shapes are reused.
 */
import { z } from 'zod';
import { defineCall } from './contract.js';
import { isoDate } from './domain.js';
import { DayStatus, ExportFormat, ExportInfo, PendingItem, ReconDifference, ReconGroup, ReconTotals } from './api-reconcile.js';

/** a difference of the 3202 compare, naming the window and the cashier where the institution has the record */
export const InstDifference = ReconDifference.extend({ terminal_id: z.string().nullable(), cashier_no: z.string().nullable() });
export type InstDifference = z.infer<typeof InstDifference>;

export const InstGroup = ReconGroup.extend({ differences: z.array(InstDifference) });
export type InstGroup = z.infer<typeof InstGroup>;

export const InstPendingItem = PendingItem.extend({ terminal_id: z.string(), cashier_no: z.string() });
export type InstPendingItem = z.infer<typeof InstPendingItem>;

/** one window's share of one group: the per-window breakdown */
export const WindowGroupTotals = z.object({
  terminal_id: z.string(),
  label: z.string(),
  insutype: z.string(),
  clr_type: z.string(),
  /** counted: settlements + reversal records (net) */
  local: ReconTotals,
  settlements: ReconTotals,
  reversals: ReconTotals,
  pending: ReconTotals,
});
export type WindowGroupTotals = z.infer<typeof WindowGroupTotals>;

/** a window that has not replicated everything of the period, or has not been heard from */
export const IncompleteWindow = z.object({
  terminal_id: z.string(),
  label: z.string(),
  reason: z.enum(['backlog', 'silent']),
  backlog: z.number().int().nonnegative(),
  oldest_unsent_date: isoDate.nullable(),
  /** ISO, the server's clock; null: never heard from */
  heard_at: z.string().nullable(),
});
export type IncompleteWindow = z.infer<typeof IncompleteWindow>;

export const InstitutionEodResult = z.object({
  id: z.string(),
  date_from: isoDate,
  date_to: isoDate,
  at: z.string(),
  operator: z.object({ no: z.string(), name: z.string() }),
  institution: z.object({ fixmedins_code: z.string(), fixmedins_name: z.string() }),
  /** never 'balanced' while a window is incomplete or anything is pending at the center */
  status: DayStatus,
  groups: z.array(InstGroup),
  windows: z.array(WindowGroupTotals),
  incomplete: z.array(IncompleteWindow),
  pending: z.array(InstPendingItem),
  /** pending items beyond the ones listed */
  pendingOmitted: z.number().int().nonnegative(),
  refusedCount: z.number().int().nonnegative(),
});
export type InstitutionEodResult = z.infer<typeof InstitutionEodResult>;

const inOrder = (p: { date: string; to?: string }) => !p.to || p.to >= p.date;
const notInOrder = { message: 'to: the period ends before it starts', path: ['to'] };
const Period = z.object({ date: isoDate, to: isoDate.optional() }).strict().refine(inOrder, notInOrder);

export const institutionEodCalls = {
  /** is the institution scope available here (institution.finance configured) */
  'institutionEod.available': defineCall(z.object({}).strict(), z.object({ available: z.boolean() }), { supervisor: true }),
  /** reconcile the whole institution for a day (or date..to) */
  'institutionEod.run': defineCall(Period, InstitutionEodResult, { supervisor: true }),
  /** the last run of exactly that period, or null */
  'institutionEod.last': defineCall(Period, InstitutionEodResult.nullable(), { supervisor: true }),
  // an export of a period ending before it starts would be an empty file, not an error
  'institutionEod.export': defineCall(z.object({ date: isoDate, to: isoDate.optional(), format: ExportFormat }).strict().refine(inOrder, notInOrder), ExportInfo, { supervisor: true }),
} as const;

export const institutionEodEvents = {} as const;

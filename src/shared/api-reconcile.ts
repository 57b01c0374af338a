/**
 * Calls and events of the reconcile area (end of day), merged into the one contract by api.ts.
 * Amounts are integer fen and SIGNED here: reversal records carry negative amounts, and a day's
 * net total can be negative when it holds reversals of earlier days.
 */
import { z } from 'zod';
import { defineCall } from './contract.js';
import { SettlementStatus, isoDate } from './domain.js';

const signedFen = z.number().int().describe('signed amount in fen');

/** The five amounts reconciliation adds up, in national names. */
export const RECON_AMOUNT_FIELDS = ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'acct_mulaid_pay', 'psn_cash_pay'] as const;
export const ReconAmountField = z.enum(RECON_AMOUNT_FIELDS);
export type ReconAmountField = z.infer<typeof ReconAmountField>;

/** A count and the five amounts. */
export const ReconTotals = z.object({
  count: z.number().int(),
  medfee_sumamt: signedFen,
  fund_pay_sumamt: signedFen,
  acct_pay: signedFen,
  acct_mulaid_pay: signedFen,
  psn_cash_pay: signedFen,
});
export type ReconTotals = z.infer<typeof ReconTotals>;

export const DifferenceKind = z.enum([
  'missing_here', // the center has it, this terminal does not count it
  'missing_at_center', // this terminal counts it, the center does not have it
  'amounts_differ', // both have it; `fields` says which amount and by how much
]);
export type DifferenceKind = z.infer<typeof DifferenceKind>;

export const ReconDifference = z.object({
  kind: DifferenceKind,
  setl_id: z.string(),
  /** 1 = a reversal record */
  refd_setl_flag: z.enum(['0', '1']),
  mdtrt_id: z.string(),
  psn_no: z.string(),
  psn_name_masked: z.string().nullable(),
  /** the local settlement, when this terminal has it */
  settlement_id: z.string().nullable(),
  setl_time: z.string(),
  /** per amount: this terminal's, the center's, and center − local */
  fields: z.array(z.object({ field: ReconAmountField, local: signedFen.nullable(), center: signedFen.nullable(), delta: signedFen })),
  /** a center-only record that looks like a local settlement still pending (its outcome never reached this terminal) */
  local_pending_id: z.string().nullable(),
});
export type ReconDifference = z.infer<typeof ReconDifference>;

export const GroupStatus = z.enum(['balanced', 'not_balanced', 'pending', 'not_reconciled']);
export type GroupStatus = z.infer<typeof GroupStatus>;

export const ReconGroup = z.object({
  insutype: z.string(),
  clr_type: z.string(),
  /** what this terminal counts: settlements + reversal records (net) */
  local: ReconTotals,
  /** of which: the settlements themselves */
  settlements: ReconTotals,
  /** of which: reversal records (negative amounts), listed on their own */
  reversals: ReconTotals,
  /** still pending at the center: NOT in `local`, shown apart */
  pending: ReconTotals,
  /** the center's totals (3201), null when not reconciled */
  center: ReconTotals.nullable(),
  stmt_rslt: z.enum(['0', '1']).nullable(),
  stmt_rslt_dscr: z.string(),
  status: GroupStatus,
  differences: z.array(ReconDifference),
  /** differences beyond the ones listed (very large mismatches are capped) */
  differencesOmitted: z.number().int().nonnegative(),
});
export type ReconGroup = z.infer<typeof ReconGroup>;

export const PendingItem = z.object({
  settlement_id: z.string(),
  /** the settlement itself or its reversal is what the center has not confirmed */
  what: z.enum(['settlement', 'reversal']),
  status: SettlementStatus,
  insutype: z.string(),
  clr_type: z.string(),
  created_at: z.string(),
  psn_name_masked: z.string(),
  medfee_sumamt: signedFen,
  last_error: z.string().nullable(),
});
export type PendingItem = z.infer<typeof PendingItem>;

export const DayStatus = z.enum(['balanced', 'not_balanced', 'pending', 'not_reconciled']);
export type DayStatus = z.infer<typeof DayStatus>;

export const ReconcileResult = z.object({
  id: z.string(),
  date_from: isoDate,
  date_to: isoDate,
  /** when it ran (ISO) */
  at: z.string(),
  operator: z.object({ no: z.string(), name: z.string() }),
  institution: z.object({ fixmedins_code: z.string(), fixmedins_name: z.string(), terminal_id: z.string() }),
  status: DayStatus,
  groups: z.array(ReconGroup),
  pending: z.array(PendingItem),
  /** refused settlements of the period: no money moved, listed for information */
  refusedCount: z.number().int().nonnegative(),
});
export type ReconcileResult = z.infer<typeof ReconcileResult>;

export const ExportFormat = z.enum(['csv', 'xlsx', 'pdf']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportInfo = z.object({
  format: ExportFormat,
  /** absolute path of the written file (data directory's exports/ folder) */
  file: z.string(),
  fileName: z.string(),
  /** detail rows written (CSV, XLSX) or pages (PDF) */
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  at: z.string(),
});
export type ExportInfo = z.infer<typeof ExportInfo>;

const Period = z
  .object({ date: isoDate, to: isoDate.optional() })
  .strict()
  .refine((p) => !p.to || p.to >= p.date, { message: 'to: the period ends before it starts', path: ['to'] });

export const reconcileCalls = {
  /** reconcile a day (or date..to) with the center: 3201 per group, 3202 where a group does not balance */
  'reconcile.run': defineCall(Period, ReconcileResult),
  /** the last reconciliation of exactly that period, or null */
  'reconcile.last': defineCall(Period, ReconcileResult.nullable()),
  /** write an export into the data directory's exports/ folder */
  'reconcile.export': defineCall(
    z.object({ date: isoDate, to: isoDate.optional(), format: ExportFormat }).strict(),
    ExportInfo,
  ),
  /** developer panel / tests: make the simulated center lose the latest settlement or alter one amount */
  'reconcile.devDrift': defineCall(
    z
      .object({
        lose: z.boolean().optional(),
        alter: z.object({ field: ReconAmountField, delta: z.number().int().refine((n) => n !== 0, 'delta must not be 0') }).nullable().optional(),
      })
      .strict(),
    z.object({ lose_setl_id: z.string().nullable(), alter: z.object({ setl_id: z.string(), field: z.string(), delta: z.number().int() }).nullable() }),
    { dev: true },
  ),
} as const;

export const ReconcileProgress = z.object({
  runId: z.string(),
  phase: z.enum(['local', 'totals', 'details', 'export', 'done', 'failed']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** the group being worked on, e.g. "310/41" */
  group: z.string().nullable(),
});
export type ReconcileProgress = z.infer<typeof ReconcileProgress>;

export const reconcileEvents = {
  'reconcile.progress': ReconcileProgress,
} as const;

/**
 * Calls of the till (收银): the cash taken at the counter and the shift hand-over (收费员交班),
 * merged into the one contract by api.ts. Amounts are integer fen; the cash fields are the cashier's
 * own figures (what was handed over the counter), not the center's.
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { fen, isoDate } from './domain.js';

/** 100,000.00 yuan: more cash than any counter takes for one bill (the router refuses it as a typo) */
export const MAX_RECEIVED_FEN = 10_000_000;

/** What the patient handed over for the cash part: sent with settle.confirm (checked against the cash due on the main side). */
export const CashTender = z
  .object({
    received: fen.max(MAX_RECEIVED_FEN),
    /** typed, a note key (100, 50) or "exact" (整额) */
    tender: z.enum(['typed', 'note', 'exact']).default('typed'),
  })
  .strict();
export type CashTender = z.infer<typeof CashTender>;

const signedFen = z.number().int();

/** A count and the five amounts (signed: a day's net may be negative). */
export const TillTotals = z.object({
  count: z.number().int().nonnegative(),
  medfee: signedFen,
  fund: signedFen,
  acct: signedFen,
  mulaid: signedFen,
  cash: signedFen,
});
export type TillTotals = z.infer<typeof TillTotals>;

/** The hand-over's figures: a pure summary of one cashier's window (a shift or a day). */
export const HandoverSummary = z.object({
  cashier: z.object({ no: z.string(), name: z.string() }),
  terminal_id: z.string(),
  business_date: isoDate,
  /** the window: after `from` up to `to` (ISO instants); a day summary gives the day's bounds */
  from: z.string(),
  to: z.string(),
  /** settlements confirmed in the window (not refused), with the amounts as they stand (the center's where it answered) */
  settlements: TillTotals,
  /** of which the center has not confirmed yet */
  settlementsPending: z.number().int().nonnegative(),
  /** refused by the center: no money moved at the center; cash taken for them is to be given back */
  refused: z.object({ count: z.number().int().nonnegative(), cash: signedFen }),
  /** reversals asked for in the window (not refused by the center): what went back */
  reversals: TillTotals,
  reversalsPending: z.number().int().nonnegative(),
  reversalsRefused: z.number().int().nonnegative(),
  /** totals by payment kind, net of reversals */
  byKind: z.object({ fund: signedFen, acct: signedFen, mulaid: signedFen, cashCollected: signedFen, cashRefunded: signedFen }),
  /** what should be in the drawer: cash collected − cash refunded */
  cashExpected: signedFen,
});
export type HandoverSummary = z.infer<typeof HandoverSummary>;

export const HandoverRecord = z.object({
  id: z.number().int().positive(),
  summary: HandoverSummary,
  cashCounted: fen,
  /** counted − expected: positive is more in the drawer than expected */
  difference: signedFen,
  note: z.string().nullable(),
  /** the tamper-evident audit chain's head at hand-over (issue 13); null until that chain exists */
  auditChainHead: z.string().nullable(),
  createdAt: z.string(),
  /** the print job of its thermal slip, when one was asked for */
  printJobId: z.number().int().nullable(),
});
export type HandoverRecord = z.infer<typeof HandoverRecord>;

export const ReceiptView = z.object({
  settlementId: z.string(),
  cashDue: fen,
  received: fen.nullable(),
  change: fen.nullable(),
  tender: z.enum(['typed', 'note', 'exact']).nullable(),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

export const PdfFile = z.object({
  file: z.string(),
  bytes: z.number().int().positive(),
  /** print_dialog: the shell opened the OS print dialog; download: the renderer saves `base64` */
  delivered: z.enum(['print_dialog', 'download']),
  base64: z.string().nullable(),
  name: z.string(),
});
export type PdfFile = z.infer<typeof PdfFile>;

export const tillCalls = {
  /** the open shift of the cashier at the window (since their last hand-over) */
  'till.handoverPreview': defineCall(empty, HandoverSummary),
  /** record the hand-over with the cash counted; `print` queues its thermal slip */
  'till.handoverRecord': defineCall(
    z.object({ cashCounted: fen.max(1_000_000_000), note: z.string().max(100).nullable().default(null), print: z.boolean().default(true) }).strict(),
    HandoverRecord,
  ),
  'till.handoverGet': defineCall(z.object({ id: z.number().int().positive() }).strict(), HandoverRecord),
  'till.handoverPdf': defineCall(z.object({ id: z.number().int().positive() }).strict(), PdfFile),
  'till.handoverReprint': defineCall(z.object({ id: z.number().int().positive() }).strict(), z.object({ jobId: z.number().int() })),
  'till.receipt': defineCall(z.object({ settlementId: z.string().min(1).max(64) }).strict(), ReceiptView.nullable()),
} as const;

export const tillEvents = {} as const;

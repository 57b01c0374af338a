/**
 * Calls and events of the receipt printer and its queue, merged into the one contract by api.ts.
 * The printer's state is what its real-time status (DLE EOT) says; the queue is durable, so a slip
 * that cannot print waits for the printer (or is reprinted, 补打).
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { PdfFile } from './api-till.js';

export const PrinterState = z.enum(['ready', 'paper_out', 'cover_open', 'offline', 'error', 'unknown']);
export type PrinterState = z.infer<typeof PrinterState>;

export const PrintStatus = z.object({
  printer: z.object({
    kind: z.enum(['virtual', 'serial', 'usb', 'network']),
    /** paper width in mm and the columns it holds */
    width: z.union([z.literal(58), z.literal(80)]),
    columns: z.number().int(),
    state: PrinterState,
    /** the paper roll is near its end */
    nearEnd: z.boolean(),
    reason: z.string().nullable(),
    checkedAt: z.string().nullable(),
  }),
  queue: z.object({
    /** slips waiting to print (for the center's answer, or for the printer) */
    waiting: z.number().int().nonnegative(),
    /** slips that may not have printed (the terminal stopped, or the printer failed while printing) */
    uncertain: z.number().int().nonnegative(),
  }),
});
export type PrintStatus = z.infer<typeof PrintStatus>;

export const PrintJobKind = z.enum(['settlement', 'reversal', 'drawer', 'handover']);

export const PrintJobView = z.object({
  id: z.number().int(),
  kind: PrintJobKind,
  settlementId: z.string().nullable(),
  handoverId: z.number().int().nullable(),
  reprintNo: z.number().int().nullable(),
  state: z.enum(['held', 'ready', 'sending', 'printed', 'uncertain', 'cancelled']),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

/** A job's bytes read back as the printer prints them (the virtual printer's paper). */
export const PaperView = z.object({
  jobId: z.number().int(),
  columns: z.number().int(),
  lines: z.array(z.object({ text: z.string(), columns: z.number().int(), align: z.enum(['left', 'center', 'right']), bold: z.boolean(), double: z.boolean() })),
  qr: z.array(z.object({ data: z.string(), atLine: z.number().int() })),
  cuts: z.number().int(),
  drawerKicks: z.number().int(),
  bytes: z.number().int(),
});
export type PaperView = z.infer<typeof PaperView>;

const slipRef = z.object({ settlementId: z.string().min(1).max(64), kind: z.enum(['settlement', 'reversal']).default('settlement') }).strict();

export const printCalls = {
  'print.status': defineCall(empty, PrintStatus, { auth: false }),
  'print.jobs': defineCall(z.object({ settlementId: z.string().min(1).max(64) }).strict(), z.array(PrintJobView)),
  /** slips waiting and slips that may not have printed */
  'print.open': defineCall(empty, z.array(PrintJobView)),
  /** 补打: a new job of the slip as it stands now, marked with its reprint number; audited */
  'print.reprint': defineCall(slipRef, PrintJobView),
  /** the cashier saw the slip of an uncertain job on paper: it counts as printed (audited) */
  'print.acknowledge': defineCall(z.object({ jobId: z.number().int().positive() }).strict(), PrintJobView),
  'print.paper': defineCall(z.object({ jobId: z.number().int().positive() }).strict(), PaperView),
  /** the A4 PDF of a settlement's slip or its reversal slip */
  'print.pdf': defineCall(slipRef, PdfFile),
  /** developer panel: the virtual printer's state (paper out, cover open, offline, ready) */
  'dev.printerState': defineCall(z.object({ state: PrinterState.exclude(['unknown', 'error']) }).strict(), PrintStatus, { dev: true }),
} as const;

export const printEvents = {
  'print.status': PrintStatus,
  /** a job reached the paper (or may have) */
  'print.printed': PrintJobView,
} as const;

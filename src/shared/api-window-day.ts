/**
 * Calls of the window's day (本窗口日结 at a hospital), merged into the one contract by api.ts. With an
 * institution database the center reconciles the whole institution (全院, a supervisor's), so a window's
 * own end of day is what the window and its cashiers did: the hand-over's figures per cashier and for
 * the window, the hand-overs recorded, and how far the window's replication to the institution
 * database has come. Amounts are integer fen (signed where a day's net may be negative).
 */
import { z } from 'zod';
import { defineCall, empty } from './contract.js';
import { isoDate } from './domain.js';
import { InstitutionState } from './api-institution-replication.js';
import { HandoverSummary, PdfFile } from './api-till.js';

const signedFen = z.number().int();
const count = z.number().int().nonnegative();

/** the hand-over's figures (api-till.ts HandoverSummary) without its header */
export const DayFigures = HandoverSummary.pick({
  settlements: true,
  settlementsPending: true,
  refused: true,
  reversals: true,
  reversalsPending: true,
  reversalsRefused: true,
  byKind: true,
  cashExpected: true,
});
export type DayFigures = z.infer<typeof DayFigures>;

/** what the cashier's hand-overs of the day added up to */
export const HandedOver = z.object({ count, expected: signedFen, counted: signedFen, difference: signedFen });
export type HandedOver = z.infer<typeof HandedOver>;

export const CashierDay = DayFigures.extend({
  cashier: z.object({ no: z.string(), name: z.string() }),
  handedOver: HandedOver,
});
export type CashierDay = z.infer<typeof CashierDay>;

/** one recorded hand-over of the day: who, when, the cash expected and counted, over (+) or short (−) */
export const DayHandover = z.object({
  id: z.number().int().positive(),
  cashier: z.object({ no: z.string(), name: z.string() }),
  /** the shift: after `from` up to `to`, ISO instants */
  from: z.string(),
  to: z.string(),
  createdAt: z.string(),
  cashExpected: signedFen,
  cashCounted: signedFen,
  difference: signedFen,
  note: z.string().nullable(),
});
export type DayHandover = z.infer<typeof DayHandover>;

export const WindowReplication = z.object({
  /** null where only the window's own database was read (the `pos day` command): the backlog is still exact */
  state: InstitutionState.nullable(),
  /** changes this window holds that the institution database does not have yet */
  backlog: count,
  /** business date of the oldest of them (null: none) */
  oldestUnsentDate: isoDate.nullable(),
  lastOkAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type WindowReplication = z.infer<typeof WindowReplication>;

export const WindowDay = z.object({
  terminal_id: z.string(),
  fixmedins_code: z.string(),
  fixmedins_name: z.string(),
  business_date: isoDate,
  /** when the summary was made, ISO */
  at: z.string(),
  cashiers: z.array(CashierDay),
  total: DayFigures.extend({ handedOver: HandedOver }),
  handovers: z.array(DayHandover),
  replication: WindowReplication,
});
export type WindowDay = z.infer<typeof WindowDay>;

export const windowDayCalls = {
  /** does this terminal have an institution database (then its end of day is the window's day) */
  'windowDay.available': defineCall(empty, z.object({ available: z.boolean() })),
  /** the window's day for a business date (CONFLICT without an institution database) */
  'windowDay.get': defineCall(z.object({ date: isoDate }).strict(), WindowDay),
  /** the same as an A4 PDF (the hand-over slip's layout), to the print dialog or for download */
  'windowDay.pdf': defineCall(z.object({ date: isoDate }).strict(), PdfFile),
} as const;

export const windowDayEvents = {} as const;
